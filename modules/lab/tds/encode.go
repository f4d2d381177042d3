package tds

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"pcsh/modules/lab/sqltype"
)

// plpUnknownLen and plpNull are the PLP total-length markers.
const (
	plpNull       = 0xFFFFFFFFFFFFFFFF
	plpChunkLimit = 1 << 20
)

// writeValue appends v, a row or parameter value, in the format of t.
func writeValue(e *encoder, t typeInfo, v any) error {
	if v == nil {
		writeNull(e, t)
		return nil
	}
	switch t.id {
	case typeNVarChar, typeBigVarChar, typeBigVarBin:
		b, err := stringBytes(t, v)
		if err != nil {
			return err
		}
		return writeVarBytes(e, t, b)
	case typeVariant:
		return writeVariant(e, v)
	}
	b, err := scalarBytes(t, v)
	if err != nil {
		return err
	}
	e.u8(byte(len(b)))
	e.raw(b)
	return nil
}

// writeNull appends the NULL form of t's length prefix.
func writeNull(e *encoder, t typeInfo) {
	switch {
	case t.plp():
		e.u64(plpNull)
	case isShortLen(t.id):
		e.u16(0xFFFF)
	case t.id == typeVariant:
		e.u32(0)
	default:
		e.u8(0)
	}
}

// writeVarBytes appends a USHORTLEN or PLP value, refusing values longer
// than the declared column (go-mssqldb sizes its buffer from COLMETADATA).
func writeVarBytes(e *encoder, t typeInfo, b []byte) error {
	if !t.plp() {
		if len(b) > t.size {
			return fmt.Errorf("tds: value of %d bytes exceeds column length %d", len(b), t.size)
		}
		e.u16(uint16(len(b)))
		e.raw(b)
		return nil
	}
	e.u64(uint64(len(b)))
	for len(b) > 0 {
		n := min(len(b), plpChunkLimit)
		e.u32(uint32(n))
		e.raw(b[:n])
		b = b[n:]
	}
	e.u32(0)
	return nil
}

// stringBytes converts a string or []byte value to t's wire bytes.
func stringBytes(t typeInfo, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		switch t.id {
		case typeNVarChar:
			return encodeUCS2(x), nil
		case typeBigVarChar:
			return encodeLatin1(x), nil
		}
		return []byte(x), nil
	case []byte:
		if t.id == typeNVarChar {
			return encodeUCS2(string(x)), nil
		}
		return x, nil
	}
	return nil, typeErr(t, v)
}

// encodeLatin1 encodes s for a varchar with a Latin-1 collation; runes
// outside Latin-1 become '?'.
func encodeLatin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			r = '?'
		}
		b = append(b, byte(r))
	}
	return b
}

// scalarBytes encodes a BYTELEN value (without its length byte).
func scalarBytes(t typeInfo, v any) ([]byte, error) {
	switch t.id {
	case typeIntN:
		return intBytes(t, v)
	case typeBitN:
		if b, ok := v.(bool); ok {
			return []byte{boolByte(b)}, nil
		}
	case typeFltN:
		if f, ok := toFloat(v); ok {
			return binary.LittleEndian.AppendUint64(nil, math.Float64bits(f)), nil
		}
	case typeNumericN:
		if d, ok := v.(sqltype.Decimal); ok {
			return encodeDecimal(d, t)
		}
	case typeGUID:
		if g, ok := v.([16]byte); ok {
			return swapGUID(g), nil
		}
	case typeDateTimeN, typeDateTime2N, typeDTOffsetN, typeDateN:
		if tm, ok := v.(time.Time); ok {
			return timeBytes(t, tm), nil
		}
	}
	return nil, typeErr(t, v)
}

func typeErr(t typeInfo, v any) error {
	return fmt.Errorf("tds: cannot send %T as %v", v, t.dataType())
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func timeBytes(t typeInfo, tm time.Time) []byte {
	if t.id == typeDateTimeN {
		return encodeDateTime(tm)
	}
	return encodeDateTime2(tm, t.scale, t.id == typeDateN, t.id == typeDTOffsetN)
}

// intBytes encodes an integer in t.size bytes, refusing values that do not
// fit (tinyint is unsigned).
func intBytes(t typeInfo, v any) ([]byte, error) {
	n, ok := toInt64(v)
	if !ok {
		return nil, typeErr(t, v)
	}
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	switch t.size {
	case 1:
		lo, hi = 0, math.MaxUint8
	case 2:
		lo, hi = math.MinInt16, math.MaxInt16
	case 4:
		lo, hi = math.MinInt32, math.MaxInt32
	}
	if n < lo || n > hi {
		return nil, fmt.Errorf("tds: %d out of range for %v", n, t.dataType())
	}
	return binary.LittleEndian.AppendUint64(nil, uint64(n))[:t.size], nil
}

func toInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	return 0, false
}

// swapGUID converts between the canonical (RFC 4122) byte order and SQL
// Server's wire order, whose first three groups are little-endian. The
// conversion is its own inverse.
func swapGUID(g [16]byte) []byte {
	return []byte{g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6],
		g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]}
}
