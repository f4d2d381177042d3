package drill

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
)

// svgElements parses an SVG document and returns its elements by name,
// failing the test when it is not well-formed XML.
func svgElements(t *testing.T, doc []byte) map[string][]xml.StartElement {
	t.Helper()
	out := map[string][]xml.StartElement{}
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("the chart is not well-formed XML: %v\n%s", err, doc)
		}
		if se, ok := tok.(xml.StartElement); ok {
			out[se.Name.Local] = append(out[se.Name.Local], se)
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// TestTimelineSVGDrawsEverySeries: one step line per series in its
// colour, a shaded span per runbook step, the fault dashed and the
// recovery solid, and the title escaped.
func TestTimelineSVGDrawsEverySeries(t *testing.T) {
	r := sampleReport().Scenarios[0]
	r.Scenario = "dc-loss <&>"
	doc, err := TimelineSVG(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(doc, []byte("<svg")) {
		t.Fatalf("the chart does not start with <svg>: %.40q", doc)
	}
	el := svgElements(t, doc)
	var colours []string
	for _, p := range el["polyline"] {
		style := attr(p, "style")
		colours = append(colours, style[strings.Index(style, "stroke:")+7:][:7])
		// 13 buckets drawn post-step: each bucket after the first adds a
		// horizontal then a vertical point.
		if n := len(strings.Fields(attr(p, "points"))); n != 25 {
			t.Errorf("a series has %d points, want 25", n)
		}
	}
	if want := []string{hex(ackColor), hex(failureColor), hex(lostColor)}; !reflect.DeepEqual(colours, want) {
		t.Errorf("series colours %v, want %v", colours, want)
	}
	spans := 0
	for _, rect := range el["rect"] {
		if strings.Contains(attr(rect, "style"), "fill-opacity") {
			spans++
		}
	}
	if spans != 2 {
		t.Errorf("%d step spans, want 2", spans)
	}
	var dashed, solid int
	for _, l := range el["line"] {
		switch s := attr(l, "style"); {
		case strings.Contains(s, hex(faultColor)) && strings.Contains(s, "dasharray"):
			dashed++
		case strings.Contains(s, hex(recoveryColor)):
			solid++
		}
	}
	if dashed != 1 || solid != 1 {
		t.Errorf("fault lines %d (dashed), recovery lines %d, want 1 and 1", dashed, solid)
	}
	if !strings.Contains(string(doc), "dc-loss &lt;&amp;&gt;") {
		t.Error("the title is not escaped")
	}
}

// TestTimelineSVGNeedsTraffic: a scenario without a timeline has no chart.
func TestTimelineSVGNeedsTraffic(t *testing.T) {
	if _, err := TimelineSVG(&ScenarioResult{Scenario: "x"}); err == nil {
		t.Fatal("a chart without traffic was drawn")
	}
}

// TestTicks: about five round ticks from 0, none past the top.
func TestTicks(t *testing.T) {
	for top, want := range map[float64][]float64{
		12:   {0, 2, 4, 6, 8, 10, 12},
		40:   {0, 10, 20, 30, 40},
		57.5: {0, 10, 20, 30, 40, 50},
		1:    {0, 0.2, 0.4, 0.6, 0.8, 1},
		0:    {0},
		-3:   {0},
	} {
		got := ticks(top)
		if len(got) != len(want) {
			t.Errorf("ticks(%v) = %v, want %v", top, got, want)
			continue
		}
		for i := range got {
			if tickLabel(got[i]) != tickLabel(want[i]) {
				t.Errorf("ticks(%v) = %v, want %v", top, got, want)
				break
			}
		}
	}
}
