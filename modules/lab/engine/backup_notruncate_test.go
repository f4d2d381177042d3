package engine

import (
	"context"
	"fmt"
	"testing"
)

// setState puts database name in state, as damage or ALTER DATABASE would.
func setState(t *testing.T, i *Instance, name string, state DatabaseState) {
	t.Helper()
	must(t, i.AlterDatabase(name, func(in *DatabaseInfo) error { in.State = state; return nil }))
}

// headerOf returns RESTORE HEADERONLY's first row of path as column → value.
func headerOf(t *testing.T, i *Instance, path string) map[string]any {
	t.Helper()
	rel, err := i.RestoreHeaderOnly(path)
	must(t, err)
	out := map[string]any{}
	for r := range rel.Rows() {
		for k, c := range rel.Columns() {
			out[c.Name] = r[k]
		}
		break
	}
	return out
}

func TestNoTruncateBacksUpTheLogOfADamagedDatabase(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), BackupOptions{}))
	insertMsg(t, p.ps, "mgc", "tail row")
	setState(t, p.prim, "mgc", StateSuspect)
	wantErr(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("tail.trn"), BackupOptions{}), 926)
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("tail.trn"), BackupOptions{NoTruncate: true}))
	h := headerOf(t, p.prim, p.file("tail.trn"))
	if h["IsDamaged"] != true || h["HasIncompleteMetaData"] != true || h["Flags"].(int64)&(32|64|128) != 32|64|128 {
		t.Fatalf("header of a damaged database's tail: %v", h)
	}
	must(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", p.file("mgc.bak"), RestoreOptions{NoRecovery: true}))
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("tail.trn"), RestoreOptions{}))
	if got := rows(t, p.ss, "mgc", "chat"); len(got) != 2 || got[1][1] != "tail row" {
		t.Fatalf("restored tail rows %v", got)
	}
	setState(t, p.prim, "mgc", StateOffline)
	wantErr(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("off.trn"), BackupOptions{NoTruncate: true}), 942)
}

func TestNoTruncateOnAHealthyDatabaseKeepsTheChain(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), BackupOptions{}))
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("nt.trn"), BackupOptions{NoTruncate: true}))
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("l1.trn"), BackupOptions{}))
	nt, l1 := headerOf(t, p.prim, p.file("nt.trn")), headerOf(t, p.prim, p.file("l1.trn"))
	if nt["IsDamaged"] != false || nt["HasIncompleteMetaData"] != false || nt["Flags"].(int64)&(32|64|128) != 0 {
		t.Fatalf("header of a healthy database's NO_TRUNCATE backup: %v", nt)
	}
	if fmt.Sprint(nt["FirstLSN"]) != fmt.Sprint(l1["FirstLSN"]) {
		t.Fatalf("NO_TRUNCATE moved the chain: first LSNs %v and %v", nt["FirstLSN"], l1["FirstLSN"])
	}
}
