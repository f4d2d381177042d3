package logship

import (
	"strings"
	"testing"
)

// TestDataLossNeedsAllowDataLoss: each log shipping step that can lose
// committed data refuses with DataLossNotAllowed, sending nothing, when
// the call has -Force but not -AllowDataLoss.
func TestDataLossNeedsAllowDataLoss(t *testing.T) {
	cases := []struct {
		name, cmd string
		args      []any
	}{
		{"recovery", "Invoke-PcLogShippingRecovery", []any{"SqlInstance", "dc2-sql1", "Database", "mgc"}},
		{"restore over an existing secondary", "New-PcLogShipping", []any{"PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
			"Database", "mgc", "BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`}},
		{"drop the secondary databases", "Remove-PcLogShipping", []any{"PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"},
			"Database", "mgc", "RemoveSecondaryDatabase", true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			primaryOK(f, "dc1-sql1")
			primaryOK(f, "dc2-sql1") // an ONLINE database of the same name on the secondary
			s, h := f.session()
			r := invoke(t, s, h, c.cmd, force, c.args...)
			if errorID(r.err) != "DataLossNotAllowed" || !strings.Contains(r.err.Error(), "-AllowDataLoss") {
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

// TestReplaceOnlyWithAllowDataLoss: -Force alone never plans RESTORE …
// WITH REPLACE; -AllowDataLoss does.
func TestReplaceOnlyWithAllowDataLoss(t *testing.T) {
	args := []any{"PrimaryInstance", "dc1-sql1", "SecondaryInstance", []any{"dc2-sql1"}, "Database", "mgc",
		"BackupShare", `\\fs1\logs`, "CopyDirectory", `D:\copy`, "Force", true}
	s, h := newFake().session()
	if r := invoke(t, s, h, "New-PcLogShipping", whatIf, args...); r.err != nil || strings.Contains(r.host, "REPLACE") {
		t.Fatalf("-Force -WhatIf: err %v\n%s", r.err, r.host)
	}
	s, h = newFake().session()
	if r := invoke(t, s, h, "New-PcLogShipping", whatIf, append(args, "AllowDataLoss", true)...); r.err != nil || !strings.Contains(r.host, "NORECOVERY, REPLACE") {
		t.Fatalf("-AllowDataLoss -WhatIf: err %v\n%s", r.err, r.host)
	}
}
