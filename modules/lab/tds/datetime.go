package tds

import (
	"encoding/binary"
	"math"
	"time"
)

const secondsPerDay = 86400

// epoch1 and epoch1900 are the day-count origins of date/datetime2 and of
// datetime, in Unix seconds.
var (
	epoch1    = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	epoch1900 = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// wallClock splits t, read in its own location, into whole days since the
// Unix-seconds origin and nanoseconds since midnight.
func wallClock(t time.Time, origin int64) (days int64, nanos int64) {
	y, mo, d := t.Date()
	days = (time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() - origin) / secondsPerDay
	h, mi, s := t.Clock()
	return days, int64(h*3600+mi*60+s)*1e9 + int64(t.Nanosecond())
}

// encodeDateTime encodes a datetime: days since 1900 and 1/300 s ticks.
func encodeDateTime(t time.Time) []byte {
	days, nanos := wallClock(t, epoch1900)
	ticks := int64(math.Round(float64(nanos) * 300 / 1e9))
	if ticks >= 300*secondsPerDay {
		days, ticks = days+1, ticks-300*secondsPerDay
	}
	b := binary.LittleEndian.AppendUint32(nil, uint32(int32(days)))
	return binary.LittleEndian.AppendUint32(b, uint32(ticks))
}

// decodeDateTime decodes 8 datetime bytes, rounding ticks to milliseconds
// as SQL Server does.
func decodeDateTime(b []byte) time.Time {
	days := int32(binary.LittleEndian.Uint32(b))
	ticks := binary.LittleEndian.Uint32(b[4:])
	ms := int(math.Round(float64(ticks%300) / 0.3))
	return time.Date(1900, 1, 1+int(days), 0, 0, int(ticks/300), ms*1e6, time.UTC)
}

// appendTime appends the TIME part: units of 10^-scale s since midnight.
func appendTime(b []byte, nanos int64, scale uint8) []byte {
	units := nanos / int64(math.Pow10(9-int(scale)))
	for i := 0; i < timeSize(scale); i++ {
		b = append(b, byte(units>>(8*i)))
	}
	return b
}

func appendDate(b []byte, days int64) []byte {
	return append(b, byte(days), byte(days>>8), byte(days>>16))
}

// encodeDateTime2 encodes datetime2(scale), date (dateOnly) or
// datetimeoffset(scale) (offset) for t.
func encodeDateTime2(t time.Time, scale uint8, dateOnly, offset bool) []byte {
	var b []byte
	if offset {
		_, off := t.Zone()
		days, nanos := wallClock(t.UTC(), epoch1)
		b = appendDate(appendTime(b, nanos, scale), days)
		return binary.LittleEndian.AppendUint16(b, uint16(int16(off/60)))
	}
	days, nanos := wallClock(t, epoch1)
	if !dateOnly {
		b = appendTime(b, nanos, scale)
	}
	return appendDate(b, days)
}

// decodeTimePart reads a little-endian TIME of any length as nanoseconds.
func decodeTimePart(b []byte, scale uint8) time.Duration {
	var units int64
	for i := len(b) - 1; i >= 0; i-- {
		units = units<<8 | int64(b[i])
	}
	return time.Duration(units * int64(math.Pow10(9-int(scale))))
}

func decodeDays(b []byte) int {
	return int(b[0]) | int(b[1])<<8 | int(b[2])<<16
}

// decodeDateTime2 decodes date, datetime2 or datetimeoffset bytes; b's
// length was checked against the type by the caller.
func decodeDateTime2(id byte, scale uint8, b []byte) time.Time {
	if id == typeDateN {
		return time.Date(1, 1, 1+decodeDays(b), 0, 0, 0, 0, time.UTC)
	}
	ts := timeSize(scale)
	t := time.Date(1, 1, 1+decodeDays(b[ts:]), 0, 0, 0, 0, time.UTC).Add(decodeTimePart(b[:ts], scale))
	if id != typeDTOffsetN {
		return t
	}
	off := int(int16(binary.LittleEndian.Uint16(b[ts+3:])))
	return t.In(time.FixedZone("", off*60))
}
