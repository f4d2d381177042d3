package bincode

import "time"

// AppendTime appends t as a tag and its value: 0 for the zero time, 1 and
// Unix nanoseconds (a varint) within the years 1678 to 2262 an int64 of
// nanoseconds holds, else 2 and AppendWideTime.
func AppendTime(dst []byte, t time.Time) []byte {
	switch {
	case t.IsZero():
		return append(dst, 0)
	case FitsNanos(t):
		return AppendVarint(append(dst, 1), t.UnixNano())
	}
	return AppendWideTime(append(dst, 2), t)
}

// FitsNanos reports whether t is within the years (1678 to 2262) that
// Unix nanoseconds in an int64 can hold; other times (datetime2's 0001
// and 9999, datetime's 1753) are encoded as seconds and nanoseconds.
func FitsNanos(t time.Time) bool { return time.Unix(0, t.UnixNano()).Equal(t) }

// AppendWideTime appends t as Unix seconds (a varint) and nanoseconds (a
// uvarint), for any year.
func AppendWideTime(dst []byte, t time.Time) []byte {
	return AppendUvarint(AppendVarint(dst, t.Unix()), uint64(t.Nanosecond()))
}

// Time reads a time AppendTime wrote, in UTC.
func (r *Reader) Time() time.Time {
	switch r.U8() {
	case 0:
		return time.Time{}
	case 2:
		return r.WideTime()
	}
	return time.Unix(0, r.Varint()).UTC()
}

// WideTime reads a time AppendWideTime wrote, in UTC; nanoseconds past a
// second are a failure.
func (r *Reader) WideTime() time.Time {
	sec, nsec := r.Varint(), r.Uvarint()
	if nsec >= 1e9 {
		r.Fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
