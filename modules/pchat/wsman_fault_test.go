package pchat

import (
	"strings"
	"testing"

	"pcsh/modules/pchat/winrmfake"
)

// faultBody is a fault the WinRM service sends as s:Receiver.
func faultBody(subcode, text, code string) []byte {
	return winrmfake.FaultBody("s:Receiver", subcode, text, code)
}

func TestParseWSManFault(t *testing.T) {
	f, err := parseWSManFault(faultBody("w:InvalidSelectors", "The request for the Windows Remote Shell failed.", "2150858843"))
	if err != nil {
		t.Fatal(err)
	}
	want := WSManFault{Code: "s:Receiver", Subcode: "w:InvalidSelectors", Reason: "The request for the Windows Remote Shell failed.",
		Number: "2150858843", Machine: "fe1.contoso.com", Message: "The request for the Windows Remote Shell failed."}
	if *f != want || f.TimedOut() {
		t.Fatalf("got %+v", f)
	}
	if got := f.Error(); got != "The request for the Windows Remote Shell failed. (w:InvalidSelectors, WSManFault code 2150858843)" {
		t.Fatalf("message %q", got)
	}
}

func TestParseWSManFaultRejects(t *testing.T) {
	ok := winrmfake.Envelope(winrmfake.NSShell+"/SignalResponse", "<rsp:SignalResponse/>")
	if _, err := parseWSManFault(ok); err != errNotFault {
		t.Fatalf("a reply without fault: %v", err)
	}
	body := faultBody("w:TimedOut", "x", "1")
	if _, err := parseWSManFault(body[:len(body)/2]); err == nil {
		t.Fatal("a truncated fault parsed")
	}
	if _, err := parseWSManFault([]byte(strings.ReplaceAll(string(body), "http://www.w3.org/2003/05/soap-envelope", "urn:other"))); err == nil {
		t.Fatal("another namespace parsed as SOAP 1.2")
	}
}

func FuzzParseWSManFault(f *testing.F) {
	f.Add(faultBody("w:InvalidSelectors", "The request for the Windows Remote Shell failed.", "2150858843"))
	f.Add(faultBody("w:TimedOut", "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.", "2150858793"))
	f.Add(winrmfake.Envelope("urn:x", ""))
	f.Fuzz(func(t *testing.T, b []byte) {
		if fault, err := parseWSManFault(b); err == nil {
			_ = fault.Error()
		} else if fault != nil {
			t.Fatal("a fault with an error")
		}
	})
}
