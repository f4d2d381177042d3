package bincode

import (
	"errors"
	"testing"
	"time"
)

// TestTimeRoundTrip: zero, nanosecond and wide times read back equal.
func TestTimeRoundTrip(t *testing.T) {
	times := []time.Time{{}, time.Unix(1e9, 5).UTC(), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999900, time.UTC)}
	var b []byte
	for _, tm := range times {
		b = AppendTime(b, tm)
	}
	r := NewReader(b, errors.New("bad"))
	for _, want := range times {
		if got := r.Time(); !got.Equal(want) {
			t.Errorf("Time() = %v, want %v", got, want)
		}
	}
	if r.Err() != nil || r.Len() != 0 {
		t.Fatalf("err %v, %d bytes left", r.Err(), r.Len())
	}
}
