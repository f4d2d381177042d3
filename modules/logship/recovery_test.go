package logship

import (
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

// TestRecoveryRemovesMirroringBeforeTail: a primary that is a mirroring
// principal has its session removed (SET PARTNER OFF, through
// ShouldProcess) before BACKUP LOG … WITH NORECOVERY, which SQL Server
// does not allow on a principal; -WhatIf plans it too, without
// -AllowDataLoss since the primary answers with mgc ONLINE.
func TestRecoveryRemovesMirroringBeforeTail(t *testing.T) {
	for _, pref := range []struct {
		name string
		p    func(*cmdlet.Prefs)
	}{{"run", force}, {"whatif", whatIf}} {
		t.Run(pref.name, func(t *testing.T) {
			f := newFake()
			f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
			registered(f, "dc2-sql1")
			primaryOK(f, "dc1-sql1")
			f.on("dc1-sql1", mirroringRoleQuery, rows([]any{"PRINCIPAL"}))
			jobsFinish(f, "dc2-sql1", 1, "ok")
			f.on("dc2-sql1", lastRestoredQuery, rows([]any{`D:\copy\mgc_20240101000001.trn`}))
			s, h := f.session()
			r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", pref.p, "SqlInstance", "dc2-sql1", "Database", "mgc", "PrimaryInstance", "dc1-sql1",
				"PollEvery", time.Millisecond, "Settle", time.Millisecond)
			if r.err != nil {
				t.Fatalf("err %v\n%s", r.err, r.host)
			}
			text := r.host
			if pref.name == "run" {
				text = strings.Join(f.log, "\n")
			}
			off, tail := strings.Index(text, "ALTER DATABASE [mgc] SET PARTNER OFF"), strings.Index(text, "BACKUP LOG [mgc]")
			if off < 0 || tail < off {
				t.Fatalf("SET PARTNER OFF at %d, BACKUP LOG at %d:\n%s", off, tail, text)
			}
		})
	}
}

// TestRecoveryDataLossRules: -AllowDataLoss is needed exactly when the
// tail cannot be backed up: no primary given, a primary that does not
// answer (-WhatIf included) or whose database is not ONLINE.
func TestRecoveryDataLossRules(t *testing.T) {
	cases := []struct {
		name    string
		prefs   func(*cmdlet.Prefs)
		primary string // "", "down", "ONLINE", "RESTORING"
		refused string // the reason in the refusal; "" when allowed
	}{
		{"no primary", force, "", "no -PrimaryInstance was given"},
		{"primary down", force, "down", "the primary dc1-sql1 is not reachable"},
		{"primary down, whatif", whatIf, "down", "the primary dc1-sql1 is not reachable"},
		{"primary not online", force, "RESTORING", "the database mgc on dc1-sql1 is RESTORING, not ONLINE"},
		{"primary online", force, "ONLINE", ""},
		{"primary online, whatif", whatIf, "ONLINE", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
			registered(f, "dc2-sql1")
			jobsFinish(f, "dc2-sql1", 1, "ok")
			f.on("dc2-sql1", lastRestoredQuery, rows([]any{`D:\copy\mgc_20240101000001.trn`}))
			args := []any{"SqlInstance", "dc2-sql1", "Database", "mgc", "PollEvery", time.Millisecond, "Settle", time.Millisecond}
			switch c.primary {
			case "down":
				f.down["dc1-sql1"] = true
			case "ONLINE", "RESTORING":
				f.on("dc1-sql1", dbStateQuery, rows([]any{"FULL", c.primary, false}))
			}
			if c.primary != "" {
				args = append(args, "PrimaryInstance", "dc1-sql1")
			}
			s, h := f.session()
			r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", c.prefs, args...)
			if c.refused == "" {
				if r.err != nil {
					t.Fatalf("refused: %v", r.err)
				}
				return
			}
			if errorID(r.err) != "DataLossNotAllowed" || !strings.Contains(r.err.Error(), c.refused) {
				t.Fatalf("err %v", r.err)
			}
			for _, l := range f.log {
				if _, q, _ := strings.Cut(l, ": "); !strings.HasPrefix(q, "SELECT") {
					t.Fatalf("sent %q before refusing", l)
				}
			}
		})
	}
}

// TestRecoveryTailAnsweredNoNeedsAllowDataLoss: a No to the tail-log
// backup skips it, but recovering without it loses what it held, so the
// run stops with DataLossNotAllowed and recovers nothing, unless the call
// has -AllowDataLoss: then it warns and goes on, and does not look for a
// tail that was never taken.
func TestRecoveryTailAnsweredNoNeedsAllowDataLoss(t *testing.T) {
	for _, allow := range []bool{false, true} {
		f := newFake()
		f.on("dc2-sql1", dbStateQuery, rows([]any{"FULL", "RESTORING", false}))
		registered(f, "dc2-sql1")
		primaryOK(f, "dc1-sql1")
		jobsFinish(f, "dc2-sql1", 1, "ok")
		f.on("dc2-sql1", lastRestoredQuery, rows([]any{`D:\copy\mgc_20240101000001.trn`}))
		s, h := f.session()
		h.IsInteractive, h.Answers = true, []string{"y", "y", "n", "a"}
		confirm := func(p *cmdlet.Prefs) { p.ConfirmImpact = cmdlet.ImpactLow }
		args := []any{"SqlInstance", "dc2-sql1", "Database", "mgc", "PrimaryInstance", "dc1-sql1", "PollEvery", time.Millisecond, "Settle", time.Millisecond}
		if allow {
			args = append(args, "AllowDataLoss", true)
		}
		r := invoke(t, s, h, "Invoke-PcLogShippingRecovery", confirm, args...)
		recovered := len(f.batches("RESTORE DATABASE [mgc] WITH RECOVERY")) == 1
		if len(f.batches("BACKUP LOG")) != 0 {
			t.Fatalf("allow %v: the tail was backed up after No: %v", allow, f.log)
		}
		switch {
		case !allow && (errorID(r.err) != "DataLossNotAllowed" || !strings.Contains(r.err.Error(), "was answered No") || recovered):
			t.Errorf("without -AllowDataLoss: err %v, recovered %v", r.err, recovered)
		case allow && (r.err != nil || !recovered || !strings.Contains(r.host, "No tail-log backup: it was answered No")):
			t.Errorf("with -AllowDataLoss: err %v, recovered %v\n%s", r.err, recovered, r.host)
		}
	}
}
