package pchat

import (
	"strings"
	"testing"

	"pcsh/modules/pchat/winrmfake"
)

func TestEnvelopeActionReadsTheAddressingHeader(t *testing.T) {
	for _, tc := range []struct{ body, want, err string }{
		{`<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">` +
			`<s:Header><a:Action s:mustUnderstand="true"> ` + winrmfake.NSShell + `/ReceiveResponse </a:Action></s:Header><s:Body/></s:Envelope>`,
			winrmfake.NSShell + "/ReceiveResponse", ""},
		{`<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/><s:Body/></s:Envelope>`, "", errNoAction.Error()},
		{`<Envelope xmlns="urn:other"><Header><Action>x</Action></Header></Envelope>`, "", "expected element"},
		{`<html><body>Service Unavailable</body></html>`, "", "expected element"},
		{`not xml`, "", "EOF"},
	} {
		got, err := envelopeAction([]byte(tc.body))
		if got != tc.want || (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("envelopeAction(%.40q) = %q, %v; want %q, %q", tc.body, got, err, tc.want, tc.err)
		}
	}
	if name := actionName(winrmfake.NSShell + "/Command"); name != "Command" {
		t.Errorf("actionName = %q", name)
	}
}

// FuzzEnvelopeAction checks that any reply body gives a trimmed action
// or an error, never both and never a panic; the seeds are in
// testdata/fuzz/FuzzEnvelopeAction.
func FuzzEnvelopeAction(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := envelopeAction(body)
		if (a == "") == (err == nil) || strings.TrimSpace(a) != a {
			t.Fatalf("envelopeAction = %q, %v", a, err)
		}
	})
}
