package logship

import (
	"os"
	"testing"
	"time"
)

// TestShippingStandbyWithinTwoIntervals: rows committed on the primary
// appear on a STANDBY secondary within two job intervals (1 s), plus a
// processing margin.
func TestShippingStandbyWithinTwoIntervals(t *testing.T) {
	p, s, cfg := startShipping(t, "DC1-SQL1", "DC2-SQL1")
	for k, msg := range []string{"first", "second", "third"} {
		p.insert(t, cfg.db, msg)
		start := time.Now()
		if !waitFor(2*time.Second+500*time.Millisecond, func() bool { return s.has(cfg.db, msg) }) {
			t.Fatalf("row %d not restored within 2.5 s; history: %v", k, s.rows(t, "log_shipping_monitor_history_detail"))
		}
		t.Logf("row %q shipped in %v", msg, time.Since(start))
	}
}

// startShipping configures STANDBY log shipping of mgc every second
// between two new instances and starts both Agents.
func startShipping(tb testing.TB, primary, secondary string) (*node, *node, lsConfig) {
	tb.Helper()
	p, s := openNode(tb, primary, Options{}), openNode(tb, secondary, Options{})
	cfg := newConfig(tb, "mgc", 1)
	if err := os.MkdirAll(cfg.share, 0o755); err != nil {
		tb.Fatal(err)
	}
	seed(tb, p, cfg.db, cfg.share, true, s)
	setupPrimary(tb, p, cfg)
	setupSecondary(tb, s, primary, cfg)
	p.agent.Start()
	s.agent.Start()
	return p, s, cfg
}
