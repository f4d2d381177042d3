package chatpool

import (
	"net/url"
	"strings"
	"testing"

	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/datacenter"
)

// TestLabDSN: a target's DSN names the store's instance from lab.json,
// the mgc database, the lab's TLS settings, a one-second dial timeout and
// the partner's instance as failoverpartner and failoverport.
func TestLabDSN(t *testing.T) {
	s, err := datacenter.Describe(t.TempDir(), datacenter.Standard())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := FromLabState(ctx, s, LabOptions{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Targets != labTargets || cfg.FQDN != "pc.lab.local" {
		t.Fatalf("targets %+v of %s", cfg.Targets, cfg.FQDN)
	}
	dsn, err := cfg.Opener.(SQLOpener).DSN(cfg.Targets.FailedOver)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(dsn)
	q := u.Query()
	pw, _ := u.User.Password()
	want := map[string]string{"database": "mgc", "failoverpartner": "127.0.0.6", "failoverport": "1433",
		"dial timeout": "1", "encrypt": "true", "TrustServerCertificate": "true"}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q (%s)", k, q.Get(k), v, dsn)
		}
	}
	if u.Host != "127.0.0.5:1433" || u.User.Username() != "sa" || pw != labpassword.Default {
		t.Fatalf("DSN %s", dsn)
	}
	if _, err := (SQLOpener{}).DSN(Target{Store: "nowhere"}); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Fatalf("an unknown store: %v", err)
	}
}
