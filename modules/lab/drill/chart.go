package drill

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The chart's colours; the Chromium test looks for ackColor's pixels.
var (
	ackColor      = color.RGBA{R: 0x1f, G: 0x5f, B: 0xbf, A: 0xff}
	failureColor  = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	lostColor     = color.RGBA{R: 0xff, G: 0x8c, B: 0x00, A: 0xff}
	faultColor    = color.RGBA{R: 0xb0, G: 0x00, B: 0x00, A: 0xff}
	recoveryColor = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
	stepColors    = []color.Color{color.RGBA{R: 0xc8, G: 0xd8, B: 0xf0, A: 0xa0}, color.RGBA{R: 0xe8, G: 0xd8, B: 0xb0, A: 0xa0}}
)

// ChartWidth and ChartHeight are the size of each timeline chart.
const (
	ChartWidth  = 18 * vg.Centimeter
	ChartHeight = 8 * vg.Centimeter
)

// TimelineSVG draws a scenario's timeline as an SVG element: acknowledged
// posts and failed attempts per second, the fault, each runbook step as a
// shaded span and the recovery, in seconds from the traffic's start.
func TimelineSVG(r *ScenarioResult) ([]byte, error) {
	p := plot.New()
	p.Title.Text = r.Scenario
	p.X.Label.Text = "seconds from the start of the traffic"
	p.Y.Label.Text = "per second"
	p.Y.Min = 0
	p.Legend.Top = true
	m := r.Measurement
	if m == nil || len(m.Timeline) == 0 {
		return nil, fmt.Errorf("scenario %s has no traffic to chart", r.Scenario)
	}
	origin := m.Timeline[0].At
	since := func(e Event) float64 { return e.At.Sub(origin).Seconds() }
	acks, fails, lost := make(plotter.XYs, len(m.Timeline)), make(plotter.XYs, len(m.Timeline)), make(plotter.XYs, len(m.Timeline))
	ymax := 1.0
	for i, b := range m.Timeline {
		x := b.At.Sub(origin).Seconds()
		acks[i] = plotter.XY{X: x, Y: float64(b.Acks)}
		fails[i] = plotter.XY{X: x, Y: float64(b.Failures)}
		lost[i] = plotter.XY{X: x, Y: float64(b.Lost)}
		ymax = max(ymax, float64(b.Acks), float64(b.Failures))
	}
	ymax *= 1.15
	p.Y.Max = ymax
	steps := 0
	for _, e := range r.Events {
		if e.Kind != KindStep || e.At.IsZero() {
			continue
		}
		x0, x1 := since(e), since(e)+max(e.Duration.Seconds(), 0.05)
		span, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}, {X: x1, Y: ymax}, {X: x0, Y: ymax}})
		if err != nil {
			return nil, err
		}
		span.Color, span.LineStyle.Width = stepColors[steps%len(stepColors)], 0
		p.Add(span)
		steps++
	}
	for _, s := range []struct {
		xys   plotter.XYs
		color color.Color
		name  string
	}{{acks, ackColor, "acknowledged posts"}, {fails, failureColor, "failed attempts"}, {lost, lostColor, "acknowledged, then lost"}} {
		l, err := plotter.NewLine(s.xys)
		if err != nil {
			return nil, err
		}
		l.StepStyle, l.Color, l.Width = plotter.PostStep, s.color, vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(s.name, l)
	}
	if err := addMarks(p, r, since, ymax); err != nil {
		return nil, err
	}
	return renderSVG(p)
}

// addMarks draws the fault and the recovery as vertical lines, labelled.
func addMarks(p *plot.Plot, r *ScenarioResult, since func(Event) float64, ymax float64) error {
	var labels plotter.XYLabels
	for _, e := range r.Events {
		c := recoveryColor
		switch e.Kind {
		case KindFault:
			c = faultColor
		case KindRecovery:
		default:
			continue
		}
		x := since(e)
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: ymax}})
		if err != nil {
			return err
		}
		l.Color, l.Width = c, vg.Points(1.5)
		if e.Kind == KindFault {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		p.Add(l)
		labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: ymax * 0.93})
		labels.Labels = append(labels.Labels, " "+strings.ToLower(string(e.Kind)))
	}
	if len(labels.XYs) == 0 {
		return nil
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return err
	}
	p.Add(lb)
	return nil
}

// renderSVG draws the plot on an SVG canvas, fonts named rather than
// embedded, and returns the <svg> element without its XML header.
func renderSVG(p *plot.Plot) ([]byte, error) {
	c := vgsvg.NewWith(vgsvg.UseWH(ChartWidth, ChartHeight), vgsvg.EmbedFonts(false))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	out := b.Bytes()
	if i := bytes.Index(out, []byte("<svg")); i > 0 {
		out = out[i:]
	}
	return out, nil
}
