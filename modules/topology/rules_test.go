package topology

import (
	"context"
	"testing"
)

// example loads the shipped two-data-center example, which passes every
// rule.
func example(t *testing.T) *Topology {
	t.Helper()
	tp, err := Load(context.Background(), "testdata/topology.lua")
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

func pool(t *Topology) *ChatPool { return t.ChatPools[0] }

// ruleCases breaks each rule once, starting from the passing example.
var ruleCases = map[string]func(t *Topology){
	"PoolActiveLimit":             func(t *Topology) { pool(t).Servers[4].Active = true },
	"PoolServerLimit":             func(t *Topology) { pool(t).Servers = append(pool(t).Servers, &ChatServer{FQDN: "pc9", Site: "DC2"}) },
	"PoolHasActiveServer":         func(t *Topology) { setActive(pool(t)) },
	"SingleComputerPool":          func(t *Topology) { pool(t).SingleComputer = true },
	"DisasterRecoveryMultiServer": func(t *Topology) { pool(t).Servers = pool(t).Servers[:1] },
	"DisasterRecoveryBackupStore": func(t *Topology) { pool(t).DisasterRecovery = false },
	"DefaultPoolPerSite":          func(t *Topology) { pool(t).DefaultFor = []string{"DC1"} },
	"ActiveServerTimeZone":        func(t *Topology) { t.Site("DC2").TimeZone = "Europe/Paris"; pool(t).NextHop = "fe2.contoso.com" },
	"ActiveServersInDatabaseSite": func(t *Topology) { pool(t).State = StateFailedOver },
	"StretchedPoolBackupSite":     func(t *Topology) { pool(t).Servers = pool(t).Servers[:4] },
	"FileStoreUncPath":            func(t *Topology) { pool(t).FileStore = `D:\share` },
	"ComplianceStore":             func(t *Topology) { pool(t).Compliance = true },
	"ComplianceBackupStore": func(t *Topology) {
		pool(t).Compliance = true
		pool(t).ComplianceStores = &StoreSet{Primary: "sql1"}
	},
	"SupportedSqlVersion":        func(t *Topology) { setVersion(t, "2014") },
	"SupportedSqlEdition":        func(t *Topology) { t.Store("sql2").Edition = "Web"; t.Store("sql2m").Edition = "Web" },
	"SqlServer64Bit":             func(t *Topology) { t.Store("sql1").Bits = 32 },
	"AlwaysOnNotSupported":       func(t *Topology) { t.Store("sql1").AlwaysOn = true },
	"MirrorSameVersion":          func(t *Topology) { t.Store("sqlw1").Version = "2008R2" },
	"MirrorSameEdition":          func(t *Topology) { t.Store("sql1m").Edition = "Standard" },
	"MirrorSameSite":             func(t *Topology) { t.Store("sql1m").Site = "DC2" },
	"WitnessSameSite":            func(t *Topology) { t.Store("sqlw2").Site = "DC1" },
	"WitnessRequiresMirror":      func(t *Topology) { pool(t).Stores.Mirror = "" },
	"WitnessDistinct":            func(t *Topology) { t.Store("sqlw1").Host = "sql1m.contoso.com"; t.Store("sqlw1").MirroringPort = 7023 },
	"MirrorSameDomain":           func(t *Topology) { t.Store("sql1m").Domain = "fabrikam.com" },
	"DedicatedInstances":         func(t *Topology) { pool(t).Stores.BackupMirror = "sql2" },
	"BackupInOtherSite":          func(t *Topology) { moveSite(t, "DC1", "sql2", "sql2m", "sqlw2") },
	"OneChatDatabasePerInstance": func(t *Topology) { t.ChatPools = append(t.ChatPools, secondPool(t)) },
	"UniqueMirroringPort":        func(t *Topology) { t.Store("sql1m").Host = "sql1.contoso.com"; t.Store("sql1m").Instance = "pchat2" },
	"LogShippingShare":           func(t *Topology) { t.LogShipping.Share = "" },
	"LogShippingCopyDirectory":   func(t *Topology) { t.LogShipping = &LogShipping{Share: `\\fs\logs`} },
	"LogShippingShareNotFileStore": func(t *Topology) {
		t.LogShipping.Share = pool(t).FileStore
	},
	"RestoreDelayZero":               func(t *Topology) { t.Schedules.RestoreDelayMinutes = 5 },
	"ScheduleMatchesBackup":          func(t *Topology) { t.Schedules.CopyMinutes = 5 },
	"BackupThresholdAboveInterval":   func(t *Topology) { t.Thresholds.BackupAlertMinutes = 15 },
	"RestoreThresholdAboveInterval":  func(t *Topology) { t.Thresholds.RestoreAlertMinutes = 30 },
	"RetentionAboveRestoreThreshold": func(t *Topology) { t.Schedules.RetentionMinutes = 45 },
}

func setActive(p *ChatPool, fqdns ...string) {
	for _, s := range p.Servers {
		s.Active = contains(fqdns, s.FQDN)
	}
}

func setVersion(t *Topology, v string) {
	for _, s := range t.SqlStores {
		s.Version = v
	}
}

func moveSite(t *Topology, site string, stores ...string) {
	for _, n := range stores {
		t.Store(n).Site = site
	}
}

func secondPool(t *Topology) *ChatPool {
	return &ChatPool{FQDN: "pc2.contoso.com", Port: 5041, NextHop: "fe2.contoso.com", FileStore: `\\fs\pc2`,
		State: StateNormal, Servers: []*ChatServer{{FQDN: "b1", Site: "DC2", Active: true}}, Stores: StoreSet{Primary: "sql1"}}
}

func TestExamplePassesEveryRule(t *testing.T) {
	if f := Check(example(t), CheckOptions{}); len(f) != 0 {
		t.Fatalf("the example must pass every rule, got %+v", f)
	}
}

func TestEveryRuleFails(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			mutate, ok := ruleCases[r.ID]
			if !ok {
				t.Fatalf("no failing case for rule %s", r.ID)
			}
			tp := example(t)
			mutate(tp)
			f := findingsOf(Check(tp, CheckOptions{}), r.ID)
			if len(f) == 0 {
				t.Fatalf("rule %s did not fire", r.ID)
			}
			if f[0].Severity != r.Severity || f[0].Source == "" || f[0].Message == "" || f[0].Target == "" {
				t.Errorf("incomplete finding %+v", f[0])
			}
		})
	}
	if len(ruleCases) != len(Rules()) {
		t.Errorf("%d cases for %d rules", len(ruleCases), len(Rules()))
	}
}

func findingsOf(all []Finding, id string) []Finding {
	var out []Finding
	for _, f := range all {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

func TestPoolStateOptionOverridesDocument(t *testing.T) {
	tp := example(t)
	setActive(pool(tp), "pc5.contoso.com", "pc6.contoso.com")
	if f := findingsOf(Check(tp, CheckOptions{}), "ActiveServersInDatabaseSite"); len(f) != 2 {
		t.Fatalf("Normal state with DC2 active: want 2 findings, got %+v", f)
	}
	if f := Check(tp, CheckOptions{PoolState: StateFailedOver}); len(f) != 0 {
		t.Fatalf("FailedOver with DC2 active must pass, got %+v", f)
	}
}

func TestLowLatencyLinkAllowsOtherSite(t *testing.T) {
	tp := example(t)
	pool(tp).State = StateFailedOver
	tp.Site("DC1").LowLatency = []string{"DC2"}
	if f := findingsOf(Check(tp, CheckOptions{}), "ActiveServersInDatabaseSite"); len(f) != 0 {
		t.Fatalf("a low latency link must allow DC1 servers, got %+v", f)
	}
}
