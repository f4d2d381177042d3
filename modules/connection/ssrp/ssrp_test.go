package ssrp

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

var rtc = Instance{ServerName: "DC1-SQL1", InstanceName: "RTC", Version: "11.0.7001.0", TCPPort: 50123}

func TestDecodeRequest(t *testing.T) {
	good := map[string]Request{
		"\x02":            {Type: BroadcastEx},
		"\x03":            {Type: UnicastEx},
		"\x04RTC\x00":     {Type: UnicastInst, Instance: "RTC"},
		"\x0f\x01RTC\x00": {Type: UnicastDAC, Instance: "RTC"},
	}
	for in, want := range good {
		got, err := DecodeRequest([]byte(in))
		if err != nil || got != want {
			t.Errorf("DecodeRequest(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if string(want.Encode()) != in {
			t.Errorf("Encode(%+v) = %q, want %q", want, want.Encode(), in)
		}
	}
	bad := []string{"", "\x01", "\x03x", "\x04", "\x04RTC", "\x04\x00", "\x04RTC\x00x", "\x04" + strings.Repeat("A", 33) + "\x00",
		"\x0fRTC\x00", "\x0f\x02RTC\x00", "\x05\x00\x00"}
	for _, in := range bad {
		if _, err := DecodeRequest([]byte(in)); !errors.Is(err, ErrMalformed) {
			t.Errorf("DecodeRequest(%q): err %v, want ErrMalformed", in, err)
		}
	}
}

func TestResponseRoundTrip(t *testing.T) {
	b, err := EncodeResponse([]Instance{rtc}, maxInstReply)
	if err != nil {
		t.Fatal(err)
	}
	want := "ServerName;DC1-SQL1;InstanceName;RTC;IsClustered;No;Version;11.0.7001.0;tcp;50123;;"
	if string(b[3:]) != want || b[0] != 0x05 || int(b[1])|int(b[2])<<8 != len(want) {
		t.Fatalf("EncodeResponse = %q", b)
	}
	got, err := DecodeResponse(b)
	if err != nil || len(got) != 1 || got[0] != rtc {
		t.Fatalf("DecodeResponse = %+v, %v", got, err)
	}
	if _, err := EncodeResponse([]Instance{{InstanceName: strings.Repeat("A", 1100)}}, maxInstReply); err == nil {
		t.Fatal("a reply over 1,024 bytes was encoded")
	}
}

// TestDecodeResponseForms reads a two-instance CLNT_UCAST_EX reply with
// named pipes and a Banyan VINES endpoint, and refuses malformed ones.
func TestDecodeResponseForms(t *testing.T) {
	data := "ServerName;SQL01;InstanceName;MSSQLSERVER;IsClustered;No;Version;11.0.2100.60;np;\\\\SQL01\\pipe\\sql\\query;tcp;1433;;" +
		"ServerName;SQL01;InstanceName;RTC;IsClustered;Yes;Version;11.0.2100.60;bv;item;group;org;tcp;49152;;"
	got, err := DecodeResponse(reply(data))
	if err != nil || len(got) != 2 || got[1].TCPPort != 49152 || !got[1].IsClustered || got[0].Pipe == "" {
		t.Fatalf("DecodeResponse = %+v, %v", got, err)
	}
	if in, ok := Find(got, "rtc"); !ok || in.InstanceName != "RTC" {
		t.Fatalf("Find(rtc) = %+v, %v", in, ok)
	}
	for _, bad := range []string{"", "ServerName;X;InstanceName;Y", "ServerName;X;;", "InstanceName;Y;tcp;x;;",
		"InstanceName;Y;tcp;70000;;", "InstanceName;Y;tcp;;"} {
		if _, err := DecodeResponse(reply(bad)); !errors.Is(err, ErrMalformed) {
			t.Errorf("DecodeResponse(%q): err %v, want ErrMalformed", bad, err)
		}
	}
	if _, err := DecodeResponse([]byte{5, 9, 0, 'x'}); !errors.Is(err, ErrMalformed) {
		t.Errorf("a wrong RESP_SIZE was accepted: %v", err)
	}
}

func reply(data string) []byte {
	return append([]byte{ServerResp, byte(len(data)), byte(len(data) >> 8)}, data...)
}

// TestResponderAnswers: the instance asked for, every instance for the
// EX requests, nothing for an unknown instance, the DAC or garbage.
func TestResponderAnswers(t *testing.T) {
	var logged []string
	r := &Responder{Instances: func() []Instance { return []Instance{rtc} },
		Logf: func(f string, a ...any) { logged = append(logged, f) }}
	from := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5000}
	for _, req := range []string{"\x02", "\x03", "\x04rtc\x00"} {
		got, err := DecodeResponse(r.Answer([]byte(req), from))
		if err != nil || len(got) != 1 || got[0].TCPPort != 50123 {
			t.Errorf("request %q: %+v, %v", req, got, err)
		}
	}
	for _, req := range []string{"\x04LYNC\x00", "\x0f\x01RTC\x00", "\x04RTC", "\xff", ""} {
		if got := r.Answer([]byte(req), from); got != nil {
			t.Errorf("request %q was answered: %q", req, got)
		}
	}
	if len(logged) != 3 {
		t.Errorf("logged %d malformed datagrams, want 3: %v", len(logged), logged)
	}
}

// TestLookup runs a responder on a loopback UDP socket and looks the
// instance up through it; an unknown instance gets no answer, and the
// error names the instance and the host.
func TestLookup(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &Responder{Instances: func() []Instance { return []Instance{rtc} }}
	go r.Serve(pc)
	defer pc.Close()
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, pc.LocalAddr().String())
	}
	port, err := Lookup(context.Background(), dial, "dc1-sql1.lab.local", "127.0.0.1", "rtc", time.Second, 1)
	if err != nil || port != 50123 {
		t.Fatalf("Lookup = %d, %v", port, err)
	}
	_, err = Lookup(context.Background(), dial, "dc1-sql1.lab.local", "127.0.0.1", "LYNC", 50*time.Millisecond, 2)
	var na *NoAnswerError
	if !errors.As(err, &na) || !strings.Contains(err.Error(), "LYNC") || !strings.Contains(err.Error(), "dc1-sql1.lab.local") {
		t.Fatalf("unknown instance: %v", err)
	}
}

// TestLookupNoBrowser: a port nobody listens on is refused at once.
func TestLookupNoBrowser(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := pc.LocalAddr().String()
	pc.Close()
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	_, err = Lookup(context.Background(), dial, "sql01", "127.0.0.1", "RTC", 5*time.Second, 2)
	var nb *NoBrowserError
	if !errors.As(err, &nb) {
		t.Fatalf("closed port: %v", err)
	}
}
