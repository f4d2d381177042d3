package tds

import (
	"bytes"
	"context"
	"io"
	"net"
	"testing"
	"time"
)

// TestMalformedInputClosesConnection sends broken requests and expects the
// server to close the connection (read returns EOF) rather than hang or
// crash. The deadline only turns a hang into a failure.
func TestMalformedInputClosesConnection(t *testing.T) {
	prelogin := appendPackets(nil, packetPrelogin, encodePrelogin(0, encryptNotSup, 0), minPacketSize, true)
	cases := map[string][]byte{
		"short header":     {0x12, 0x01, 0x00, 0x04, 0, 0, 0, 0},
		"not prelogin":     appendPackets(nil, packetSQLBatch, []byte("x"), minPacketSize, true),
		"bad option table": appendPackets(nil, packetPrelogin, []byte{0x00, 0xFF, 0xFF, 0, 9}, minPacketSize, true),
		"short login7":     append(append([]byte{}, prelogin...), appendPackets(nil, packetLogin7, []byte{1, 2, 3}, minPacketSize, true)...),
		"login7 offsets": append(append([]byte{}, prelogin...),
			appendPackets(nil, packetLogin7, append(bytes.Repeat([]byte{0}, 40), bytes.Repeat([]byte{0xFF}, 60)...), minPacketSize, true)...),
	}
	srv := NewServer(Config{}, newFake())
	defer srv.Close()
	for name, input := range cases {
		t.Run(name, func(t *testing.T) {
			client, server := net.Pipe()
			go srv.ServeConn(context.Background(), server)
			client.SetDeadline(time.Now().Add(10 * time.Second))
			go client.Write(input)
			_, err := io.Copy(io.Discard, client)
			if err != nil {
				t.Fatalf("connection not closed cleanly: %v", err)
			}
		})
	}
}

// TestMalformedRequestAfterLogin checks a broken RPC after a real login.
func TestMalformedRequestAfterLogin(t *testing.T) {
	raw := captureClientBytes(t)
	msgs := clientMessages(t, raw)
	srv := NewServer(Config{}, newFake())
	defer srv.Close()
	client, server := net.Pipe()
	go srv.ServeConn(context.Background(), server)
	client.SetDeadline(time.Now().Add(10 * time.Second))
	go func() {
		client.Write(appendPackets(nil, packetPrelogin, msgs[packetPrelogin], 4096, true))
		client.Write(appendPackets(nil, packetLogin7, msgs[packetLogin7], 4096, true))
		client.Write(appendPackets(nil, packetRPC, []byte{4, 0, 0, 0, 0xFF, 0xFF, 99, 0}, 4096, true))
	}()
	if _, err := io.Copy(io.Discard, client); err != nil {
		t.Fatalf("connection not closed cleanly: %v", err)
	}
}
