package tsql

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// renders to T-SQL that parses back to the same rendering.
func FuzzParse(f *testing.F) {
	for _, s := range []string{tediousLogin, ssmsLogShipping, dbatoolsRetCheck, "SELECT 1", "GO"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		b, err := Parse(sql)
		if err != nil {
			return
		}
		text := b.String()
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("rendering of %q does not parse: %q: %v", sql, text, err)
		}
		if again.String() != text {
			t.Fatalf("round trip of %q:\n first: %q\nsecond: %q", sql, text, again.String())
		}
	})
}

// FuzzLex checks that Lex never panics and that tokens are in order, end
// with EOF and carry their own source text.
func FuzzLex(f *testing.F) {
	for _, s := range []string{"SELECT [a]]b], N'x''y', @v, @@SPID, 0x0F, 1.5e-3 -- c", "/* a /* b */ */ x", "'open"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		toks, err := Lex(sql)
		if err != nil {
			return
		}
		checkTokens(t, sql, toks)
	})
}

// checkTokens asserts the structural invariants of a token stream.
func checkTokens(t *testing.T, sql string, toks []Token) {
	t.Helper()
	if toks[len(toks)-1].Kind != EOF {
		t.Fatalf("last token is %v", toks[len(toks)-1])
	}
	prevEnd, prevLine := 0, 1
	for _, tok := range toks[:len(toks)-1] {
		if tok.Offset < prevEnd || tok.Text == "" || sql[tok.Offset:tok.Offset+len(tok.Text)] != tok.Text {
			t.Fatalf("token %+v out of place in %q", tok, sql)
		}
		if want := 1 + strings.Count(sql[:tok.Offset], "\n"); tok.Line != want || tok.Line < prevLine {
			t.Fatalf("token %+v: line %d, want %d", tok, tok.Line, want)
		}
		prevEnd, prevLine = tok.Offset+len(tok.Text), tok.Line
	}
}
