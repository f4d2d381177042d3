package mirror

import (
	"fmt"
	"html"
	"strings"

	"pcsh/runtime/cmdlet"
)

// report collects the steps of a run for -Report: an HTML page with one
// row per statement, where it ran and how it ended, as Lync's -Report
// writes one.
type report struct {
	title string
	rows  [][3]string
}

// newReport starts a report; a nil report (no -Report) ignores rows.
func newReport(path, title string) *report {
	if path == "" {
		return nil
	}
	return &report{title: title}
}

// add records a step's outcome.
func (r *report) add(s step, outcome string) {
	if r != nil {
		r.rows = append(r.rows, [3]string{s.Target, s.SQL, outcome})
	}
}

// note records an outcome that is not a statement.
func (r *report) note(target, what, outcome string) {
	if r != nil {
		r.rows = append(r.rows, [3]string{target, what, outcome})
	}
}

// write saves the report; under -WhatIf nothing is written.
func (r *report) write(ctx *cmdlet.Context, w *World, path string) error {
	if r == nil || ctx.Mode() == cmdlet.Planning {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><title>%s</title></head><body>\n<h1>%s</h1>\n<p>%s</p>\n<table>\n<tr><th>Instance</th><th>Statement</th><th>Outcome</th></tr>\n",
		html.EscapeString(r.title), html.EscapeString(r.title), w.Now().UTC().Format("2006-01-02 15:04:05Z"))
	for _, row := range r.rows {
		fmt.Fprintf(&b, "<tr><td>%s</td><td><code>%s</code></td><td>%s</td></tr>\n",
			html.EscapeString(row[0]), html.EscapeString(row[1]), html.EscapeString(row[2]))
	}
	b.WriteString("</table>\n</body></html>\n")
	if err := w.WriteFile(path, []byte(ctx.Session.Secrets.Redact(b.String()))); err != nil {
		return errorf(cmdlet.CategoryResourceUnavailable, "ReportNotWritten", path, "Cannot write the report %s: %v.", path, err)
	}
	return nil
}
