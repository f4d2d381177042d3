package conformance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"
	"github.com/rogpeppe/go-internal/txtar"

	"pcsh/modules/lab/labtest"
	"pcsh/modules/lab/mirror"
)

// TestConformance runs the corpus in modules/lab/conformance: each
// archive is a sequence of cases, NAME.sql (a batch, run through
// database/sql and go-mssqldb against fresh in-process lab instances,
// each the instance `pcsh lab serve` runs) and
// NAME.want (the expected tokens, after "# source:" lines naming the
// documentation the expectation comes from). $DIR in a batch is a
// temporary directory.
func TestConformance(t *testing.T) {
	files, err := filepath.Glob("*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance corpus: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) { runArchive(t, f) })
	}
}

// runArchive runs one archive's cases in order. An archive whose comment
// has an "instances:" line runs on several lab instances with database
// mirroring (see startInstances); otherwise every case runs on one
// connection to one lab.
func runArchive(t *testing.T, path string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	insts := startInstances(t, string(ar.Comment), dir)
	for i := 0; i+1 < len(ar.Files); i += 2 {
		q, want := ar.Files[i], ar.Files[i+1]
		name := strings.TrimSuffix(q.Name, ".sql")
		if want.Name != name+".want" {
			t.Fatalf("%s: %s must be followed by %s.want", path, q.Name, name)
		}
		if !hasSource(want.Data) {
			t.Errorf("%s: %s names no documentation source", path, want.Name)
		}
		in, err := insts.pick(name)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		subst := insts.placeholders(dir)
		sqlText := subst.Replace(string(q.Data))
		got := insts.unplace(dir).Replace(runCase(t, in.conn, sqlText))
		if w := expectations(want.Data); !matchLines(got, w) {
			t.Errorf("%s\n--- got:\n%s--- want:\n%s", name, got, w)
		}
	}
}

// conformanceInstance is one lab of an archive with its connection and,
// for multi-instance archives, its mirroring server.
type conformanceInstance struct {
	alias string
	conn  *sql.Conn
	m     *mirror.Server
}

// conformanceLabs are the instances of one archive, the first the
// default for cases without an "alias/" prefix.
type conformanceLabs []*conformanceInstance

// startInstances starts the archive's labs, each the instance lab serve
// runs (labtest), allowed to back up to dir. An archive comment line
// "instances: p=DC1-SQL1 m=DC1-SQL2" starts one lab per alias=name, each
// named name, with its mirroring endpoints on 127.0.0.1 pinging every
// 100 ms; a case named "m/NAME.sql" runs on alias m, and "$EP_m" in a
// batch (and in its output) stands for alias m's mirroring endpoint
// address. Without an instances line the archive runs on one lab named
// LAB1\PCHAT. Every instance runs SQL Server Agent with the log shipping
// procedures, database mirroring and the server principals, as lab
// serve does (a line "agent: on" says an archive needs the Agent).
func startInstances(t *testing.T, comment, dir string) conformanceLabs {
	var spec []string
	for _, l := range strings.Split(comment, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "instances:"); ok {
			spec = strings.Fields(rest)
		}
	}
	if len(spec) == 0 {
		spec = []string{`=LAB1\PCHAT`}
	}
	var out conformanceLabs
	for _, a := range spec {
		alias, name, ok := strings.Cut(a, "=")
		if !ok {
			t.Fatalf("instances: %q is not alias=NAME", a)
		}
		l := labtest.StartWith(t, name, labtest.Options{BackupDirs: []string{dir},
			MirrorPingInterval: 100 * time.Millisecond, MirrorDialTimeout: time.Second})
		out = append(out, &conformanceInstance{alias: alias, conn: connect(t, l.Open(t, "master")), m: l.Mirror})
	}
	return out
}

// connect takes one connection from db, closed at test end.
func connect(t *testing.T, db *sql.DB) *sql.Conn {
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// pick returns the instance a case runs on: its "alias/" prefix, or the
// first instance.
func (ls conformanceLabs) pick(name string) (*conformanceInstance, error) {
	alias, _, ok := strings.Cut(name, "/")
	if !ok {
		return ls[0], nil
	}
	for _, l := range ls {
		if l.alias == alias && l.alias != "" {
			return l, nil
		}
	}
	return nil, fmt.Errorf("case %s: no instance %q", name, alias)
}

// placeholders replaces $DIR and each $EP_alias whose endpoint exists.
func (ls conformanceLabs) placeholders(dir string) *strings.Replacer {
	pairs := []string{"$DIR", dir}
	for _, l := range ls {
		if a := l.endpoint(); a != "" {
			pairs = append(pairs, "$EP_"+l.alias, a)
		}
	}
	return strings.NewReplacer(pairs...)
}

// unplace turns the directory and endpoint addresses back into their
// placeholders.
func (ls conformanceLabs) unplace(dir string) *strings.Replacer {
	pairs := []string{dir, "$DIR"}
	for _, l := range ls {
		if a := l.endpoint(); a != "" {
			pairs = append(pairs, a, "$EP_"+l.alias)
		}
	}
	return strings.NewReplacer(pairs...)
}

// endpoint is the instance's mirroring endpoint address, or "".
func (l *conformanceInstance) endpoint() string {
	if l.m == nil {
		return ""
	}
	return l.m.Address()
}

// matchLines compares output with expectations line by line; an
// expected line ending in * matches any line with that prefix.
func matchLines(got, want string) bool {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		if p, ok := strings.CutSuffix(w[i], "*"); ok && strings.HasPrefix(g[i], p) {
			continue
		}
		if g[i] != w[i] {
			return false
		}
	}
	return true
}

func hasSource(data []byte) bool { return strings.Contains(string(data), "# source:") }

// expectations drops the comment lines of a .want file.
func expectations(data []byte) string {
	var b strings.Builder
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// runCase runs a batch with go-mssqldb's message loop and renders every
// result set, row count, message and error as text lines.
func runCase(t *testing.T, conn *sql.Conn, q string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rm := &sqlexp.ReturnMessage{}
	rows, err := conn.QueryContext(ctx, q, rm)
	if err != nil {
		return "query error: " + err.Error() + "\n"
	}
	defer rows.Close()
	var b strings.Builder
	for active := true; active; {
		switch m := rm.Message(ctx).(type) {
		case sqlexp.MsgNotice:
			var e mssql.Error
			if errors.As(m.Message.(error), &e) {
				fmt.Fprintf(&b, "info %d: %s\n", e.Number, e.Message)
			}
		case sqlexp.MsgError:
			b.WriteString(renderError(m.Error))
		case sqlexp.MsgRowsAffected:
			fmt.Fprintf(&b, "rows %d\n", m.Count)
		case sqlexp.MsgNext:
			renderRows(t, &b, rows)
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		}
	}
	return b.String()
}

func renderError(err error) string {
	var e mssql.Error
	if errors.As(err, &e) {
		return fmt.Sprintf("error %d level %d state %d line %d: %s\n", e.Number, e.Class, e.State, e.LineNo, e.Message)
	}
	return "client error: " + err.Error() + "\n"
}

// renderRows writes "cols a|b" and one "row x|y" line per row.
func renderRows(t *testing.T, b *strings.Builder, rows *sql.Rows) {
	cols, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name()
	}
	fmt.Fprintf(b, "cols %s\n", strings.Join(names, "|"))
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = renderClient(v, cols[i].DatabaseTypeName())
		}
		fmt.Fprintf(b, "row %s\n", strings.Join(parts, "|"))
	}
}

// renderClient prints a value as go-mssqldb returns it.
func renderClient(v any, dbType string) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		switch dbType {
		case "DECIMAL", "NUMERIC", "MONEY":
			return string(x)
		case "UNIQUEIDENTIFIER":
			var u mssql.UniqueIdentifier
			_ = u.Scan(x)
			return u.String()
		}
		return fmt.Sprintf("0x%X", x)
	case time.Time:
		return x.Format("2006-01-02 15:04:05.000")
	case bool:
		return map[bool]string{true: "1", false: "0"}[x]
	}
	return fmt.Sprint(v)
}
