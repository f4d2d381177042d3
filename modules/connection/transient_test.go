package connection

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/runtime/cmdlet"
)

func TestClassification(t *testing.T) {
	transient := []error{
		mssql.Error{Number: 1205}, mssql.Error{Number: 1222}, mssql.Error{Number: 40613},
		&net.OpError{Op: "dial", Err: errors.New("connection refused")}, io.EOF, context.DeadlineExceeded,
		fmt.Errorf("wrapped: %w", mssql.Error{Number: 49918}),
	}
	for _, err := range transient {
		if !IsTransient(err) {
			t.Errorf("%v should be transient", err)
		}
	}
	fatal := []error{mssql.Error{Number: 18456}, mssql.Error{Number: 208}, mssql.Error{Number: 954},
		context.Canceled, errors.New("syntax"), nil}
	for _, err := range fatal {
		if IsTransient(err) {
			t.Errorf("%v should not be transient", err)
		}
	}
	if ClassOf(954) != ClassPartner || ClassOf(4060) != ClassPartner || ClassOf(1418) != ClassFatal {
		t.Error("partner classes")
	}
	for _, e := range TransientErrors() {
		if e.Source == "" || e.Reason == "" || (e.Scope != "all" && e.Scope != "Azure SQL Database") {
			t.Errorf("table row %d is incomplete", e.Number)
		}
	}
}

func TestCategories(t *testing.T) {
	for n, want := range map[int32]cmdlet.Category{18456: cmdlet.CategoryConnectionError, 911: cmdlet.CategoryObjectNotFound,
		208: cmdlet.CategoryObjectNotFound, 1205: cmdlet.CategoryResourceUnavailable, 229: cmdlet.CategoryPermissionDenied,
		1470: cmdlet.CategoryInvalidOperation, 102: cmdlet.CategoryInvalidArgument} {
		if got := CategoryOf(n); got != want {
			t.Errorf("%d: %s, want %s", n, got, want)
		}
	}
}

func TestPrimaryErrorSkipsGeneric(t *testing.T) {
	err := mssql.Error{Number: 3013, All: []mssql.Error{{Number: 3201, Message: "Cannot open backup device"}, {Number: 3013}}}
	if ErrorNumber(err) != 3201 {
		t.Fatalf("ErrorNumber = %d", ErrorNumber(err))
	}
	rec := SQLRecord(err, "sql01", &cmdlet.Secrets{})
	if rec.ErrorID != "SqlError3201" || rec.Target != "sql01" {
		t.Fatalf("%+v", rec)
	}
}

func TestRetryBackoffWithFakeClock(t *testing.T) {
	clock := &fakeClock{}
	p := RetryPolicy{Attempts: 4, Base: time.Second, Max: 3 * time.Second}
	calls, retries := 0, 0
	err := p.Do(context.Background(), clock, IsTransient, func(int, time.Duration, error) { retries++ }, func() error {
		calls++
		return mssql.Error{Number: 1205}
	})
	if ErrorNumber(err) != 1205 || calls != 4 || retries != 3 {
		t.Fatalf("err %v, calls %d, retries %d", err, calls, retries)
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}; fmt.Sprint(clock.waits) != fmt.Sprint(want) {
		t.Fatalf("waits %v, want %v", clock.waits, want)
	}
	calls = 0
	_ = p.Do(context.Background(), clock, IsTransient, func(int, time.Duration, error) {}, func() error {
		calls++
		return mssql.Error{Number: 18456}
	})
	if calls != 1 {
		t.Fatalf("a fatal error was retried %d times", calls)
	}
}

// TestRetryConnectThroughFlakyDialer: the first two dials are refused;
// the third connects, after waits of 1 s and 2 s on the fake clock.
func TestRetryConnectThroughFlakyDialer(t *testing.T) {
	f, _, _ := labFixture(t)
	f.dialer.refuse = 2
	ctx := f.ctx(nil)
	c, err := Open(ctx, "sql-plain", Options{})
	if err == nil {
		_, err = c.Query(ctx, "SELECT 1")
	}
	if err == nil || cmdlet.AsRecord(err).ErrorID != "SqlConnectionFailed" {
		t.Fatalf("unknown host: %v", err)
	}
	f.clock.waits, f.dialer.refuse = nil, 2
	c, _ = Open(ctx, "dc1-sql1", Options{})
	c.Target.PartnerAddr = nil // only the principal, so every refusal is a retry
	res, err := c.Query(ctx, "SELECT 1")
	if err != nil || res.Scalar() != int64(1) {
		t.Fatalf("query: %v %v", res, err)
	}
	if fmt.Sprint(f.clock.waits) != "[1s 2s]" {
		t.Fatalf("waits %v", f.clock.waits)
	}
}

// TestExecIsNotRetriedAfterSending: a deadlock in Exec is reported, not
// re-run, unless the caller says the batch is idempotent.
func TestExecIsNotRetriedAfterSending(t *testing.T) {
	f, p, _ := labFixture(t)
	deadlock := &tdsErr1205
	p.fail = map[string][]*tdsSQLError{"SELECT 1": {deadlock, deadlock}}
	ctx := f.ctx(nil)
	c, _ := Open(ctx, "dc1-sql1", Options{})
	if _, err := c.Exec(ctx, "SELECT 1"); cmdlet.AsRecord(err).ErrorID != "SqlError1205" {
		t.Fatalf("exec: %v", err)
	}
	if res, err := c.Exec(ctx, "SELECT 1", Idempotent{}); err != nil || res.Scalar() != int64(1) {
		t.Fatalf("idempotent exec: %v %v", res, err)
	}
}

// TestOneAttemptIsNotRetried: with Options.Attempts 1 (Invoke-PcSqlQuery
// -ConnectRetryCount 0) a refused dial fails at once, with no wait.
func TestOneAttemptIsNotRetried(t *testing.T) {
	f, _, _ := labFixture(t)
	ctx := f.ctx(nil)
	c, _ := Open(ctx, "dc1-sql1", Options{Attempts: 1})
	c.Target.PartnerAddr = nil
	f.dialer.refuse = 1
	if _, err := c.Query(ctx, "SELECT 1"); err == nil {
		t.Fatal("a refused dial with one attempt succeeded")
	}
	if len(f.clock.waits) != 0 {
		t.Fatalf("waited %v before failing", f.clock.waits)
	}
}
