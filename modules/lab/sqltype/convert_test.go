package sqltype

import (
	"math/big"
	"testing"
)

// TestToIntegerRanges: each integer type keeps its range; a float or
// decimal loses its fraction; a string must be a whole number.
func TestToIntegerRanges(t *testing.T) {
	cases := []struct {
		v    any
		t    DataType
		want int64
		fail Failure
	}{
		{int64(255), TypeTinyInt, 255, Converted},
		{int64(256), TypeTinyInt, 0, Overflow},
		{int64(-1), TypeTinyInt, 0, Overflow},
		{int64(32768), TypeSmallInt, 0, Overflow},
		{int64(1 << 31), TypeInt, 0, Overflow},
		{2.9, TypeInt, 2, Converted},
		{9.25e18, TypeBigInt, 0, Overflow},
		{Decimal{Unscaled: big.NewInt(-1299), Scale: 2}, TypeInt, -12, Converted},
		{" 42 ", TypeInt, 42, Converted},
		{"4.2", TypeInt, 0, Malformed},
		{[]byte{1}, TypeInt, 0, NotAllowed},
	}
	for _, c := range cases {
		if got, fail := ToInteger(c.v, c.t); got != c.want || fail != c.fail {
			t.Errorf("ToInteger(%v, %d) = %d, %d; want %d, %d", c.v, c.t, got, fail, c.want, c.fail)
		}
	}
}

// TestToBit: numbers are 1 unless zero, strings 1/0/TRUE/FALSE.
func TestToBit(t *testing.T) {
	for v, want := range map[any]bool{int64(7): true, 0.0: false, "true": true, " FALSE ": false, "1": true} {
		if got, fail := ToBit(v); got != want || fail != Converted {
			t.Errorf("ToBit(%v) = %v, %d", v, got, fail)
		}
	}
	if _, fail := ToBit("yes"); fail != Malformed {
		t.Errorf("ToBit(yes) failure %d, want Malformed", fail)
	}
}

// TestToDecimalRounding: half away from zero at the scale; more digits
// than the precision overflow.
func TestToDecimalRounding(t *testing.T) {
	d, fail := ToDecimal("-2.345", 5, 2)
	if fail != Converted || d.Unscaled.Int64() != -235 || d.Scale != 2 {
		t.Errorf("ToDecimal(-2.345, 5, 2) = %v/%d, %d", d.Unscaled, d.Scale, fail)
	}
	if _, fail := ToDecimal(int64(1000), 3, 0); fail != Overflow {
		t.Errorf("ToDecimal(1000, 3, 0) failure %d, want Overflow", fail)
	}
	if d, fail := ToDecimal(int64(0), 0, 0); fail != Converted || d.Unscaled.Sign() != 0 {
		t.Errorf("ToDecimal(0, 0, 0) = %v, %d", d.Unscaled, fail)
	}
}

// TestToBinaryMode: character data converts to binary only explicitly.
func TestToBinaryMode(t *testing.T) {
	if _, fail := ToBinary("ab", Implicit); fail != NotAllowed {
		t.Errorf("implicit string to binary: failure %d", fail)
	}
	if b, fail := ToBinary("ab", Explicit); fail != Converted || string(b) != "ab" {
		t.Errorf("explicit string to binary = %q, %d", b, fail)
	}
}

// TestTruncateUnits: nvarchar counts UTF-16 units, varchar characters.
func TestTruncateUnits(t *testing.T) {
	s := "a😀b"
	if n := TextLength(TypeNVarChar, s); n != 4 {
		t.Errorf("nvarchar length %d, want 4", n)
	}
	if n := TextLength(TypeVarChar, s); n != 3 {
		t.Errorf("varchar length %d, want 3", n)
	}
	if got := Truncate(TypeVarChar, s, 2); got != "a😀" {
		t.Errorf("varchar Truncate = %q", got)
	}
	if got := Truncate(TypeNVarChar, "héllo", 2); got != "hé" {
		t.Errorf("nvarchar Truncate = %q", got)
	}
}
