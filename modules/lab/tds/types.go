package tds

import (
	"fmt"

	"pcsh/modules/lab/sqltype"
)

// Wire type ids (MS-TDS 2.2.5.4).
const (
	typeNull          = 0x1F
	typeInt1          = 0x30
	typeBit           = 0x32
	typeInt2          = 0x34
	typeInt4          = 0x38
	typeDateTim4      = 0x3A
	typeFlt4          = 0x3B
	typeDateTime      = 0x3D
	typeFlt8          = 0x3E
	typeInt8          = 0x7F
	typeGUID          = 0x24
	typeIntN          = 0x26
	typeDateN         = 0x28
	typeTimeN         = 0x29
	typeDateTime2N    = 0x2A
	typeDTOffsetN     = 0x2B
	typeBitN          = 0x68
	typeDecimalN      = 0x6A
	typeNumericN      = 0x6C
	typeFltN          = 0x6D
	typeDateTimeN     = 0x6F
	typeBigVarBin     = 0xA5
	typeBigVarChar    = 0xA7
	typeBigBinary     = 0xAD
	typeBigChar       = 0xAF
	typeNVarChar      = 0xE7
	typeNChar         = 0xEF
	typeVariant       = 0x62
	plpSize           = 0xFFFF // USHORTLEN max length that announces PLP values
	variantMaxSize    = 8016
	defaultDTScale    = 7
	defaultPrecision  = 18
	maxShortNVarChar  = 4000
	maxShortVarBinary = 8000
)

// defaultCollation is SQL_Latin1_General_CP1_CI_AS (LCID 0x0409, sort 52).
var defaultCollation = [5]byte{0x09, 0x04, 0xD0, 0x00, 0x34}

// typeInfo is a decoded TYPE_INFO: the wire type and its size, precision,
// scale and collation.
type typeInfo struct {
	id        byte
	size      int // byte length for fixed and BYTELEN types; max length for USHORTLEN types
	prec      uint8
	scale     uint8
	collation [5]byte
}

// plp reports whether values of this type travel as PLP chunks.
func (t typeInfo) plp() bool { return t.size == plpSize && isShortLen(t.id) }

func isShortLen(id byte) bool {
	switch id {
	case typeBigVarBin, typeBigVarChar, typeBigBinary, typeBigChar, typeNVarChar, typeNChar:
		return true
	}
	return false
}

func hasCollation(id byte) bool {
	switch id {
	case typeBigVarChar, typeBigChar, typeNVarChar, typeNChar:
		return true
	}
	return false
}

// fixedSize returns the value length of a fixed-length type, or -1.
func fixedSize(id byte) int {
	switch id {
	case typeNull:
		return 0
	case typeInt1, typeBit:
		return 1
	case typeInt2:
		return 2
	case typeInt4, typeDateTim4, typeFlt4:
		return 4
	case typeDateTime, typeFlt8, typeInt8:
		return 8
	}
	return -1
}

// timeSize is the byte length of a TIME part at the given scale.
func timeSize(scale uint8) int {
	switch {
	case scale <= 2:
		return 3
	case scale <= 4:
		return 4
	}
	return 5
}

// numericSize is the value length (sign byte included) for a precision.
func numericSize(prec uint8) int {
	switch {
	case prec <= 9:
		return 5
	case prec <= 19:
		return 9
	case prec <= 28:
		return 13
	}
	return 17
}

// columnType maps a Column to the nullable wire type the server sends.
func columnType(c sqltype.Column) (typeInfo, error) {
	switch c.Type {
	case sqltype.TypeInt, sqltype.TypeBigInt, sqltype.TypeSmallInt, sqltype.TypeTinyInt:
		return typeInfo{id: typeIntN, size: intSize(c.Type)}, nil
	case sqltype.TypeBit:
		return typeInfo{id: typeBitN, size: 1}, nil
	case sqltype.TypeFloat:
		return typeInfo{id: typeFltN, size: 8}, nil
	case sqltype.TypeDecimal:
		return decimalType(c.Precision, c.Scale), nil
	case sqltype.TypeNVarChar:
		return stringType(typeNVarChar, c.Length, maxShortNVarChar, 2), nil
	case sqltype.TypeVarChar:
		return stringType(typeBigVarChar, c.Length, maxShortVarBinary, 1), nil
	case sqltype.TypeVarBinary:
		return stringType(typeBigVarBin, c.Length, maxShortVarBinary, 1), nil
	case sqltype.TypeDateTime:
		return typeInfo{id: typeDateTimeN, size: 8}, nil
	case sqltype.TypeDateTime2, sqltype.TypeDateTimeOffset:
		return timeType(c)
	case sqltype.TypeDate:
		return typeInfo{id: typeDateN, size: 3}, nil
	case sqltype.TypeUniqueIdentifier:
		return typeInfo{id: typeGUID, size: 16}, nil
	case sqltype.TypeSQLVariant:
		return typeInfo{id: typeVariant, size: variantMaxSize}, nil
	}
	return typeInfo{}, fmt.Errorf("tds: column %q has unknown data type %d", c.Name, c.Type)
}

func intSize(t sqltype.DataType) int {
	switch t {
	case sqltype.TypeBigInt:
		return 8
	case sqltype.TypeSmallInt:
		return 2
	case sqltype.TypeTinyInt:
		return 1
	}
	return 4
}

func decimalType(prec, scale uint8) typeInfo {
	if prec == 0 {
		prec = defaultPrecision
	}
	prec = min(prec, 38)
	return typeInfo{id: typeNumericN, size: numericSize(prec), prec: prec, scale: min(scale, prec)}
}

// stringType builds a USHORTLEN type; length <= 0 or above the short limit
// means (max), sent as PLP.
func stringType(id byte, length, short, unit int) typeInfo {
	t := typeInfo{id: id, size: length * unit}
	if hasCollation(id) {
		t.collation = defaultCollation
	}
	if length <= 0 || length > short {
		t.size = plpSize
	}
	return t
}

// timeType builds datetime2/datetimeoffset. Scale is the number of
// fractional-second digits; with Precision 0 the scale defaults to 7.
func timeType(c sqltype.Column) (typeInfo, error) {
	scale := c.Scale
	if c.Precision == 0 {
		scale = defaultDTScale
	}
	if scale > 7 {
		return typeInfo{}, fmt.Errorf("tds: column %q has scale %d above 7", c.Name, scale)
	}
	t := typeInfo{id: typeDateTime2N, scale: scale, size: timeSize(scale) + 3}
	if c.Type == sqltype.TypeDateTimeOffset {
		t.id, t.size = typeDTOffsetN, t.size+2
	}
	return t, nil
}

// dataType maps a wire type back to the contract's DataType.
func (t typeInfo) dataType() sqltype.DataType {
	switch t.id {
	case typeInt1:
		return sqltype.TypeTinyInt
	case typeInt2:
		return sqltype.TypeSmallInt
	case typeInt4:
		return sqltype.TypeInt
	case typeInt8:
		return sqltype.TypeBigInt
	case typeIntN:
		return map[int]sqltype.DataType{1: sqltype.TypeTinyInt, 2: sqltype.TypeSmallInt, 4: sqltype.TypeInt, 8: sqltype.TypeBigInt}[t.size]
	case typeBit, typeBitN:
		return sqltype.TypeBit
	case typeFlt4, typeFlt8, typeFltN:
		return sqltype.TypeFloat
	case typeDecimalN, typeNumericN:
		return sqltype.TypeDecimal
	case typeDateTim4, typeDateTime, typeDateTimeN:
		return sqltype.TypeDateTime
	case typeDateTime2N, typeTimeN:
		return sqltype.TypeDateTime2
	case typeDTOffsetN:
		return sqltype.TypeDateTimeOffset
	case typeDateN:
		return sqltype.TypeDate
	case typeGUID:
		return sqltype.TypeUniqueIdentifier
	case typeBigVarBin, typeBigBinary:
		return sqltype.TypeVarBinary
	case typeBigVarChar, typeBigChar:
		return sqltype.TypeVarChar
	case typeVariant:
		return sqltype.TypeSQLVariant
	}
	return sqltype.TypeNVarChar
}

// writeTypeInfo appends TYPE_INFO for t.
func writeTypeInfo(e *encoder, t typeInfo) {
	e.u8(t.id)
	switch {
	case fixedSize(t.id) >= 0 || t.id == typeDateN:
	case t.id == typeVariant:
		e.u32(uint32(t.size))
	case isShortLen(t.id):
		e.u16(uint16(t.size))
		if hasCollation(t.id) {
			e.raw(t.collation[:])
		}
	case t.id == typeTimeN || t.id == typeDateTime2N || t.id == typeDTOffsetN:
		e.u8(t.scale)
	default:
		e.u8(byte(t.size))
		if t.id == typeNumericN || t.id == typeDecimalN {
			e.u8(t.prec)
			e.u8(t.scale)
		}
	}
}

// readTypeInfo decodes TYPE_INFO for the types a client may send as RPC
// parameters.
func readTypeInfo(d *decoder) (typeInfo, error) {
	t := typeInfo{id: d.U8()}
	switch {
	case fixedSize(t.id) >= 0:
		t.size = fixedSize(t.id)
	case t.id == typeDateN:
		t.size = 3
	case isShortLen(t.id):
		t.size = int(d.U16())
		if hasCollation(t.id) {
			copy(t.collation[:], d.Take(5))
		}
	case t.id == typeTimeN || t.id == typeDateTime2N || t.id == typeDTOffsetN:
		t.scale = d.U8()
		if t.scale > 7 {
			return t, fmt.Errorf("tds: time scale %d above 7", t.scale)
		}
		t.size = timeSize(t.scale) + map[byte]int{typeDateTime2N: 3, typeDTOffsetN: 5}[t.id]
	case isByteLen(t.id):
		t.size = int(d.U8())
		if t.id == typeNumericN || t.id == typeDecimalN {
			t.prec, t.scale = d.U8(), d.U8()
		}
	default:
		return t, fmt.Errorf("tds: unsupported parameter type %#x", t.id)
	}
	return t, d.Err()
}

func isByteLen(id byte) bool {
	switch id {
	case typeGUID, typeIntN, typeBitN, typeDecimalN, typeNumericN, typeFltN, typeDateTimeN:
		return true
	}
	return false
}
