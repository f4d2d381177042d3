package tds

import (
	"bytes"
	"testing"
)

func FuzzPacketReader(f *testing.F) {
	f.Add([]byte{0x12, 0x01, 0x00, 0x08, 0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		pr := packetReader{r: bytes.NewReader(b)}
		for {
			if _, err := pr.readMessage(); err != nil {
				return
			}
		}
	})
}

func FuzzPrelogin(f *testing.F) {
	f.Add(encodePrelogin(defaultVersion, encryptOff, 1))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodePrelogin(b)
	})
}

func FuzzLogin7(f *testing.F) {
	f.Add(make([]byte, login7HeaderSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodeLogin7(b)
	})
}

func FuzzRPC(f *testing.F) {
	f.Add([]byte{4, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodeRPC(b)
		_, _, _ = decodeTransMgr(b)
	})
}

func FuzzBatch(f *testing.F) {
	f.Add([]byte{4, 0, 0, 0, 's', 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _ = decodeBatch(b)
	})
}
