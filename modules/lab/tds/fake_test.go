package tds

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/sqltype"
)

// fakeHandler is a canned engine: it accepts sa/pw and answers a fixed set
// of batches and procedures.
type fakeHandler struct {
	logins  atomic.Int32
	resets  atomic.Int32
	started chan struct{} // receives when a "wait" batch has begun
}

func newFake() *fakeHandler { return &fakeHandler{started: make(chan struct{}, 16)} }

func (h *fakeHandler) Login(ctx context.Context, info LoginInfo) (Session, error) {
	if (info.UserName != "sa" || info.Password != "pw") && !info.Integrated {
		return nil, &sqltype.Error{Number: 18456, Class: 14, State: 1,
			Message: fmt.Sprintf("Login failed for user '%s'.", info.UserName)}
	}
	h.logins.Add(1)
	return &fakeSession{h: h, info: info}, nil
}

type fakeSession struct {
	h    *fakeHandler
	info LoginInfo
}

func (s *fakeSession) Reset() { s.h.resets.Add(1) }
func (s *fakeSession) Close() {}

func (s *fakeSession) Batch(ctx context.Context, q string, w ResultWriter) error {
	q = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(q)), ";")
	switch q {
	case "select 1":
		return oneInt(w, "", 1)
	case "multi":
		if err := oneInt(w, "a", 1); err != nil {
			return err
		}
		return oneInt(w, "b", 2)
	case "types":
		return typesResult(w)
	case "big":
		return bigResult(w)
	case "wait":
		return s.wait(ctx, w)
	case "fail":
		return &sqltype.Error{Number: 50001, Class: 16, State: 1, Message: "fail requested"}
	case "panic":
		panic("engine bug")
	case "use db2":
		return w.Database("db2")
	case "partner":
		return w.FailoverPartner("mirror01")
	case "begin transaction", "commit transaction", "rollback transaction":
		return nil
	case "info":
		return w.Info(&sqltype.Error{Number: 5701, Message: "hello"})
	case "select suser_sname()":
		return s.whoami(w)
	}
	return &sqltype.Error{Number: 2812, Class: 16, State: 62, Message: "Could not find stored procedure '" + q + "'."}
}

// wait streams rows until the request is cancelled.
func (s *fakeSession) wait(ctx context.Context, w ResultWriter) error {
	if err := w.Columns([]sqltype.Column{{Name: "n", Type: sqltype.TypeInt}}); err != nil {
		return err
	}
	s.h.started <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

// whoami returns the login and, for a Windows login, " integrated".
func (s *fakeSession) whoami(w ResultWriter) error {
	name := s.info.UserName
	if s.info.Integrated {
		name += " integrated"
	}
	if err := w.Columns([]sqltype.Column{{Name: "", Type: sqltype.TypeNVarChar, Length: 128}}); err != nil {
		return err
	}
	if err := w.Row([]any{name}); err != nil {
		return err
	}
	return w.Done(1)
}

func oneInt(w ResultWriter, name string, v int64) error {
	if err := w.Columns([]sqltype.Column{{Name: name, Type: sqltype.TypeInt}}); err != nil {
		return err
	}
	if err := w.Row([]any{v}); err != nil {
		return err
	}
	return w.Done(1)
}

// typeColumns covers every DataType the server sends.
var typeColumns = []sqltype.Column{
	{Name: "i", Type: sqltype.TypeInt, Nullable: true},
	{Name: "bi", Type: sqltype.TypeBigInt, Nullable: true},
	{Name: "si", Type: sqltype.TypeSmallInt, Nullable: true},
	{Name: "ti", Type: sqltype.TypeTinyInt, Nullable: true},
	{Name: "b", Type: sqltype.TypeBit, Nullable: true},
	{Name: "d", Type: sqltype.TypeDecimal, Precision: 25, Scale: 2, Nullable: true},
	{Name: "nv", Type: sqltype.TypeNVarChar, Length: 20, Nullable: true},
	{Name: "vc", Type: sqltype.TypeVarChar, Length: 20, Nullable: true},
	{Name: "dt", Type: sqltype.TypeDateTime, Nullable: true},
	{Name: "dt2", Type: sqltype.TypeDateTime2, Nullable: true},
	{Name: "g", Type: sqltype.TypeUniqueIdentifier, Nullable: true},
	{Name: "vb", Type: sqltype.TypeVarBinary, Length: 10, Nullable: true},
	{Name: "f", Type: sqltype.TypeFloat, Nullable: true},
	{Name: "nvm", Type: sqltype.TypeNVarChar, Length: -1, Nullable: true},
	{Name: "vbm", Type: sqltype.TypeVarBinary, Length: -1, Nullable: true},
	{Name: "dto", Type: sqltype.TypeDateTimeOffset, Nullable: true},
	{Name: "da", Type: sqltype.TypeDate, Nullable: true},
	{Name: "sv", Type: sqltype.TypeSQLVariant, Nullable: true},
}

var (
	testTime = time.Date(2024, 2, 29, 13, 14, 15, 123456700, time.UTC)
	testGUID = [16]byte{0x6F, 0x96, 0x19, 0xFF, 0x8B, 0x86, 0xD0, 0x11, 0xB4, 0x2D, 0x00, 0xC0, 0x4F, 0xC9, 0x64, 0xFF}
)

func typeValues() []any {
	return []any{int64(-7), int64(1) << 40, int64(-300), int64(255), true,
		sqltype.Decimal{Unscaled: big.NewInt(-123456), Scale: 2}, "héllo ☃", "latin é",
		time.Date(2024, 2, 29, 13, 14, 15, 997e6, time.UTC), testTime, testGUID,
		[]byte{1, 2, 3}, 3.5, "max ☃", []byte("maxbin"),
		testTime.In(time.FixedZone("", -5*3600)), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "variant"}
}

func typesResult(w ResultWriter) error {
	if err := w.Columns(typeColumns); err != nil {
		return err
	}
	if err := w.Row(typeValues()); err != nil {
		return err
	}
	if err := w.Row(make([]any, len(typeColumns))); err != nil {
		return err
	}
	return w.Done(2)
}

// bigSize makes (max) values span many packets even at 32 KiB.
const bigSize = 100_000

func bigResult(w ResultWriter) error {
	cols := []sqltype.Column{{Name: "s", Type: sqltype.TypeNVarChar, Length: -1}, {Name: "b", Type: sqltype.TypeVarBinary, Length: -1}}
	if err := w.Columns(cols); err != nil {
		return err
	}
	if err := w.Row([]any{strings.Repeat("xé", bigSize/2), make([]byte, bigSize)}); err != nil {
		return err
	}
	return w.Done(1)
}

// RPC echoes sp_executesql parameters as a one-row result (each OUTPUT
// parameter comes back doubled) and implements dbo.addone by name.
func (s *fakeSession) RPC(ctx context.Context, proc string, params []Param, w ResultWriter) error {
	switch strings.ToLower(proc) {
	case "sp_executesql":
		return echo(w, params[2:])
	case "dbo.addone":
		a := params[0].Value.(int64)
		if err := w.ReturnStatus(7); err != nil {
			return err
		}
		return w.ReturnValue(Param{Name: params[1].Name, Type: sqltype.TypeInt, Value: a + 1})
	}
	return s.Batch(ctx, proc, w)
}

func echo(w ResultWriter, params []Param) error {
	var cols []sqltype.Column
	var vals []any
	for _, p := range params {
		if p.Output {
			if err := w.ReturnValue(Param{Name: p.Name, Type: p.Type, Value: double(p.Value)}); err != nil {
				return err
			}
			continue
		}
		c := sqltype.Column{Name: strings.TrimPrefix(p.Name, "@"), Type: p.Type, Length: -1, Nullable: true}
		if d, ok := p.Value.(sqltype.Decimal); ok {
			c.Precision, c.Scale = 38, d.Scale
		}
		cols, vals = append(cols, c), append(vals, p.Value)
	}
	if len(cols) == 0 {
		return w.Done(-1)
	}
	if err := w.Columns(cols); err != nil {
		return err
	}
	if err := w.Row(vals); err != nil {
		return err
	}
	return w.Done(1)
}

func double(v any) any {
	switch x := v.(type) {
	case int64:
		return 2 * x
	case string:
		return x + x
	}
	return v
}

// startTCP serves h on 127.0.0.1:0 and returns the port.
func startTCP(t testing.TB, h Handler, cfg Config) (*Server, int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(cfg, h)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return srv, l.Addr().(*net.TCPAddr).Port
}

// openDB opens database/sql against a fresh server with extra DSN options.
func openDB(t testing.TB, h Handler, opts string) *sql.DB {
	t.Helper()
	_, port := startTCP(t, h, Config{ServerName: "LAB01"})
	dsn := fmt.Sprintf("server=127.0.0.1;port=%d;user id=sa;password=pw;%s", port, opts)
	db, err := sql.Open("sqlserver", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
