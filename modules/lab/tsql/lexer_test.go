package tsql

import "testing"

func TestLex(t *testing.T) {
	sql := "SELECT [a]]b], \"q\"\"x\", N'it''s', 'x', @v, @@SPID, #t, ##g, 0x0F, 12, 1.5, .5, 1e3, 2E-2 -- c\n" +
		"/* x /* y */ */ a<>b!=c<=d>=e!<f!>g::h+=1 db..obj"
	toks, err := Lex(sql)
	if err != nil {
		t.Fatal(err)
	}
	checkTokens(t, sql, toks)
	type want struct {
		kind  Kind
		value string
	}
	wants := []want{
		{Ident, "SELECT"}, {Ident, "a]b"}, {Op, ","}, {Ident, `q"x`}, {Op, ","}, {NString, "it's"}, {Op, ","},
		{String, "x"}, {Op, ","}, {Variable, "@v"}, {Op, ","}, {SysVar, "@@SPID"}, {Op, ","}, {Ident, "#t"},
		{Op, ","}, {Ident, "##g"}, {Op, ","}, {Binary, "0x0F"}, {Op, ","}, {Integer, "12"}, {Op, ","},
		{Decimal, "1.5"}, {Op, ","}, {Decimal, ".5"}, {Op, ","}, {Float, "1e3"}, {Op, ","}, {Float, "2E-2"},
		{Ident, "a"}, {Op, "<>"}, {Ident, "b"}, {Op, "!="}, {Ident, "c"}, {Op, "<="}, {Ident, "d"}, {Op, ">="},
		{Ident, "e"}, {Op, "!<"}, {Ident, "f"}, {Op, "!>"}, {Ident, "g"}, {Op, "::"}, {Ident, "h"}, {Op, "+="},
		{Integer, "1"}, {Ident, "db"}, {Op, "."}, {Op, "."}, {Ident, "obj"}, {EOF, ""},
	}
	if len(toks) != len(wants) {
		t.Fatalf("got %d tokens, want %d: %+v", len(toks), len(wants), toks)
	}
	for i, w := range wants {
		if toks[i].Kind != w.kind || toks[i].Value != w.value {
			t.Errorf("token %d = %v %q, want %v %q", i, toks[i].Kind, toks[i].Value, w.kind, w.value)
		}
	}
	if !toks[1].Quoted || toks[0].Quoted || toks[len(toks)-2].Line != 2 {
		t.Errorf("quoted/line flags wrong: %+v %+v", toks[1], toks[len(toks)-2])
	}
}

func TestQuoting(t *testing.T) {
	cases := map[string]string{"abc": "abc", "a b": "[a b]", "select": "[select]", "a]b": "[a]]b]", "1a": "[1a]", "#t": "#t", "": "[]"}
	for in, want := range cases {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %q, want %q", in, got, want)
		}
	}
	if got := QuoteString("it's", true); got != "N'it''s'" {
		t.Errorf("QuoteString = %q", got)
	}
}
