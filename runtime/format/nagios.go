package format

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
)

// NagiosService is the service name that starts the status line of
// --output nagios.
const NagiosService = "PERSISTENTCHAT"

// check is one object of the output read as a health-check finding.
type check struct {
	verdict cmdlet.Verdict
	name    string // SqlInstance and Check, as far as the object has them
	detail  string
	pool    string
	perf    *perfDatum
}

// perfDatum is one performance-data item of the monitoring-plugin form.
type perfDatum struct {
	label, unit     string
	value, warn, cr any
}

// Nagios writes objs as a monitoring-plugin result and returns its status:
// the first line `PERSISTENTCHAT OK|WARNING|CRITICAL|UNKNOWN - summary |
// perfdata`, then one line per finding that is not healthy. A finding is
// an object with a Verdict property (Healthy, Warning, Critical, Unknown;
// also Pass, Fail, Standby, Skipped), named by its SqlInstance and Check
// (else its Name) and described by its Detail (else its Reason); Value with Unit, WarningThreshold
// and Threshold make its performance data. The status is the worst
// finding; output without findings, objects that are not findings and a
// failure (a terminating error's message, "" if none) make it at least
// UNKNOWN.
func Nagios(w io.Writer, objs []any, failure string) (cmdlet.Verdict, error) {
	checks, others := readChecks(objs)
	status := cmdlet.VerdictHealthy
	for _, c := range checks {
		status = status.Worse(c.verdict)
	}
	var notes []string
	if failure != "" {
		status = status.Worse(cmdlet.VerdictUnknown)
		notes = append(notes, oneLine(failure))
	}
	if len(checks) == 0 && failure == "" {
		status = cmdlet.VerdictUnknown
		notes = append(notes, "the command wrote no check results")
		if others > 0 {
			notes[len(notes)-1] += fmt.Sprintf(" (objects without a Verdict: %d)", others)
		}
	}
	if others > 0 && len(checks) > 0 {
		status = status.Worse(cmdlet.VerdictUnknown)
		notes = append(notes, fmt.Sprintf("%d of the objects written are not check results", others))
	}
	var b strings.Builder
	b.WriteString(NagiosService + " " + status.PluginStatus() + " - " + summary(checks, status, notes))
	if perf := perfData(checks); perf != "" {
		b.WriteString(" | " + perf)
	}
	b.WriteByte('\n')
	for _, c := range checks {
		if c.verdict != cmdlet.VerdictHealthy {
			b.WriteString(c.verdict.PluginStatus() + ": " + c.text() + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return status, err
}

// readChecks reads the findings of objs and counts the other objects.
func readChecks(objs []any) (checks []check, others int) {
	for _, o := range objs {
		v, ok := propertyOf(o, "Verdict")
		if !ok {
			others++
			continue
		}
		verdict, known := cmdlet.ParseVerdict(Text(v))
		c := check{verdict: verdict, pool: textOf(o, "Pool")}
		c.name = strings.TrimSpace(textOf(o, "SqlInstance") + " " + textOf(o, "Check"))
		if c.name == "" {
			c.name = textOf(o, "Name")
		}
		c.detail = textOf(o, "Detail")
		if c.detail == "" {
			c.detail = textOf(o, "Reason")
		}
		if !known {
			c.detail = strings.TrimSpace(fmt.Sprintf("verdict %q is not one pcsh knows. %s", Text(v), c.detail))
		}
		if val, ok := propertyOf(o, "Value"); ok && isNumber(val) {
			c.perf = &perfDatum{label: c.name, unit: textOf(o, "Unit"), value: val}
			c.perf.warn, _ = propertyOf(o, "WarningThreshold")
			c.perf.cr, _ = propertyOf(o, "Threshold")
		}
		checks = append(checks, c)
	}
	return checks, others
}

// summary is the status line's text: the counts, then the first finding
// of the worst verdict.
func summary(checks []check, status cmdlet.Verdict, notes []string) string {
	var parts []string
	if pools := poolsOf(checks); pools != "" {
		parts = append(parts, pools+":")
	}
	counts := map[cmdlet.Verdict]int{}
	for _, c := range checks {
		counts[c.verdict]++
	}
	if len(checks) > 0 && counts[cmdlet.VerdictHealthy] == len(checks) {
		parts = append(parts, fmt.Sprintf("all %d checks healthy", len(checks)))
	} else if len(checks) > 0 {
		var n []string
		for _, v := range []cmdlet.Verdict{cmdlet.VerdictCritical, cmdlet.VerdictUnknown, cmdlet.VerdictWarning} {
			if counts[v] > 0 {
				n = append(n, fmt.Sprintf("%d %s", counts[v], strings.ToLower(v.PluginStatus())))
			}
		}
		parts = append(parts, fmt.Sprintf("%s of %d checks", strings.Join(n, ", "), len(checks)))
		for _, c := range checks {
			if c.verdict == status {
				parts[len(parts)-1] += ";"
				parts = append(parts, c.text())
				break
			}
		}
	}
	for _, n := range notes {
		if len(parts) > 0 && !strings.HasSuffix(parts[len(parts)-1], ":") {
			parts[len(parts)-1] += ";"
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, " ")
}

// poolsOf names the pools the findings are about, "" when none says.
func poolsOf(checks []check) string {
	var pools []string
	seen := map[string]bool{}
	for _, c := range checks {
		if c.pool != "" && !seen[strings.ToLower(c.pool)] {
			seen[strings.ToLower(c.pool)] = true
			pools = append(pools, c.pool)
		}
	}
	return strings.Join(pools, ", ")
}

// text is the finding as a line: its name and detail.
func (c check) text() string {
	switch {
	case c.name == "":
		return oneLine(c.detail)
	case c.detail == "":
		return c.name
	}
	return c.name + ": " + oneLine(c.detail)
}

// perfData renders the performance data of the findings that have a
// value: 'label'=value[UOM];[warn];[crit], labels made unique with the
// pool's name, then a number.
func perfData(checks []check) string {
	var items []string
	seen := map[string]bool{}
	for _, c := range checks {
		if c.perf == nil {
			continue
		}
		label := perfLabel(c.perf.label)
		if seen[label] && c.pool != "" {
			label = perfLabel(c.pool + " " + c.perf.label)
		}
		for n := 2; seen[label]; n++ {
			label = perfLabel(fmt.Sprintf("%s %d", c.perf.label, n))
		}
		seen[label] = true
		item := fmt.Sprintf("'%s'=%s%s;%s;%s", label, number(c.perf.value), perfUnit(c.perf.unit), number(c.perf.warn), number(c.perf.cr))
		items = append(items, strings.TrimRight(item, ";"))
	}
	return strings.Join(items, " ")
}

// perfLabel makes a label the guidelines accept: no quotes, equals signs
// or spaces (metric receivers such as Graphite split on them).
func perfLabel(s string) string {
	s = strings.NewReplacer("'", "", "=", "", "|", "").Replace(strings.TrimSpace(s))
	return strings.Join(strings.Fields(s), "_")
}

// perfUnit keeps only the units of measurement the guidelines define.
func perfUnit(u string) string {
	switch u {
	case "s", "ms", "us", "%", "B", "KB", "MB", "TB", "c":
		return u
	}
	return ""
}

// number renders a perfdata number in the C locale, "" when v is none.
func number(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// propertyOf reads a property of an object or a hashtable.
func propertyOf(o any, name string) (any, bool) {
	switch x := o.(type) {
	case *cmdlet.Object:
		return x.Get(name)
	case *cmdlet.Hashtable:
		return x.Get(name)
	}
	return nil, false
}

// textOf is a property as text, "" when missing.
func textOf(o any, name string) string {
	v, _ := propertyOf(o, name)
	return Text(v)
}

// oneLine folds a text onto one line without the '|' that starts
// performance data.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "|", "/")), " ")
}
