package drill

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
)

// ticks returns the axis ticks from 0 to at most top: 1, 2 or 5 times a
// power of ten apart, about five of them.
func ticks(top float64) []float64 {
	if !(top > 0) || math.IsInf(top, 0) {
		return []float64{0}
	}
	step := niceStep(top / 5)
	var out []float64
	for i := 0; float64(i)*step <= top*(1+1e-9); i++ {
		out = append(out, float64(i)*step)
	}
	return out
}

// niceStep rounds a raw tick spacing to the nearest of 1, 2 or 5 times a
// power of ten (Heckbert's nice numbers).
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / p; {
	case f < 1.5:
		return p
	case f < 3:
		return 2 * p
	case f < 7:
		return 5 * p
	}
	return 10 * p
}

// tickLabel formats a tick value with no more digits than it needs.
func tickLabel(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// hex returns a colour as CSS #rrggbb.
func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// fillStyle returns a CSS fill with the colour's alpha as its opacity.
func fillStyle(c color.RGBA) string {
	return fmt.Sprintf("fill:%s;fill-opacity:%.2f;stroke:none", hex(c), float64(c.A)/255)
}
