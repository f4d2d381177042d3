package exec

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
)

// recorder is an in-memory tds.ResultWriter that renders what a request
// sent as text lines, one per token.
type recorder struct {
	lines []string
	cols  []sqltype.Column
	tran  int
}

func (w *recorder) add(format string, args ...any) error {
	w.lines = append(w.lines, fmt.Sprintf(format, args...))
	return nil
}

func (w *recorder) Columns(cols []sqltype.Column) error {
	w.cols = cols
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return w.add("cols %s", strings.Join(names, "|"))
}

func (w *recorder) Row(values []any) error {
	if len(values) != len(w.cols) {
		return fmt.Errorf("row has %d values for %d columns", len(values), len(w.cols))
	}
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = render(v)
	}
	return w.add("row %s", strings.Join(parts, "|"))
}

func (w *recorder) Done(count int64) error {
	if count < 0 {
		return w.add("done")
	}
	return w.add("done %d", count)
}

func (w *recorder) Info(m *sqltype.Error) error {
	return w.add("info %d: %s", m.Number, m.Message)
}

func (w *recorder) Error(m *sqltype.Error) error {
	return w.add("error %d/%d/%d line %d: %s", m.Number, m.Class, m.State, m.LineNo, m.Message)
}

func (w *recorder) Database(name string) error          { return w.add("database %s", name) }
func (w *recorder) FailoverPartner(server string) error { return w.add("partner %s", server) }
func (w *recorder) ReturnValue(p tds.Param) error {
	return w.add("output %s=%s", p.Name, render(p.Value))
}
func (w *recorder) ReturnStatus(s int32) error { return w.add("status %d", s) }
func (w *recorder) Flush() error               { return nil }
func (w *recorder) BeginTransaction(uint64) error {
	w.tran++
	return w.add("begin tran")
}
func (w *recorder) EndTransaction(commit bool) error {
	w.tran--
	return w.add("end tran commit=%v", commit)
}

// render prints a row value as the tests expect it.
func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.Format("2006-01-02 15:04:05.000")
	case sqltype.Decimal:
		return toText(value{x, decimalT(38, int(x.Scale))}, -1)
	case bool:
		return map[bool]string{true: "1", false: "0"}[x]
	case []byte:
		return fmt.Sprintf("0x%X", x)
	case [16]byte:
		return toText(value{x, guidT()}, -1)
	}
	return fmt.Sprint(v)
}

// unit is an executor session over an engine instance, without TCP.
type unit struct {
	h *Handler
	s *session
}

// newUnit opens an instance in a temporary directory and logs in as sa.
func newUnit(t testing.TB) *unit {
	t.Helper()
	inst, err := engine.Open(engine.Options{Name: "LAB1", Dir: t.TempDir(), Now: testClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.Close() })
	h := New(inst, Config{Password: testPassword, Now: testClock})
	sess, err := h.Login(context.Background(), tds.LoginInfo{UserName: "sa", Password: testPassword, AppName: "unit", HostName: "h"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	return &unit{h: h, s: sess.(*session)}
}

// run executes a batch and returns the rendered tokens.
func (u *unit) run(t testing.TB, sql string) []string {
	t.Helper()
	w := &recorder{}
	if err := u.s.Batch(context.Background(), sql, w); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return w.lines
}

// expect runs a batch and compares its tokens.
func (u *unit) expect(t *testing.T, sql string, want ...string) {
	t.Helper()
	got := u.run(t, sql)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s\ngot:\n  %s\nwant:\n  %s", sql, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
