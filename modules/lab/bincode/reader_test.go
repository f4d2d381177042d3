package bincode

import (
	"bytes"
	"errors"
	"testing"
)

var errTest = errors.New("bad input")

// TestRoundTrip: what the Append functions write, a Reader reads back,
// with nothing left over.
func TestRoundTrip(t *testing.T) {
	b := AppendUvarint(nil, 300)
	b = AppendVarint(b, -70000)
	b = AppendString(b, "mirror")
	b = AppendBytes(b, []byte{1, 2, 3})
	b = append(b, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12)
	r := NewReader(b, errTest)
	if v := r.Uvarint(); v != 300 {
		t.Errorf("Uvarint = %d", v)
	}
	if v := r.Varint(); v != -70000 {
		t.Errorf("Varint = %d", v)
	}
	if s := r.Str(); s != "mirror" {
		t.Errorf("Str = %q", s)
	}
	if p := r.Bytes(); !bytes.Equal(p, []byte{1, 2, 3}) {
		t.Errorf("Bytes = %v", p)
	}
	if v := r.U16(); v != 0x1234 {
		t.Errorf("U16 = %#x", v)
	}
	if v := r.U32(); v != 0x12345678 {
		t.Errorf("U32 = %#x", v)
	}
	if r.Err() != nil || r.Len() != 0 {
		t.Errorf("err %v, %d bytes left", r.Err(), r.Len())
	}
}

// TestFailureSticks: the first overrun sets the Reader's error, empties
// it, and later reads return zero values.
func TestFailureSticks(t *testing.T) {
	r := NewReader([]byte{5, 'a', 'b', 7}, errTest)
	if s := r.Str(); s != "" || !errors.Is(r.Err(), errTest) {
		t.Fatalf("Str = %q, err %v; want a failure", s, r.Err())
	}
	if v := r.U8(); v != 0 || r.Len() != 0 {
		t.Errorf("after the failure U8 = %d with %d bytes left", v, r.Len())
	}
}

// TestCountBoundsAllocation: a count the remaining bytes cannot hold
// fails instead of being returned.
func TestCountBoundsAllocation(t *testing.T) {
	r := NewReader(append(AppendUvarint(nil, 3), 0, 0, 0, 0, 0), errTest)
	if n := r.Count(2); n != 0 || r.Err() == nil {
		t.Errorf("Count(2) of 3 over 5 bytes = %d, err %v", n, r.Err())
	}
	r = NewReader(append(AppendUvarint(nil, 2), 0, 0, 0, 0), errTest)
	if n := r.Count(2); n != 2 || r.Err() != nil {
		t.Errorf("Count(2) of 2 over 4 bytes = %d, err %v", n, r.Err())
	}
}

// TestInt32Range: a varint outside int32 fails.
func TestInt32Range(t *testing.T) {
	r := NewReader(AppendVarint(nil, 1<<40), errTest)
	if r.Int32(); r.Err() == nil {
		t.Error("Int32 of 2^40 did not fail")
	}
}

// FuzzReader: any input read as a mix of fields either decodes or fails
// with the Reader's error, never panics, and never reads past the end.
func FuzzReader(f *testing.F) {
	f.Add(AppendString(AppendVarint(nil, -1), "x"))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(b, errTest)
		for r.Err() == nil && r.Len() > 0 {
			switch r.U8() % 6 {
			case 0:
				r.Uvarint()
			case 1:
				r.Int32()
			case 2:
				r.Str()
			case 3:
				r.Count(4)
			case 4:
				r.U32()
			default:
				r.Take(int(r.U16()))
			}
		}
		if r.Err() != nil && !errors.Is(r.Err(), errTest) || r.Len() < 0 {
			t.Fatalf("err %v, %d bytes left", r.Err(), r.Len())
		}
	})
}

// TestBoolRoundTrip: AppendBool writes one byte a Reader reads back, and
// any byte but 0 reads as true.
func TestBoolRoundTrip(t *testing.T) {
	r := NewReader(append(AppendBool(AppendBool(nil, true), false), 7), errTest)
	if !r.Bool() || r.Bool() || !r.Bool() || r.Err() != nil || r.Len() != 0 {
		t.Fatalf("bools read back wrong, err %v", r.Err())
	}
}
