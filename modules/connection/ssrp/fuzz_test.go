package ssrp

import (
	"errors"
	"testing"
)

// FuzzDecodeRequest: any datagram decodes to a request that encodes back
// to the same bytes, or fails with ErrMalformed; never a panic.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range []string{"\x02", "\x03", "\x04RTC\x00", "\x0f\x01RTC\x00", "\x04RTC", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeRequest(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		if string(r.Encode()) != string(b) {
			t.Fatalf("decoded %+v re-encodes as %q, not %q", r, r.Encode(), b)
		}
	})
}

// FuzzDecodeResponse: any datagram decodes to instances that re-encode
// and decode to the same, or fails with ErrMalformed.
func FuzzDecodeResponse(f *testing.F) {
	f.Add(reply("ServerName;SQL01;InstanceName;RTC;IsClustered;No;Version;11.0.7001.0;tcp;50123;;"))
	f.Add(reply("InstanceName;Y;bv;a;b;c;;"))
	f.Fuzz(func(t *testing.T, b []byte) {
		all, err := DecodeResponse(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		if _, ok := Find(all, all[0].InstanceName); !ok {
			t.Fatalf("Find misses %q", all[0].InstanceName)
		}
	})
}
