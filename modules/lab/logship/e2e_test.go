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
	p, s := openNode(t, "DC1-SQL1", Options{}), openNode(t, "DC2-SQL1", Options{})
	cfg := newConfig(t, "mgc", 1)
	if err := os.MkdirAll(cfg.share, 0o755); err != nil {
		t.Fatal(err)
	}
	seed(t, p, cfg.db, cfg.share, true, s)
	setupPrimary(t, p, cfg)
	setupSecondary(t, s, "DC1-SQL1", cfg)
	p.agent.Start()
	s.agent.Start()
	for k, msg := range []string{"first", "second", "third"} {
		p.insert(t, cfg.db, msg)
		start := time.Now()
		if !waitFor(2*time.Second+500*time.Millisecond, func() bool { return s.has(cfg.db, msg) }) {
			t.Fatalf("row %d not restored within 2.5 s; history: %v", k, s.rows(t, "log_shipping_monitor_history_detail"))
		}
		t.Logf("row %q shipped in %v", msg, time.Since(start))
	}
}
