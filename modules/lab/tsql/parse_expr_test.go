package tsql

import "testing"

func TestParseExprPrecedence(t *testing.T) {
	cases := []struct{ in, want string }{
		{"1 + 2 * 3", "1 + 2 * 3"},
		{"(1 + 2) * 3", "(1 + 2) * 3"},
		{"a - (b - c)", "a - (b - c)"},
		{"(a - b) - c", "a - b - c"},
		{"-a * b", "-a * b"},
		{"-(a * b)", "-(a * b)"},
		{"- -1", "-(-1)"},
		{"a - -1", "a - -1"},
		{"~a & b | c ^ d", "~a & b | c ^ d"},
		{"a = 1 OR b = 2 AND c = 3", "a = 1 OR b = 2 AND c = 3"},
		{"(a = 1 OR b = 2) AND c = 3", "(a = 1 OR b = 2) AND c = 3"},
		{"NOT a = 1 AND b = 2", "NOT a = 1 AND b = 2"},
		{"NOT (a = 1 AND b = 2)", "NOT (a = 1 AND b = 2)"},
		{"a + 1 > b * 2", "a + 1 > b * 2"},
		{"x NOT BETWEEN 1 + 1 AND 10", "x NOT BETWEEN 1 + 1 AND 10"},
		{"'a' + N'b' LIKE '%[_]%' ESCAPE '\\'", "'a' + N'b' LIKE '%[_]%' ESCAPE '\\'"},
		{"a !< 1 AND b !> 2 AND c != 3", "a !< 1 AND b !> 2 AND c != 3"},
		{"@@ERROR = 0 AND @rc = 0", "@@ERROR = 0 AND @rc = 0"},
		{"1.5e3 + .5 + 1. + 0x", "1.5e3 + .5 + 1. + 0x"},
		{"count(*)", "count(*)"},
		{"dbo.fn(1, 'a')", "dbo.fn(1, 'a')"},
		{"[left](x, 1)", "LEFT(x, 1)"},
	}
	for _, c := range cases {
		e, err := ParseExpr(c.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", c.in, err)
			continue
		}
		if got := e.String(); got != c.want {
			t.Errorf("ParseExpr(%q) = %q, want %q", c.in, got, c.want)
		}
		again, err := ParseExpr(e.String())
		if err != nil || again.String() != e.String() {
			t.Errorf("round trip of %q: %v %v", e.String(), again, err)
		}
	}
}

func TestParseExprShape(t *testing.T) {
	e, err := ParseExpr("a = 1 OR b = 2 AND c = 3")
	if err != nil {
		t.Fatal(err)
	}
	or, ok := e.(*BinaryExpr)
	if !ok || or.Op != "OR" {
		t.Fatalf("top is %T %v", e, e)
	}
	if and, ok := or.R.(*BinaryExpr); !ok || and.Op != "AND" {
		t.Fatalf("right is %T", or.R)
	}
	e, _ = ParseExpr("0x0A0")
	if b := e.(*BinaryLit).Bytes(); len(b) != 2 || b[0] != 0x00 || b[1] != 0xA0 {
		t.Errorf("bytes %x", b)
	}
	e, _ = ParseExpr("2147483648")
	if n, err := e.(*NumberLit).Int64(); err != nil || n != 2147483648 {
		t.Errorf("int64 %d %v", n, err)
	}
	if _, err := ParseExpr("1 2"); err == nil {
		t.Error("ParseExpr accepted trailing tokens")
	}
}
