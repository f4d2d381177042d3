package mirror

import (
	"net"
	"strings"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// TestEndpointLifecycle: CREATE ENDPOINT listens only while STARTED (the
// default STATE is STOPPED), one mirroring endpoint per instance (7862),
// a bound port fails with 7890, ALTER/DROP of a missing endpoint 15151,
// and the definition survives a restart (CREATE ENDPOINT;
// sys.database_mirroring_endpoints; sys.tcp_endpoints).
func TestEndpointLifecycle(t *testing.T) {
	n := newNode(t, "P", nil)
	port := 0
	must(t, n.srv.CreateEndpoint(EndpointSpec{Name: "endpoint_mirroring", Port: &port, Role: "ALL",
		Authentication: "WINDOWS KERBEROS", Encryption: "SUPPORTED"}))
	ep, _ := n.srv.Endpoint()
	if ep.State != "STOPPED" {
		t.Fatalf("default state %s", ep.State)
	}
	wantErr(t, n.srv.CreateEndpoint(EndpointSpec{Name: "second", Port: &port}), 7862)
	wantErr(t, n.srv.AlterEndpoint(EndpointSpec{Name: "nope", State: "STARTED"}), 15151)
	wantErr(t, n.srv.AlterEndpoint(EndpointSpec{Name: "endpoint_mirroring"}), 7863)
	must(t, n.srv.AlterEndpoint(EndpointSpec{Name: "endpoint_mirroring", State: "STARTED"}))
	addr := strings.TrimPrefix(n.srv.Address(), "TCP://")
	c, err := net.DialTimeout("tcp", addr, time.Second)
	must(t, err)
	c.Close()
	row := viewRow(t, n, "sys.database_mirroring_endpoints")
	if row[0] != "endpoint_mirroring" || row[8] != "STARTED" || row[11] != "ALL" || row[12] != true ||
		row[14] != "KERBEROS" || row[17] != "NONE,AES" || row[5] != int64(4) {
		t.Fatalf("sys.database_mirroring_endpoints %v", row)
	}
	ep, _ = n.srv.Endpoint()
	if row := viewRow(t, n, "sys.tcp_endpoints"); row[10] != int64(ep.Port) || row[11] != false {
		t.Fatalf("sys.tcp_endpoints %v", row)
	}
	must(t, n.srv.AlterEndpoint(EndpointSpec{Name: "endpoint_mirroring", State: "STOPPED"}))
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("stopped endpoint accepted a connection")
	}
	// Another listener on the port: 7890.
	ln, err := net.Listen("tcp", addr)
	must(t, err)
	wantErr(t, n.srv.AlterEndpoint(EndpointSpec{Name: "endpoint_mirroring", State: "STARTED"}), 7890)
	ln.Close()
	must(t, n.srv.AlterEndpoint(EndpointSpec{Name: "endpoint_mirroring", State: "STARTED"}))
	n.kill()
	n.restart()
	if c, err := net.DialTimeout("tcp", addr, time.Second); err != nil {
		t.Fatalf("endpoint not listening after restart: %v", err)
	} else {
		c.Close()
	}
	must(t, n.srv.DropEndpoint("endpoint_mirroring"))
	wantErr(t, n.srv.DropEndpoint("endpoint_mirroring"), 15151)
	if rel, _ := n.s.Relation("master", "sys.tcp_endpoints"); engine.Len(rel) != 0 {
		t.Fatal("dropped endpoint still listed")
	}
}

// viewRow returns the single row of a system view.
func viewRow(t *testing.T, n *node, view string) engine.Row {
	t.Helper()
	rel, err := n.s.Relation("master", view)
	must(t, err)
	for r := range rel.Rows() {
		return r
	}
	t.Fatalf("%s is empty", view)
	return nil
}
