package topology

import (
	"fmt"
	"strings"
)

// Finding is one violated topology rule.
type Finding struct {
	Rule     string // the rule id, e.g. PoolActiveLimit
	Severity string // Error or Warning
	Target   string // the pool, server, store or setting concerned
	Message  string
	Source   string // the documentation it comes from, e.g. "R8 Gg615006"
}

// DefaultView shows the columns that fit a table.
func (Finding) DefaultView() []string { return []string{"Rule", "Severity", "Target", "Message"} }

// The finding severities.
const (
	SeverityError   = "Error"
	SeverityWarning = "Warning"
)

// Rule is one documented rule Check applies.
type Rule struct {
	ID       string
	Severity string
	Source   string
	Summary  string
	check    func(c *checker)
}

// CheckOptions tune Check.
type CheckOptions struct {
	// PoolState, when set, is the state every pool is checked in; otherwise
	// each pool's state in States (keyed by FQDN in lower case, as
	// PoolStates returns them), else the document's deprecated state.
	PoolState string
	States    map[string]string
}

// checker runs one rule over a topology and collects its findings.
type checker struct {
	t        *Topology
	opts     CheckOptions
	rule     *Rule
	findings []Finding
}

func (c *checker) report(target, format string, args ...any) {
	c.findings = append(c.findings, Finding{Rule: c.rule.ID, Severity: c.rule.Severity, Target: target,
		Message: fmt.Sprintf(format, args...), Source: c.rule.Source})
}

// state returns the pool state the pool is checked in.
func (c *checker) state(p *ChatPool) string {
	if c.opts.PoolState != "" {
		return c.opts.PoolState
	}
	if s, ok := c.opts.States[strings.ToLower(p.FQDN)]; ok {
		return s
	}
	return p.State
}

// Check applies every rule and returns one finding per violation, in rule
// order.
func Check(t *Topology, opts CheckOptions) []Finding {
	c := &checker{t: t, opts: opts}
	for _, r := range Rules() {
		c.rule = &r
		r.check(c)
	}
	return c.findings
}

// Rules lists the rules in the order Check applies them.
func Rules() []Rule {
	return append(append(poolRules(), storeRules()...), logShippingRules()...)
}
