package sqlserver

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
)

// TestFailedStartClosesWhatItOpened: a start whose listener cannot open
// fails with the lab's message and closes the engine it had opened (its
// data directory lock is free: the next start on it succeeds), and an
// instance closed by Close starts again on the same data.
func TestFailedStartClosesWhatItOpened(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	defer busy.Close()
	c := Config{Name: "DC1-SQL1", Data: t.TempDir(), Listen: busy.Addr().String(), Password: "Test-Pw-1"}
	_, err = Start(context.Background(), c)
	var se *StartError
	if !errors.As(err, &se) || se.Part != "" || !strings.HasPrefix(err.Error(), "lab instance DC1-SQL1: listen tcp") {
		t.Fatalf("start on a busy address: %v", err)
	}
	c.Listen = "127.0.0.1:0"
	for range 2 {
		inst, err := Start(context.Background(), c)
		if err != nil {
			t.Fatalf("start after a failed or closed one: %v", err)
		}
		if err := inst.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
