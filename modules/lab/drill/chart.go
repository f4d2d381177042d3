package drill

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"strings"
	"time"
)

// The chart's colours; the Chromium test looks for ackColor's pixels.
var (
	ackColor      = color.RGBA{R: 0x1f, G: 0x5f, B: 0xbf, A: 0xff}
	failureColor  = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	lostColor     = color.RGBA{R: 0xff, G: 0x8c, B: 0x00, A: 0xff}
	faultColor    = color.RGBA{R: 0xb0, G: 0x00, B: 0x00, A: 0xff}
	recoveryColor = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
	stepColors    = []color.RGBA{{R: 0xc8, G: 0xd8, B: 0xf0, A: 0xa0}, {R: 0xe8, G: 0xd8, B: 0xb0, A: 0xa0}}
)

// ChartWidth and ChartHeight are the size of each timeline chart in CSS
// pixels: 18 × 8 cm at 96 pixels to the inch.
const (
	ChartWidth  = 680
	ChartHeight = 302
)

// series is one line of the chart: a value per timeline bucket.
type series struct {
	name  string
	color color.RGBA
	value func(i int) float64
}

// TimelineSVG draws a scenario's timeline as an SVG element: acknowledged
// posts and failed attempts per second, the fault, each runbook step as a
// shaded span and the recovery, in seconds from the traffic's start.
func TimelineSVG(r *ScenarioResult) ([]byte, error) {
	m := r.Measurement
	if m == nil || len(m.Timeline) == 0 {
		return nil, fmt.Errorf("scenario %s has no traffic to chart", r.Scenario)
	}
	origin := m.Timeline[0].At
	xs := make([]float64, len(m.Timeline))
	ymax, xmax := 1.0, 0.0
	for i, b := range m.Timeline {
		xs[i] = b.At.Sub(origin).Seconds()
		ymax = max(ymax, float64(b.Acks), float64(b.Failures))
	}
	for _, e := range r.Events {
		if !e.At.IsZero() {
			xmax = max(xmax, e.End().Sub(origin).Seconds())
		}
	}
	xmax = max(xmax, xs[len(xs)-1], 1)
	c := newCanvas(xmax, ymax*1.15)
	c.frame(r.Scenario)
	c.steps(r, origin)
	lines := []series{
		{"acknowledged posts", ackColor, func(i int) float64 { return float64(m.Timeline[i].Acks) }},
		{"failed attempts", failureColor, func(i int) float64 { return float64(m.Timeline[i].Failures) }},
		{"acknowledged, then lost", lostColor, func(i int) float64 { return float64(m.Timeline[i].Lost) }},
	}
	for _, s := range lines {
		c.stepLine(xs, s)
	}
	c.marks(r, origin)
	c.legend(lines)
	return c.bytes(), nil
}

// canvas maps the chart's data coordinates (seconds, per second) to SVG
// pixels inside the plot area and writes the elements.
type canvas struct {
	b                      bytes.Buffer
	left, top, right, base float64 // the plot area, in pixels
	xmax, ymax             float64 // the data range, from 0
}

// The plot area's margins, in pixels: room for the title, tick labels
// and axis labels.
const (
	marginLeft, marginRight, marginTop, marginBottom = 56, 16, 28, 44
)

func newCanvas(xmax, ymax float64) *canvas {
	c := &canvas{left: marginLeft, top: marginTop, right: ChartWidth - marginRight, base: ChartHeight - marginBottom,
		xmax: xmax, ymax: ymax}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" `+
		`font-family="sans-serif" font-size="11">`+"\n", ChartWidth, ChartHeight, ChartWidth, ChartHeight)
	return c
}

// x and y return a data point's pixel coordinates.
func (c *canvas) x(v float64) float64 { return c.left + v/c.xmax*(c.right-c.left) }
func (c *canvas) y(v float64) float64 { return c.base - v/c.ymax*(c.base-c.top) }

// frame draws the title, both axes with their ticks and labels.
func (c *canvas) frame(title string) {
	fmt.Fprintf(&c.b, `<rect width="%d" height="%d" style="fill:#fff"/>`+"\n", ChartWidth, ChartHeight)
	c.text(ChartWidth/2, 16, title, `text-anchor="middle"`, `font-size="13"`)
	c.line(c.left, c.base, c.right, c.base, "stroke:#000")
	c.line(c.left, c.top, c.left, c.base, "stroke:#000")
	for _, t := range ticks(c.xmax) {
		x := c.x(t)
		c.line(x, c.base, x, c.base+4, "stroke:#000")
		c.text(x, c.base+16, tickLabel(t), `text-anchor="middle"`)
	}
	for _, t := range ticks(c.ymax) {
		y := c.y(t)
		c.line(c.left-4, y, c.left, y, "stroke:#000")
		c.text(c.left-7, y+4, tickLabel(t), `text-anchor="end"`)
	}
	c.text((c.left+c.right)/2, ChartHeight-8, "seconds from the start of the traffic", `text-anchor="middle"`)
	c.text(14, (c.top+c.base)/2, "per second", `text-anchor="middle"`,
		fmt.Sprintf(`transform="rotate(-90 14 %.1f)"`, (c.top+c.base)/2))
}

// steps shades each runbook step's span, alternating two colours.
func (c *canvas) steps(r *ScenarioResult, origin time.Time) {
	n := 0
	for _, e := range r.Events {
		if e.Kind != KindStep || e.At.IsZero() {
			continue
		}
		x0 := e.At.Sub(origin).Seconds()
		x1 := x0 + max(e.Duration.Seconds(), 0.05)
		fill := stepColors[n%len(stepColors)]
		fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" style="%s"/>`+"\n",
			c.x(x0), c.top, c.x(min(x1, c.xmax))-c.x(x0), c.base-c.top, fillStyle(fill))
		n++
	}
}

// stepLine draws a series as a post-step line: each bucket's value holds
// until the next bucket starts.
func (c *canvas) stepLine(xs []float64, s series) {
	var pts strings.Builder
	for i, x := range xs {
		y := c.y(s.value(i))
		if i > 0 {
			fmt.Fprintf(&pts, "%.1f,%.1f ", c.x(x), c.y(s.value(i-1)))
		}
		fmt.Fprintf(&pts, "%.1f,%.1f ", c.x(x), y)
	}
	fmt.Fprintf(&c.b, `<polyline points="%s" style="fill:none;stroke:%s;stroke-width:2"/>`+"\n",
		strings.TrimSpace(pts.String()), hex(s.color))
}

// marks draws the fault (dashed) and the recovery as labelled vertical
// lines.
func (c *canvas) marks(r *ScenarioResult, origin time.Time) {
	for _, e := range r.Events {
		style := "stroke:" + hex(recoveryColor) + ";stroke-width:2"
		switch e.Kind {
		case KindFault:
			style = "stroke:" + hex(faultColor) + ";stroke-width:2;stroke-dasharray:5,3"
		case KindRecovery:
		default:
			continue
		}
		x := c.x(e.At.Sub(origin).Seconds())
		c.line(x, c.top, x, c.base, style)
		c.text(x+3, c.y(c.ymax*0.93), strings.ToLower(string(e.Kind)))
	}
}

// legend names each series in the plot area's top right corner.
func (c *canvas) legend(lines []series) {
	fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="180" height="%d" style="fill:#fff;stroke:#ccc"/>`+"\n",
		c.right-184, c.top+2, 14*len(lines)+6)
	for i, s := range lines {
		y := c.top + 12 + float64(i)*14
		c.text(c.right-34, y+4, s.name, `text-anchor="end"`)
		c.line(c.right-28, y, c.right-6, y, "stroke:"+hex(s.color)+";stroke-width:2")
	}
}

// line and text write one element at fractional pixel coordinates.
func (c *canvas) line(x0, y0, x1, y1 float64, style string) {
	fmt.Fprintf(&c.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" style="%s"/>`+"\n", x0, y0, x1, y1, style)
}

func (c *canvas) text(x, y float64, s string, attrs ...string) {
	fmt.Fprintf(&c.b, `<text x="%.1f" y="%.1f" %s>`, x, y, strings.Join(attrs, " "))
	c.b.WriteString(html.EscapeString(s))
	c.b.WriteString("</text>\n")
}

// bytes ends the <svg> element and returns it, ready to be inlined in
// HTML.
func (c *canvas) bytes() []byte {
	c.b.WriteString("</svg>\n")
	return c.b.Bytes()
}
