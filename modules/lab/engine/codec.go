package engine

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"time"

	"pcsh/modules/lab/backupmedia"
	"pcsh/modules/lab/bincode"
	"pcsh/modules/lab/sqltype"
)

// errCorrupt reports undecodable bytes in the WAL, a checkpoint or a backup.
var errCorrupt = errors.New("engine: corrupt encoding")

// enc appends the lab's binary encoding: uvarints, length-prefixed strings
// and tagged values. It is shared by the WAL, checkpoints and backup files.
type enc struct {
	b     []byte
	segs  [][]byte // alias mode: the finished segments (see payload)
	alias bool
}

func (e *enc) uvarint(v uint64) { e.b = bincode.AppendUvarint(e.b, v) }
func (e *enc) varint(v int64)   { e.b = bincode.AppendVarint(e.b, v) }
func (e *enc) u8(v uint8)       { e.b = append(e.b, v) }
func (e *enc) str(s string)     { e.b = bincode.AppendString(e.b, s) }
func (e *enc) bytes(p []byte) {
	if e.alias && len(p) >= aliasMin {
		e.aliasBytes(p)
		return
	}
	e.b = bincode.AppendBytes(e.b, p)
}
func (e *enc) boolean(v bool)   { e.b = bincode.AppendBool(e.b, v) }
func (e *enc) time(t time.Time) { e.b = bincode.AppendTime(e.b, t) }

// wideTime appends t as Unix seconds and nanoseconds, for any year.
func (e *enc) wideTime(t time.Time) { e.b = bincode.AppendWideTime(e.b, t) }

// Value tags.
const (
	tagNull byte = iota
	tagInt
	tagBool
	tagDecimal
	tagString
	tagTime
	tagGUID
	tagBytes
	tagFloat
	tagTimeOffset // a datetimeoffset: Unix seconds, nanoseconds, offset seconds
	tagTimeWide   // a time outside 1678-2262: Unix seconds, nanoseconds (UTC)
)

// value appends one row value of the types a Row may hold.
func (e *enc) value(v any) {
	switch x := v.(type) {
	case nil:
		e.u8(tagNull)
	case int64:
		e.u8(tagInt)
		e.varint(x)
	case bool:
		e.u8(tagBool)
		e.boolean(x)
	case sqltype.Decimal:
		e.u8(tagDecimal)
		e.u8(x.Scale)
		e.decimal(x.Unscaled)
	case string:
		e.u8(tagString)
		e.str(x)
	case time.Time:
		e.timeValue(x)
	case [16]byte:
		e.u8(tagGUID)
		e.b = append(e.b, x[:]...)
	case []byte:
		e.u8(tagBytes)
		e.bytes(x)
	case float64:
		e.u8(tagFloat)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(x))
	default:
		panic("engine: unencodable value type")
	}
}

// timeValue appends a time row value; a datetimeoffset keeps its offset.
func (e *enc) timeValue(t time.Time) {
	if !isOffsetTime(t) && !bincode.FitsNanos(t) {
		e.u8(tagTimeWide)
		e.wideTime(t)
		return
	}
	if !isOffsetTime(t) {
		e.u8(tagTime)
		e.varint(t.UnixNano())
		return
	}
	_, off := t.Zone()
	e.u8(tagTimeOffset)
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
	e.varint(int64(off))
}

func (e *enc) decimal(v *big.Int) {
	if v == nil {
		v = new(big.Int)
	}
	e.boolean(v.Sign() < 0)
	e.bytes(new(big.Int).Abs(v).Bytes())
}

func (e *enc) row(r Row) {
	e.uvarint(uint64(len(r)))
	for _, v := range r {
		e.value(v)
	}
}

// dec reads what enc wrote: a bincode.Reader that fails with errCorrupt,
// and the engine's tagged values, times, decimals and rows.
type dec struct{ bincode.Reader }

func newDec(b []byte) dec { return dec{bincode.NewReader(b, errCorrupt)} }

func (d *dec) bytes() []byte   { return append([]byte(nil), d.Bytes()...) }
func (d *dec) boolean() bool   { return d.Bool() }
func (d *dec) time() time.Time { return d.Time() }

func (d *dec) value() any {
	switch d.U8() {
	case tagNull:
		return nil
	case tagInt:
		return d.Varint()
	case tagBool:
		return d.boolean()
	case tagDecimal:
		scale := d.U8()
		return sqltype.Decimal{Scale: scale, Unscaled: d.decimal()}
	case tagString:
		return d.Str()
	case tagTime:
		return time.Unix(0, d.Varint()).UTC()
	case tagGUID:
		var g [16]byte
		copy(g[:], d.Take(16))
		return g
	case tagBytes:
		return d.bytes()
	case tagFloat:
		return math.Float64frombits(d.U64())
	case tagTimeOffset:
		return d.timeOffset()
	case tagTimeWide:
		return d.WideTime()
	}
	d.Fail()
	return nil
}

// timeOffset reads a datetimeoffset row value.
func (d *dec) timeOffset() time.Time {
	sec, nsec := d.Varint(), d.Uvarint()
	off := d.Varint()
	if nsec >= 1e9 || off < -14*3600 || off > 14*3600 {
		d.Fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).In(time.FixedZone("", int(off)))
}

func (d *dec) decimal() *big.Int {
	neg := d.boolean()
	v := new(big.Int).SetBytes(d.Bytes())
	if neg {
		v.Neg(v)
	}
	return v
}

func (d *dec) row() Row {
	n := d.Count(1)
	r := make(Row, n)
	for i := range r {
		r[i] = d.value()
	}
	return r
}

// aliasMin is the size from which an encoder in alias mode references a
// byte value in place instead of copying it (rows are immutable).
const aliasMin = 64 << 10

// aliasing starts alias mode: from now on bytes(p) of aliasMin or more
// are referenced, not copied; finish returns the segments.
func (e *enc) aliasing() { e.alias = true }

// finish returns what was encoded as a payload.
func (e *enc) finish() backupmedia.Payload {
	if len(e.b) > 0 || len(e.segs) == 0 {
		e.segs = append(e.segs, e.b)
	}
	out := backupmedia.Payload(e.segs)
	e.b, e.segs = nil, nil
	return out
}

// aliasBytes appends p's length and references p itself as a segment.
func (e *enc) aliasBytes(p []byte) {
	e.uvarint(uint64(len(p)))
	e.segs = append(e.segs, e.b, p)
	e.b = make([]byte, 0, 4<<10)
}
