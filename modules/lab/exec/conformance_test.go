package exec

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
)

// TestConformance runs the corpus in modules/lab/conformance: each
// archive is a sequence of cases, NAME.sql (a batch, run through
// database/sql and go-mssqldb against a fresh in-process lab) and
// NAME.want (the expected tokens, after "# source:" lines naming the
// documentation the expectation comes from). $DIR in a batch is a
// temporary directory.
func TestConformance(t *testing.T) {
	files, err := filepath.Glob("../conformance/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance corpus: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) { runArchive(t, f) })
	}
}

// runArchive runs one archive's cases in order on one connection.
func runArchive(t *testing.T, path string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db := startLab(t).open(t, "master")
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dir := t.TempDir()
	for i := 0; i+1 < len(ar.Files); i += 2 {
		q, want := ar.Files[i], ar.Files[i+1]
		name := strings.TrimSuffix(q.Name, ".sql")
		if want.Name != name+".want" {
			t.Fatalf("%s: %s must be followed by %s.want", path, q.Name, name)
		}
		if !hasSource(want.Data) {
			t.Errorf("%s: %s names no documentation source", path, want.Name)
		}
		sqlText := strings.ReplaceAll(string(q.Data), "$DIR", dir)
		got := strings.ReplaceAll(runCase(t, conn, sqlText), dir, "$DIR")
		if w := expectations(want.Data); !matchLines(got, w) {
			t.Errorf("%s\n--- got:\n%s--- want:\n%s", name, got, w)
		}
	}
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
