package tds

import (
	"encoding/binary"
	"math"
	"time"

	"pcsh/modules/lab/sqltype"
)

// writeVariant appends a sql_variant value: a 4-byte total length, the base
// type, the property byte count, the properties and the data. The base type
// follows the Go type: int64 → bigint, bool → bit, float64 → float,
// string → nvarchar, []byte → varbinary, time.Time → datetime2(7),
// [16]byte → uniqueidentifier, Decimal → numeric(38, scale).
func writeVariant(e *encoder, v any) error {
	base, props, data, err := variantParts(v)
	if err != nil {
		return err
	}
	e.u32(uint32(2 + len(props) + len(data)))
	e.u8(base)
	e.u8(byte(len(props)))
	e.raw(props)
	e.raw(data)
	return nil
}

func variantParts(v any) (base byte, props, data []byte, err error) {
	if n, ok := toInt64(v); ok {
		return typeInt8, nil, binary.LittleEndian.AppendUint64(nil, uint64(n)), nil
	}
	switch x := v.(type) {
	case bool:
		return typeBit, nil, []byte{boolByte(x)}, nil
	case float64:
		return typeFlt8, nil, binary.LittleEndian.AppendUint64(nil, math.Float64bits(x)), nil
	case string:
		data = encodeUCS2(x)
		return typeNVarChar, binary.LittleEndian.AppendUint16(defaultCollation[:], uint16(len(data))), data, nil
	case []byte:
		return typeBigVarBin, binary.LittleEndian.AppendUint16(nil, uint16(len(x))), x, nil
	case time.Time:
		return typeDateTime2N, []byte{defaultDTScale}, encodeDateTime2(x, defaultDTScale, false, false), nil
	case [16]byte:
		return typeGUID, nil, swapGUID(x), nil
	case sqltype.Decimal:
		t := decimalType(38, x.Scale)
		data, err = encodeDecimal(x, t)
		return typeNumericN, []byte{t.prec, t.scale}, data, err
	}
	return 0, nil, nil, typeErr(typeInfo{id: typeVariant}, v)
}
