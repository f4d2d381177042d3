package mirror

import (
	"net"
	"strconv"
	"strings"

	"pcsh/modules/lab/engine"
)

// EndpointSpec is CREATE or ALTER ENDPOINT … AS TCP (…) FOR
// DATABASE_MIRRORING (…) as the executor hands it over: empty strings and
// a nil Port mean "not written" (ALTER keeps the value, CREATE takes the
// documented default). Words are upper case as the parser stores them.
type EndpointSpec struct {
	Name           string
	Authorization  string
	State          string // STARTED, STOPPED, DISABLED
	Port           *int   // LISTENER_PORT
	ListenerIP     string // ALL or an IPv4 address
	Authentication string // WINDOWS [NTLM|KERBEROS|NEGOTIATE], CERTIFICATE …
	Certificate    string
	Encryption     string // DISABLED, SUPPORTED, REQUIRED
	Algorithm      string // AES, RC4, AES RC4, RC4 AES
	Role           string // PARTNER, WITNESS, ALL
}

// Endpoint is the instance's database mirroring endpoint.
type Endpoint struct {
	Name           string
	ID             int32
	Owner          string
	State          string
	Port           int
	ListenerIP     string
	Authentication string
	Certificate    string
	Encryption     string
	Algorithm      string
	Role           string
}

// firstEndpointID is the endpoint_id of the first user endpoint.
const firstEndpointID = 65536

// newEndpoint applies CREATE ENDPOINT's defaults (STATE STOPPED,
// AUTHENTICATION WINDOWS NEGOTIATE, ENCRYPTION REQUIRED ALGORITHM AES).
func newEndpoint(spec EndpointSpec) Endpoint {
	ep := Endpoint{Name: spec.Name, ID: firstEndpointID, Owner: orDefault(spec.Authorization, "sa"),
		State: "STOPPED", Authentication: "WINDOWS NEGOTIATE", Encryption: "REQUIRED", Algorithm: "AES", Role: "ALL"}
	ep.apply(spec)
	return ep
}

// apply copies the written fields of spec.
func (ep *Endpoint) apply(spec EndpointSpec) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = strings.ToUpper(v)
		}
	}
	set(&ep.State, spec.State)
	set(&ep.Authentication, spec.Authentication)
	set(&ep.Encryption, spec.Encryption)
	set(&ep.Algorithm, spec.Algorithm)
	set(&ep.Role, spec.Role)
	set(&ep.ListenerIP, spec.ListenerIP)
	if spec.Certificate != "" {
		ep.Certificate = spec.Certificate
	}
	if spec.Authorization != "" {
		ep.Owner = spec.Authorization
	}
	if spec.Port != nil {
		ep.Port = *spec.Port
	}
	if ep.Encryption == "DISABLED" {
		ep.Algorithm = ""
	}
}

// acceptsPartners reports whether ROLE lets partners connect.
func (ep *Endpoint) acceptsPartners() bool { return ep.Role == "PARTNER" || ep.Role == "ALL" }

// acceptsWitness reports whether ROLE lets the instance act as witness.
func (ep *Endpoint) acceptsWitness() bool { return ep.Role == "WITNESS" || ep.Role == "ALL" }

// Endpoint returns the mirroring endpoint and whether one exists. Port is
// the bound port (a lab endpoint created with port 0 gets an ephemeral
// one).
func (s *Server) Endpoint() (Endpoint, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ep == nil {
		return Endpoint{}, false
	}
	return *s.ep, true
}

// Address returns the endpoint's server network address,
// TCP://host:port, or "" without an endpoint.
func (s *Server) Address() string {
	ep, ok := s.Endpoint()
	if !ok {
		return ""
	}
	return "TCP://" + net.JoinHostPort(s.cfg.Host, strconv.Itoa(ep.Port))
}

// CreateEndpoint is CREATE ENDPOINT … FOR DATABASE_MIRRORING: 7862 when
// the instance already has one, 7890 when the port cannot be bound. The
// endpoint listens on the instance's Host while STARTED.
func (s *Server) CreateEndpoint(spec EndpointSpec) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ep != nil {
		return engine.Raise(7862)
	}
	ep := newEndpoint(spec)
	if err := s.applyEndpointLocked(&ep); err != nil {
		return err
	}
	s.ep = &ep
	return s.saveEndpointLocked()
}

// AlterEndpoint is ALTER ENDPOINT: 15151 when the endpoint does not
// exist, 7863 when nothing is changed. Stopping the endpoint drops its
// mirroring connections.
func (s *Server) AlterEndpoint(spec EndpointSpec) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ep == nil || !strings.EqualFold(s.ep.Name, spec.Name) {
		return engine.Raise(15151, "alter", "endpoint", spec.Name)
	}
	if spec == (EndpointSpec{Name: spec.Name}) {
		return engine.Raise(7863)
	}
	ep := *s.ep
	ep.apply(spec)
	if err := s.applyEndpointLocked(&ep); err != nil {
		return err
	}
	s.ep = &ep
	return s.saveEndpointLocked()
}

// DropEndpoint is DROP ENDPOINT: 15151 when it does not exist. Mirroring
// connections end.
func (s *Server) DropEndpoint(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ep == nil || !strings.EqualFold(s.ep.Name, name) {
		return engine.Raise(15151, "drop", "endpoint", name)
	}
	s.stopListenerLocked()
	s.ep = nil
	return s.saveEndpointLocked()
}

// applyEndpointLocked makes the listener match ep: listening while
// STARTED on the same port, closed (refusing connections) otherwise.
func (s *Server) applyEndpointLocked(ep *Endpoint) error {
	want := ep.State == "STARTED"
	if s.ln != nil && (!want || s.ep == nil || s.ep.Port != ep.Port) {
		s.stopListenerLocked()
	}
	if !want || s.ln != nil || s.stopped {
		return nil
	}
	ln, err := s.cfg.Listen("tcp", net.JoinHostPort(s.cfg.Host, strconv.Itoa(ep.Port)))
	if err != nil {
		return engine.Raise(7890, ep.Name)
	}
	ep.Port = ln.Addr().(*net.TCPAddr).Port
	s.ln = ln
	s.wg.Add(1)
	go s.acceptLoop(ln)
	return nil
}

// stopListenerLocked closes the listener and every inbound connection.
func (s *Server) stopListenerLocked() {
	if s.ln == nil {
		return
	}
	_ = s.ln.Close()
	s.ln = nil
	for fc := range s.inbound {
		fc.close()
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
