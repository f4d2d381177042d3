package drill

import (
	"bytes"
	"html/template"
	"io"
	"sync"
)

// reportTemplate is the self-contained HTML report: inline CSS, one
// inline SVG chart per scenario, nothing fetched from the network. It is
// parsed on the first report, not at every start-up.
var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(reportHTML))
})

const reportHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>pcsh drill report</title>
<style>
body{font-family:sans-serif;margin:16px;color:#222;background:#fff}
h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:20px 0 4px}
table{border-collapse:collapse;font-size:12px;margin:6px 0}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#eef}
.Met{color:#1a7f1a}.Missed,.Failed{color:#b00;font-weight:bold}
.chart svg{display:block}.note{font-size:12px;color:#555}
</style></head><body>
<h1>pcsh drill: {{len .Report.Scenarios}} scenarios, {{.Report.Started.Format "2006-01-02 15:04:05"}}</h1>
{{range .Charts}}<div class="chart" id="chart-{{.Result.Scenario}}">{{.SVG}}</div>
<p class="note">{{.Result.Description}}{{if .Result.Error}} <span class="Failed">{{.Result.Error}}</span>{{end}}</p>
{{end}}
<h2>Measured, target and documented</h2>
<table><tr><th>Scenario</th><th>RTO</th><th>RTO target</th><th>RPO (lost)</th><th>Lost window</th><th>RPO target</th><th>Target basis</th><th>Documented (lync-pchat-hadr.md §1)</th><th>Verdict</th></tr>
{{range .Rows}}<tr><td>{{.Summary.Scenario}}</td><td>{{.Summary.RTO}}</td><td>{{.Summary.RTOTarget}}</td><td>{{.Summary.RPO}}</td><td>{{.Summary.LostWindow}}</td><td>{{.Summary.RPOTarget}}</td><td>{{.Basis}}</td><td>{{.Summary.Documented}}</td><td class="{{.Summary.Verdict}}">{{.Summary.Verdict}}</td></tr>
{{end}}</table>
<p class="note">None are documented for Persistent Chat itself; the nearest are Back End mirroring (RTO 5 min, RPO 5 min) and Front End pool failover (RTO and RPO 30 min). Lab time is real time with schedules in seconds.</p>
<h2>Runbook steps</h2>
<table><tr><th>Scenario</th><th>Step</th><th>Outcome</th><th>Duration</th></tr>
{{range .Steps}}<tr><td>{{.Scenario}}</td><td>{{.Step}}</td><td class="{{.Outcome}}">{{.Outcome}}</td><td>{{printf "%.3f s" .Duration.Seconds}}</td></tr>
{{end}}</table>
</body></html>
`

// chartView is one scenario's chart in the template.
type chartView struct {
	Result *ScenarioResult
	SVG    template.HTML
}

// rowView is one table row in the template.
type rowView struct {
	Summary Summary
	Basis   string
}

// WriteHTML writes the report as one self-contained HTML page. A scenario
// without traffic has no chart.
func WriteHTML(w io.Writer, r *Report) error {
	data := struct {
		Report *Report
		Charts []chartView
		Rows   []rowView
		Steps  []StepRow
	}{Report: r, Steps: r.StepRows()}
	for _, s := range r.Scenarios {
		data.Rows = append(data.Rows, rowView{Summary: s.Summarize(), Basis: s.Target.Basis})
		if s.Measurement == nil {
			continue
		}
		svg, err := TimelineSVG(s)
		if err != nil {
			return err
		}
		data.Charts = append(data.Charts, chartView{Result: s, SVG: template.HTML(svg)}) // #nosec: TimelineSVG escapes every text it draws
	}
	var b bytes.Buffer
	if err := reportTemplate().Execute(&b, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
