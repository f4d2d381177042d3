package tds

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
)

// readValue decodes one parameter value of type t.
func readValue(d *decoder, t typeInfo) (any, error) {
	raw, null, err := readRaw(d, t)
	if err != nil || null {
		return nil, err
	}
	return convertRaw(t, raw)
}

// readRaw reads the length prefix and bytes of a value; null reports SQL
// NULL.
func readRaw(d *decoder, t typeInfo) (raw []byte, null bool, err error) {
	switch {
	case t.id == typeNull:
		return nil, true, nil
	case fixedSize(t.id) > 0:
		raw = d.Take(t.size)
	case t.plp():
		return readPLP(d)
	case isShortLen(t.id):
		n := d.U16()
		if n == 0xFFFF {
			return nil, true, d.Err()
		}
		raw = d.Take(int(n))
	default:
		n := d.U8()
		if n == 0 {
			return nil, true, d.Err()
		}
		raw = d.Take(int(n))
	}
	return raw, false, d.Err()
}

// readPLP reads a partially length-prefixed value: a 64-bit total (or
// "unknown"), then chunks of u32 length + data until a zero chunk.
func readPLP(d *decoder) ([]byte, bool, error) {
	total := d.U64()
	if total == plpNull {
		return nil, true, d.Err()
	}
	var out []byte
	for d.Err() == nil {
		n := d.U32()
		if n == 0 {
			break
		}
		out = append(out, d.Take(int(n))...)
	}
	return out, false, d.Err()
}

// convertRaw turns value bytes into the contract's Go value for t.
func convertRaw(t typeInfo, b []byte) (any, error) {
	switch t.id {
	case typeNVarChar, typeNChar:
		return decodeUCS2(b), nil
	case typeBigVarChar, typeBigChar:
		return decodeLatin1(b), nil
	case typeBigVarBin, typeBigBinary:
		return append([]byte{}, b...), nil
	}
	if !validScalarLen(t, len(b)) {
		return nil, fmt.Errorf("tds: %d-byte value invalid for type %#x", len(b), t.id)
	}
	return convertScalar(t, b), nil
}

// validScalarLen checks a fixed or BYTELEN value's length so the
// conversions below never index out of range.
func validScalarLen(t typeInfo, n int) bool {
	switch t.id {
	case typeInt1, typeInt2, typeInt4, typeInt8, typeIntN:
		return n == 1 || n == 2 || n == 4 || n == 8
	case typeBit, typeBitN:
		return n == 1
	case typeFlt4, typeFlt8, typeFltN:
		return n == 4 || n == 8
	case typeDateTim4, typeDateTime, typeDateTimeN:
		return n == 4 || n == 8
	case typeGUID:
		return n == 16
	case typeDecimalN, typeNumericN:
		return n == 5 || n == 9 || n == 13 || n == 17
	case typeDateN:
		return n == 3
	case typeTimeN:
		return n == timeSize(t.scale)
	case typeDateTime2N:
		return n == timeSize(t.scale)+3
	case typeDTOffsetN:
		return n == timeSize(t.scale)+5
	}
	return false
}

func convertScalar(t typeInfo, b []byte) any {
	le := binary.LittleEndian
	switch t.id {
	case typeBit, typeBitN:
		return b[0] != 0
	case typeFlt4, typeFlt8, typeFltN:
		if len(b) == 4 {
			return float64(math.Float32frombits(le.Uint32(b)))
		}
		return math.Float64frombits(le.Uint64(b))
	case typeDateTim4, typeDateTime, typeDateTimeN:
		return decodeSmallOrDateTime(b)
	case typeGUID:
		return [16]byte(swapGUID([16]byte(b)))
	case typeDecimalN, typeNumericN:
		return decodeDecimal(b, t.scale)
	case typeTimeN:
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Add(decodeTimePart(b, t.scale))
	case typeDateN, typeDateTime2N, typeDTOffsetN:
		return decodeDateTime2(t.id, t.scale, b)
	}
	return decodeInt(b)
}

func decodeInt(b []byte) int64 {
	le := binary.LittleEndian
	switch len(b) {
	case 1:
		return int64(b[0])
	case 2:
		return int64(int16(le.Uint16(b)))
	case 4:
		return int64(int32(le.Uint32(b)))
	}
	return int64(le.Uint64(b))
}

// decodeSmallOrDateTime decodes datetime (8 bytes) or smalldatetime (4
// bytes: days since 1900 and minutes since midnight).
func decodeSmallOrDateTime(b []byte) any {
	if len(b) == 8 {
		return decodeDateTime(b)
	}
	days, mins := binary.LittleEndian.Uint16(b), binary.LittleEndian.Uint16(b[2:])
	return decodeDateTime(binary.LittleEndian.AppendUint32(
		binary.LittleEndian.AppendUint32(nil, uint32(days)), uint32(mins)*60*300))
}

func decodeLatin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
