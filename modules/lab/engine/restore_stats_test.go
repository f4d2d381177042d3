package engine

import (
	"context"
	"hash/crc32"
	"strings"
	"testing"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/bincode"
)

// collector gathers the text of informational messages.
type collector struct{ msgs []string }

func (c *collector) emit(e *Error) { c.msgs = append(c.msgs, e.Message) }

// percents returns the 3211 messages, in order.
func (c *collector) percents() []string {
	var out []string
	for _, m := range c.msgs {
		if strings.HasSuffix(m, " percent processed.") {
			out = append(out, m)
		}
	}
	return out
}

// backedUpPair is a lab pair whose primary has a full backup mgc.bak and,
// after one more row, a log backup l1.trn.
func backedUpPair(t *testing.T) *labPair {
	t.Helper()
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), BackupOptions{}))
	insertMsg(t, p.ps, "mgc", "log1")
	must(t, p.prim.BackupLog(ctx, p.ps, "mgc", p.file("l1.trn"), BackupOptions{}))
	return p
}

func TestRestoreStatsProgress(t *testing.T) {
	p := backedUpPair(t)
	ctx := context.Background()

	var full collector
	must(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc", p.file("mgc.bak"),
		RestoreOptions{NoRecovery: true, Stats: 25, Messages: full.emit}))
	want := []string{"25 percent processed.", "50 percent processed.", "75 percent processed.", "100 percent processed."}
	if got := full.msgs; len(got) != 7 || strings.Join(got[:4], "|") != strings.Join(want, "|") ||
		!strings.HasPrefix(got[4], "Processed ") || !strings.HasPrefix(got[6], "RESTORE DATABASE successfully processed ") {
		t.Fatalf("RESTORE DATABASE messages %q", got)
	}
	var log collector
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc", p.file("l1.trn"), RestoreOptions{Stats: 50, Messages: log.emit}))
	if got := log.msgs; len(got) != 4 || got[0] != "50 percent processed." || got[1] != "100 percent processed." ||
		!strings.HasPrefix(got[3], "RESTORE LOG successfully processed ") {
		t.Fatalf("RESTORE LOG messages %q", got)
	}
}

func TestRestoreRefusedBeforeDataCopyReportsNoProgress(t *testing.T) {
	p := newLabPair(t)
	ctx := context.Background()
	must(t, p.prim.BackupDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), BackupOptions{}))
	insertMsg(t, p.ps, "mgc", "tail")
	var c collector
	wantErr(t, p.prim.RestoreDatabase(ctx, p.ps, "mgc", p.file("mgc.bak"), RestoreOptions{Stats: 10, Messages: c.emit}), 3159)
	if len(c.msgs) != 0 {
		t.Fatalf("a restore refused by its checks reported %q", c.msgs)
	}
}

func TestVerifyReportingStreamsChunks(t *testing.T) {
	payload := make([]byte, 3*backupmedia.TransferChunk+5)
	for k := range payload {
		payload[k] = byte(k)
	}
	set := &backupmedia.Set{Payload: payload, CRC: crc32.Checksum(payload, bincode.CRCTable())}
	var c collector
	pr := newProgress(10, len(payload), c.emit)
	var calls int
	ok := set.VerifyReporting(func(done int) { calls++; pr.update(done) })
	if !ok || calls != 4 {
		t.Fatalf("verify %v after %d reports", ok, calls)
	}
	got := c.percents()
	if len(got) != 10 || got[0] != "10 percent processed." || got[9] != "100 percent processed." {
		t.Fatalf("progress %q", got)
	}
	set.CRC ^= 1
	if set.VerifyReporting(nil) {
		t.Fatal("a damaged payload verified")
	}
}

func TestRestoreUnderAnotherNameReportsTheTarget(t *testing.T) {
	p := backedUpPair(t)
	ctx := context.Background()
	var c collector
	must(t, p.sec.RestoreDatabase(ctx, p.ss, "mgc_copy", p.file("mgc.bak"), RestoreOptions{NoRecovery: true, Messages: c.emit}))
	must(t, p.sec.RestoreLog(ctx, p.ss, "mgc_copy", p.file("l1.trn"), RestoreOptions{Messages: c.emit}))
	var processed int
	for _, m := range c.msgs {
		if !strings.HasPrefix(m, "Processed ") {
			continue
		}
		processed++
		if !strings.Contains(m, " for database 'mgc_copy', file ") {
			t.Fatalf("4035 names the source database: %q", m)
		}
	}
	if processed != 3 {
		t.Fatalf("messages %q", c.msgs)
	}
}
