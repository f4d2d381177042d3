package winrmfake

import (
	"bytes"
	"crypto/tls"
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/jcmturner/gokrb5/v8/keytab"
)

// Reply is what a script writes and how it ends.
type Reply struct {
	Stdout, Stderr string
	ExitCode       int
}

// Seen is what the service received, in order.
type Seen struct {
	Actions  []string // each request's wsa:Action, its last path element (Create, Command, …)
	Commands []string // each rsp:Command line
	Scripts  []string // the scripts decoded from the command lines' -EncodedCommand
	Auth     []string // each request's Authorization header
	Users    []string // who each accepted request authenticated as: USER (Basic) or user@REALM (Kerberos)
}

// Server is the fake WinRM service. It accepts Basic credentials for
// User and Password, and Kerberos once AcceptKerberos is given a keytab;
// it answers anything else 401, offering Negotiate and Basic as the
// service does.
type Server struct {
	URL            string // https://HOST:PORT
	CAPEM          []byte // its certificate, which is its own CA
	User, Password string

	ln     net.Listener
	srv    *http.Server
	keytab *keytab.Keytab

	mu     sync.Mutex
	answer func(script string) Reply
	fail   map[string]failure
	seen   Seen
	output map[string]Reply
}

type failure struct {
	f    Failure
	once bool
}

// Start listens on addr (HOST:PORT, PORT 0 for any) with a certificate
// for HOST; scripts get Lync's answers until Answer says otherwise.
func Start(addr, user, password string) (*Server, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	cert, caPEM, err := selfSigned(host)
	if err != nil {
		return nil, err
	}
	ln, err := tls.Listen("tcp", addr, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "https://" + ln.Addr().String(), CAPEM: caPEM, User: user, Password: password, ln: ln,
		answer: Lync, fail: map[string]failure{}, output: map[string]Reply{}}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the service.
func (s *Server) Close() error { return s.srv.Close() }

// URI is the service as a winrm:// address with auth.
func (s *Server) URI(auth string) string {
	return "winrm://" + strings.TrimPrefix(s.URL, "https://") + "?auth=" + auth
}

// Answer makes fn answer every script from now on.
func (s *Server) Answer(fn func(script string) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answer = fn
}

// Fail answers every request for action (Create, Command, Receive,
// Signal, Delete) with f.
func (s *Server) Fail(action string, f Failure) { s.setFail(action, failure{f: f}) }

// FailOnce answers the next request for action with f, and those after it
// as documented.
func (s *Server) FailOnce(action string, f Failure) { s.setFail(action, failure{f: f, once: true}) }

func (s *Server) setFail(action string, f failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[action] = f
}

// Seen returns a copy of what the service received.
func (s *Server) Seen() Seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := func(v []string) []string { return append([]string(nil), v...) }
	return Seen{Actions: c(s.seen.Actions), Commands: c(s.seen.Commands), Scripts: c(s.seen.Scripts), Auth: c(s.seen.Auth), Users: c(s.seen.Users)}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	action := elementText(body, "Action")
	name := action[strings.LastIndex(action, "/")+1:]
	s.mu.Lock()
	s.seen.Actions = append(s.seen.Actions, name)
	s.seen.Auth = append(s.seen.Auth, r.Header.Get("Authorization"))
	f, failing := s.fail[name]
	if failing && f.once {
		delete(s.fail, name)
	}
	s.mu.Unlock()
	user := s.authenticate(r)
	if user == "" {
		w.Header().Add("WWW-Authenticate", "Negotiate")
		w.Header().Add("WWW-Authenticate", `Basic realm="WSMAN"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	s.seen.Users = append(s.seen.Users, user)
	s.mu.Unlock()
	if failing {
		f.f(w)
		return
	}
	w.Header().Set("Content-Type", "application/soap+xml;charset=UTF-8")
	fmt.Fprint(w, s.reply(name, body))
}

// authenticate returns who the request's credentials name, or "".
func (s *Server) authenticate(r *http.Request) string {
	if u, p, ok := r.BasicAuth(); ok && u == s.User && p == s.Password {
		return u
	}
	return s.kerberosUser(r)
}

// reply is the documented response to each WinRS action.
func (s *Server) reply(name string, body []byte) string {
	id := elementText(body, "MessageID")
	switch name {
	case "Create":
		return createResponse(s.URL, id)
	case "Command":
		return s.command(elementText(body, "Command"), id)
	case "Receive":
		s.mu.Lock()
		out := s.output[attrOf(body, "DesiredStream", "CommandId")]
		s.mu.Unlock()
		return receiveResponse(attrOf(body, "DesiredStream", "CommandId"), id, out)
	case "Signal":
		return signalResponse(id)
	case "Delete":
		return deleteResponse(id)
	}
	return faultEnvelope("s:Sender", "w:ActionNotSupported", "The action is not supported by the service.", "2150858762")
}

// command records the command line, answers its script and returns the
// CommandResponse.
func (s *Server) command(line, relatesTo string) string {
	script := ""
	if _, enc, ok := strings.Cut(line, "-EncodedCommand "); ok {
		script, _ = DecodeCommand(strings.TrimSpace(enc))
	}
	s.mu.Lock()
	answer := s.answer
	id := fmt.Sprintf("1F2E3D4C-0000-4000-8000-%012d", len(s.seen.Commands)+1)
	s.seen.Commands = append(s.seen.Commands, line)
	s.seen.Scripts = append(s.seen.Scripts, script)
	s.mu.Unlock()
	out := answer(script)
	s.mu.Lock()
	s.output[id] = out
	s.mu.Unlock()
	return commandResponse(id, relatesTo)
}

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
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
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
