package pchat

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The fake WinRM endpoint answers the WinRS exchange of [MS-WSMV] 3.1.4
// (Create, Command, Receive, Signal, Delete; section 4.7's examples) on
// a loopback TLS server, with replies synthesized from the protocol
// documentation. A script's output comes from answer; fail, when set,
// answers one action instead (bad-input tests).
type fakeWinRM struct {
	srv        *httptest.Server
	user, pass string
	answer     func(script string) (stdout, stderr string, code int)
	fail       map[string]func(w http.ResponseWriter)

	mu       sync.Mutex
	actions  []string // every request's wsa:Action, in order (the last path element)
	commands []string // every rsp:Command line
	scripts  []string // the scripts decoded from -EncodedCommand
	output   map[string][3]string
	auth     []string // every Authorization header
}

const (
	nsShell  = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
	actDone  = nsShell + "/CommandState/Done"
	envelope = `<s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" ` +
		`xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" ` +
		`xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:rsp="` + nsShell + `" ` +
		`xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"><s:Header><a:Action>%s</a:Action>` +
		`<a:MessageID>uuid:9F4B7E52-34C1-4C5E-A1D6-2E3C4B5A6D7E</a:MessageID>` +
		`<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To></s:Header><s:Body>%s</s:Body></s:Envelope>`
	shellID = "0A4E0F6C-93B2-4F1E-8E0B-2C8F3B4D5E61"
)

// newFakeWinRM starts the endpoint; PCSH_WINRM_CA_FILE in env points at
// its certificate.
func newFakeWinRM(t *testing.T) (*fakeWinRM, map[string]string) {
	t.Helper()
	f := &fakeWinRM{user: `CONTOSO\lyncadmin`, pass: "Winrm-Test-2013!", output: map[string][3]string{}, fail: map[string]func(http.ResponseWriter){}}
	f.answer = func(string) (string, string, int) { return "", "", 0 }
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the TLS test's handshake failure
	f.srv.StartTLS()
	t.Cleanup(f.srv.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})
	if err := os.WriteFile(ca, cert, 0o600); err != nil {
		t.Fatal(err)
	}
	topo, _ := filepath.Abs("../topology/testdata/topology.lua")
	return f, map[string]string{EnvLyncShell: f.uri("basic"), EnvWinRMUser: f.user, EnvWinRMPassword: f.pass,
		EnvWinRMCAFile: ca, "PCSH_TOPOLOGY": topo}
}

// uri is the endpoint as a winrm:// URI with the given auth.
func (f *fakeWinRM) uri(auth string) string {
	return "winrm://" + strings.TrimPrefix(f.srv.URL, "https://") + "?auth=" + auth
}

func (f *fakeWinRM) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	action := elementText(body, "Action")
	name := action[strings.LastIndex(action, "/")+1:]
	f.mu.Lock()
	f.actions = append(f.actions, name)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	fail := f.fail[name]
	f.mu.Unlock()
	if u, p, ok := r.BasicAuth(); !ok || u != f.user || p != f.pass {
		w.Header().Add("WWW-Authenticate", "Negotiate")
		w.Header().Add("WWW-Authenticate", `Basic realm="WSMAN"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if fail != nil {
		fail(w)
		return
	}
	w.Header().Set("Content-Type", "application/soap+xml;charset=UTF-8")
	fmt.Fprint(w, f.reply(name, body))
}

// reply is the documented response to each WinRS action.
func (f *fakeWinRM) reply(name string, body []byte) string {
	switch name {
	case "Create":
		return soapReply("http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse",
			`<x:ResourceCreated><a:Address>`+f.srv.URL+`/wsman</a:Address><a:ReferenceParameters>`+
				`<w:ResourceURI>`+nsShell+`/cmd</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">`+shellID+
				`</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>`+
				`<rsp:Shell><rsp:ShellId>`+shellID+`</rsp:ShellId><rsp:ResourceUri>`+nsShell+`/cmd</rsp:ResourceUri></rsp:Shell>`)
	case "Command":
		return f.command(elementText(body, "Command"))
	case "Receive":
		return f.receive(attrOf(body, "DesiredStream", "CommandId"))
	case "Signal":
		return soapReply(nsShell+"/SignalResponse", `<rsp:SignalResponse/>`)
	case "Delete":
		return soapReply("http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse", "")
	}
	return soapReply("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", "")
}

// command records the command line, runs answer on its script and
// returns a CommandResponse.
func (f *fakeWinRM) command(line string) string {
	id := fmt.Sprintf("1F2E3D4C-0000-4000-8000-%012d", len(f.commands)+1)
	script := ""
	if _, enc, ok := strings.Cut(line, "-EncodedCommand "); ok {
		script, _ = decodeCommand(strings.TrimSpace(enc))
	}
	out, errText, code := f.answer(script)
	f.mu.Lock()
	f.commands = append(f.commands, line)
	f.scripts = append(f.scripts, script)
	f.output[id] = [3]string{out, errText, fmt.Sprint(code)}
	f.mu.Unlock()
	return soapReply(nsShell+"/CommandResponse", `<rsp:CommandResponse><rsp:CommandId>`+id+`</rsp:CommandId></rsp:CommandResponse>`)
}

// receive returns all of a command's output at once, with its end and
// exit code.
func (f *fakeWinRM) receive(id string) string {
	f.mu.Lock()
	o := f.output[id]
	f.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(`<rsp:ReceiveResponse>`)
	for i, stream := range []string{"stdout", "stderr"} {
		if o[i] != "" {
			fmt.Fprintf(&b, `<rsp:Stream Name="%s" CommandId="%s">%s</rsp:Stream>`, stream, id, base64.StdEncoding.EncodeToString([]byte(o[i])))
		}
		fmt.Fprintf(&b, `<rsp:Stream Name="%s" CommandId="%s" End="true"></rsp:Stream>`, stream, id)
	}
	fmt.Fprintf(&b, `<rsp:CommandState CommandId="%s" State="%s"><rsp:ExitCode>%s</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`, id, actDone, o[2])
	return soapReply(nsShell+"/ReceiveResponse", b.String())
}

func soapReply(action, body string) string { return fmt.Sprintf(envelope, action, body) }

// elementText is the text of the first element with the local name.
func elementText(doc []byte, local string) string {
	d, se, ok := firstElement(doc, local)
	var s string
	if !ok || d.DecodeElement(&s, &se) != nil {
		return ""
	}
	return strings.TrimSpace(s)
}

// attrOf is an attribute of the first element with the local name.
func attrOf(doc []byte, local, name string) string {
	_, se, _ := firstElement(doc, local)
	return attr(se, name)
}

// firstElement finds the first element with the local name.
func firstElement(doc []byte, local string) (*xml.Decoder, xml.StartElement, bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err != nil {
			return d, xml.StartElement{}, false
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local {
			return d, se, true
		}
	}
}

// seen returns the recorded actions, command lines and scripts.
func (f *fakeWinRM) seen() (actions, commands, scripts []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.actions...), append([]string(nil), f.commands...), append([]string(nil), f.scripts...)
}
