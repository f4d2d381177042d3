package tsql

import (
	"errors"
	"testing"
)

// parseCase is one table-driven parser test: sql must parse and render
// as want (one statement per line, each ended by ';').
type parseCase struct {
	name string
	sql  string
	want string
}

// runParseCases parses every case, compares the rendering and checks the
// rendering parses back to itself.
func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := Parse(c.sql)
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.sql, err)
			}
			if got := b.String(); got != c.want {
				t.Errorf("Parse(%q).String()\n got: %q\nwant: %q", c.sql, got, c.want)
			}
			assertRoundTrip(t, b)
		})
	}
}

// assertRoundTrip checks that b renders to T-SQL that parses to the same
// rendering.
func assertRoundTrip(t *testing.T, b *Batch) {
	t.Helper()
	text := b.String()
	again, err := Parse(text)
	if err != nil {
		t.Fatalf("re-parse of %q: %v", text, err)
	}
	if again.String() != text {
		t.Fatalf("round trip differs:\n first: %q\nsecond: %q", text, again.String())
	}
}

// mustParseOne parses sql, which must hold exactly one statement of type S.
func mustParseOne[S Stmt](t *testing.T, sql string) S {
	t.Helper()
	b, err := Parse(sql)
	if err != nil {
		t.Fatalf("Parse(%q): %v", sql, err)
	}
	if len(b.Stmts) != 1 {
		t.Fatalf("Parse(%q): %d statements, want 1", sql, len(b.Stmts))
	}
	s, ok := b.Stmts[0].(S)
	if !ok {
		t.Fatalf("Parse(%q): got %T", sql, b.Stmts[0])
	}
	return s
}

// asSyntaxError unwraps err as a *SyntaxError or fails.
func asSyntaxError(t *testing.T, sql string, err error) *SyntaxError {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q): got %T %v, want *SyntaxError", sql, err, err)
	}
	return se
}
