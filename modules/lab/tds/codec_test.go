package tds

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/big"
	"reflect"
	"testing"
	"time"

	"pcsh/modules/lab/sqltype"
)

func TestPacketSplitAndReassemble(t *testing.T) {
	for _, n := range []int{0, 1, 503, 504, 505, 5000} {
		payload := bytes.Repeat([]byte{0xAB}, n)
		wire := appendPackets(nil, packetReply, payload, minPacketSize, true)
		pr := packetReader{r: bytes.NewReader(wire)}
		packets := 0
		for off := 0; off < len(wire); packets++ {
			size := int(binary.BigEndian.Uint16(wire[off+2:]))
			if size > minPacketSize {
				t.Fatalf("%d bytes: packet of %d bytes exceeds %d", n, size, minPacketSize)
			}
			last := off+size == len(wire)
			if eom := wire[off+1]&statusEOM != 0; eom != last {
				t.Fatalf("%d bytes: packet %d EOM=%v, last=%v", n, packets, eom, last)
			}
			off += size
		}
		m, err := pr.readMessage()
		if err != nil || m.typ != packetReply || !bytes.Equal(m.payload, payload) {
			t.Fatalf("%d bytes: reassembled %d bytes, %v", n, len(m.payload), err)
		}
		if want := max(1, (n+503)/504); packets != want {
			t.Fatalf("%d bytes: %d packets, want %d", n, packets, want)
		}
	}
}

func TestResetBitIsNotEOM(t *testing.T) {
	wire := appendPackets(nil, packetSQLBatch, bytes.Repeat([]byte{1}, 600), minPacketSize, true)
	wire[1] |= statusResetConnection
	wire[minPacketSize+1] |= statusResetConnection
	m, err := (&packetReader{r: bytes.NewReader(wire)}).readMessage()
	if err != nil || len(m.payload) != 600 || m.status&statusResetConnection == 0 {
		t.Fatalf("got %d bytes, status %#x, %v", len(m.payload), m.status, err)
	}
}

func TestTruncatedPacket(t *testing.T) {
	wire := appendPackets(nil, packetSQLBatch, []byte("abcdef"), minPacketSize, true)
	_, err := (&packetReader{r: bytes.NewReader(wire[:len(wire)-1])}).readMessage()
	if err != io.ErrUnexpectedEOF {
		t.Fatalf("truncated packet: %v", err)
	}
}

func TestValueRoundTrip(t *testing.T) {
	cases := []struct {
		col sqltype.Column
		v   any
	}{
		{sqltype.Column{Type: sqltype.TypeInt}, int64(-2147483648)},
		{sqltype.Column{Type: sqltype.TypeBigInt}, int64(-1) << 62},
		{sqltype.Column{Type: sqltype.TypeSmallInt}, int64(-32768)},
		{sqltype.Column{Type: sqltype.TypeTinyInt}, int64(255)},
		{sqltype.Column{Type: sqltype.TypeBit}, true},
		{sqltype.Column{Type: sqltype.TypeFloat}, -1.5e300},
		{sqltype.Column{Type: sqltype.TypeDecimal, Precision: 38, Scale: 4}, sqltype.Decimal{Unscaled: big.NewInt(-98765432109), Scale: 4}},
		{sqltype.Column{Type: sqltype.TypeDecimal, Precision: 5, Scale: 0}, sqltype.Decimal{Unscaled: big.NewInt(99999), Scale: 0}},
		{sqltype.Column{Type: sqltype.TypeNVarChar, Length: 10}, "ünïcode 😀"},
		{sqltype.Column{Type: sqltype.TypeNVarChar, Length: -1}, "max"},
		{sqltype.Column{Type: sqltype.TypeVarChar, Length: 10}, "café"},
		{sqltype.Column{Type: sqltype.TypeVarBinary, Length: 4}, []byte{0, 1, 2, 3}},
		{sqltype.Column{Type: sqltype.TypeVarBinary, Length: -1}, bytes.Repeat([]byte{7}, 70000)},
		{sqltype.Column{Type: sqltype.TypeDateTime}, time.Date(1753, 1, 1, 0, 0, 0, 0, time.UTC)},
		{sqltype.Column{Type: sqltype.TypeDateTime}, time.Date(9999, 12, 31, 23, 59, 59, 997e6, time.UTC)},
		{sqltype.Column{Type: sqltype.TypeDateTime2}, time.Date(1, 1, 1, 0, 0, 0, 100, time.UTC)},
		{sqltype.Column{Type: sqltype.TypeDateTime2, Precision: 19}, time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)},
		{sqltype.Column{Type: sqltype.TypeDateTimeOffset}, time.Date(2020, 5, 6, 7, 8, 9, 5e8, time.FixedZone("", 90*60))},
		{sqltype.Column{Type: sqltype.TypeDate}, time.Date(2020, 5, 6, 0, 0, 0, 0, time.UTC)},
		{sqltype.Column{Type: sqltype.TypeUniqueIdentifier}, testGUID},
		{sqltype.Column{Type: sqltype.TypeInt}, nil},
		{sqltype.Column{Type: sqltype.TypeNVarChar, Length: -1}, nil},
		{sqltype.Column{Type: sqltype.TypeNVarChar, Length: 5}, nil},
	}
	for _, c := range cases {
		ti, err := columnType(c.col)
		if err != nil {
			t.Fatal(err)
		}
		var e encoder
		writeTypeInfo(&e, ti)
		if err := writeValue(&e, ti, c.v); err != nil {
			t.Fatalf("%v %v: %v", c.col.Type, c.v, err)
		}
		d := newDecoder(e.b)
		back, err := readTypeInfo(&d)
		if err != nil || back != ti {
			t.Fatalf("%v: type info %+v, want %+v (%v)", c.col.Type, back, ti, err)
		}
		got, err := readValue(&d, back)
		if err != nil || d.Len() != 0 || !equalValue(got, c.v) {
			t.Errorf("%v: got %#v, want %#v (%v, %d of %d bytes)", c.col.Type, got, c.v, err, len(e.b)-d.Len(), len(e.b))
		}
	}
}

func equalValue(got, want any) bool {
	if g, ok := got.(time.Time); ok {
		w := want.(time.Time)
		return g.Equal(w) && g.Format(time.RFC3339) == w.Format(time.RFC3339) || g.Equal(w) && w.Location() == time.UTC
	}
	if g, ok := got.(sqltype.Decimal); ok {
		w := want.(sqltype.Decimal)
		return g.Scale == w.Scale && g.Unscaled.Cmp(w.Unscaled) == 0
	}
	return reflect.DeepEqual(got, want)
}

func TestValueOverflowsAreErrors(t *testing.T) {
	cases := []struct {
		col sqltype.Column
		v   any
	}{
		{sqltype.Column{Type: sqltype.TypeTinyInt}, int64(256)},
		{sqltype.Column{Type: sqltype.TypeInt}, int64(1) << 31},
		{sqltype.Column{Type: sqltype.TypeNVarChar, Length: 2}, "abc"},
		{sqltype.Column{Type: sqltype.TypeDecimal, Precision: 3}, sqltype.Decimal{Unscaled: big.NewInt(1000), Scale: 0}},
		{sqltype.Column{Type: sqltype.TypeInt}, "not a number"},
	}
	for _, c := range cases {
		ti, _ := columnType(c.col)
		if err := writeValue(&encoder{}, ti, c.v); err == nil {
			t.Errorf("%v %v: no error", c.col.Type, c.v)
		}
	}
}

func TestDecimalRescaleRounds(t *testing.T) {
	for in, want := range map[int64]int64{-12345: -123, -12355: -124, 12350: 124, 12349: 123} {
		if got := rescale(sqltype.Decimal{Unscaled: big.NewInt(in), Scale: 3}, 1); got.Int64() != want {
			t.Errorf("rescale(%d e-3, 1) = %v, want %d", in, got, want)
		}
	}
}

func TestLogin7PasswordObfuscation(t *testing.T) {
	mangled := encodeUCS2("pässwörd")
	for i, c := range mangled {
		mangled[i] = (c<<4 | c>>4) ^ 0xA5
	}
	if got := unmanglePassword(mangled); got != "pässwörd" {
		t.Fatalf("unmangled %q", got)
	}
}

func TestCapturedLogin7(t *testing.T) {
	msgs := clientMessages(t, captureClientBytes(t))
	l, err := decodeLogin7(msgs[packetLogin7])
	if err != nil {
		t.Fatal(err)
	}
	want := LoginInfo{UserName: "sa", Password: "pw", Database: "db1", AppName: "seed",
		HostName: "seedhost", ServerName: "127.0.0.1", TDSVersion: tdsVersion74, PacketSize: 4096}
	l.info.ClientPID, l.info.Language = 0, ""
	if l.info != want || l.integrated {
		t.Fatalf("login7 = %+v, want %+v", l.info, want)
	}
	pl, err := decodePrelogin(msgs[packetPrelogin])
	if err != nil || pl.encryption != encryptNotSup {
		t.Fatalf("prelogin = %+v, %v", pl, err)
	}
}
