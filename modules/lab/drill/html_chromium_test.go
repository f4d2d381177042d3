package drill

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab/chatpool"
)

// sampleReport is one scenario with an outage: posts stop at the fault,
// fail during two runbook steps and come back.
func sampleReport() *Report {
	t0 := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	m := &chatpool.Measurement{Start: t0, End: t0.Add(12 * time.Second), RTO: 4 * time.Second, Recovered: true, Lost: 3}
	for i := range 13 {
		b := chatpool.Bucket{At: t0.Add(time.Duration(i) * time.Second), Acks: 50}
		if i >= 4 && i < 8 {
			b.Acks, b.Failures = 0, 30
		}
		m.Timeline = append(m.Timeline, b)
	}
	fault := t0.Add(4 * time.Second)
	return &Report{Started: t0, Scenarios: []*ScenarioResult{{Scenario: "dc-loss", Outcome: OutcomeDone, Measurement: m,
		Target: Target{RTO: 10 * time.Second, HasRTO: true}, Documented: documentedFigures["PoolFailover"],
		Events: []Event{{Kind: KindFault, Name: "DC1 lost", At: fault},
			{Kind: KindStep, Name: "Recover", At: fault.Add(time.Second), Duration: 2 * time.Second, Outcome: "Done"},
			{Kind: KindStep, Name: "FailedOver", At: fault.Add(3 * time.Second), Duration: 500 * time.Millisecond, Outcome: "Done"},
			{Kind: KindRecovery, Name: "first ack", At: fault.Add(4 * time.Second)}}}}}
}

// TestReportIsSelfContained: the page loads nothing from elsewhere and
// holds the chart as inline SVG, the figures beside target and
// documented figure, and the steps.
func TestReportIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	outside := strings.ReplaceAll(page, "http://www.w3.org/", "") // SVG namespaces name, never load
	for _, bad := range []string{"http://", "https://", "<script", "<link", "@import", "src="} {
		if strings.Contains(outside, bad) {
			t.Errorf("the report refers to something outside it: %q", bad)
		}
	}
	for _, want := range []string{"<svg", "4.000 s", "≤ 10.000 s", "Front End pool failover: RTO 30 min, RPO 30 min", "Recover", "FailedOver"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestChartIsDrawnInChromium renders the report in headless Chromium and
// counts the chart's acknowledged-posts pixels: the page must show the
// line, not just hold an SVG element. Without Chromium it skips, except
// under CI, where .ci/run installs it.
func TestChartIsDrawnInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(f, sampleReport()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	img := screenshot(t, bin, dir, page)
	// The chart is the first thing on the page, 18 x 8 cm (680 x 302 px)
	// below the heading.
	chart := image.Rect(0, 40, 720, 360)
	if n := pixelsNear(img, chart, ackColor); n < 200 {
		t.Errorf("the chart area shows %d pixels of the acknowledged-posts line, want a drawn line", n)
	}
	if n := pixelsNear(img, chart, failureColor); n < 50 {
		t.Errorf("the chart area shows %d pixels of the failed-attempts line", n)
	}
	// A control: the same page without its chart has none of them.
	empty := filepath.Join(dir, "empty.html")
	if err := os.WriteFile(empty, []byte("<!DOCTYPE html><html><body><h1>no chart</h1></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := pixelsNear(screenshot(t, bin, dir, empty), chart, ackColor); n != 0 {
		t.Errorf("a page without a chart shows %d chart pixels: the check cannot tell", n)
	}
}

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it")
	}
	t.Skip("chromium is not installed")
	return ""
}

// screenshot renders page in headless Chromium and decodes the PNG.
func screenshot(t *testing.T, bin, dir, page string) image.Image {
	t.Helper()
	out := filepath.Join(dir, "shot.png")
	os.Remove(out)
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+out, "--window-size=1000,800", "file://"+page)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pixelsNear counts the pixels of r within a small distance of colour c.
func pixelsNear(img image.Image, r image.Rectangle, c interface{ RGBA() (r, g, b, a uint32) }) int {
	cr, cg, cb, _ := c.RGBA()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr, cr) && near(pg, cg) && near(pb, cb) {
				n++
			}
		}
	}
	return n
}

func near(a, b uint32) bool {
	d := int(a>>8) - int(b>>8)
	return d > -40 && d < 40
}
