package mirror

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqldb"
	"pcsh/modules/lab/sqltype"
)

// node is one lab instance in a test: engine, mirroring server, sa session.
type node struct {
	t      testing.TB
	name   string
	dir    string
	dialer Dialer
	host   string     // endpoint host; the default when empty
	listen ListenFunc // endpoint listener; net.Listen when nil
	clock  Clock
	ping   time.Duration // PingInterval; pingInterval when zero
	inst   *engine.Instance
	srv    *Server
	s      *engine.Session
	dead   bool
}

// pingInterval keeps tests quick; TIMEOUT stays in documented seconds.
const pingInterval = 50 * time.Millisecond

// newNode opens an instance in a temp dir with its mirroring server.
func newNode(t testing.TB, name string, dialer Dialer) *node {
	t.Helper()
	n := &node{t: t, name: name, dir: t.TempDir(), dialer: dialer}
	n.start()
	t.Cleanup(n.kill)
	return n
}

// start opens (or reopens) the engine and the mirroring server.
func (n *node) start() {
	n.t.Helper()
	inst, err := engine.Open(engine.Options{Name: n.name, Dir: n.dir})
	if err != nil {
		n.t.Fatal(err)
	}
	ping := n.ping
	if ping == 0 {
		ping = pingInterval
	}
	srv, err := New(Config{Instance: inst, ServerName: n.name, Host: n.host, Listen: n.listen, PingInterval: ping,
		DialTimeout: time.Second, Dialer: n.dialer, Clock: n.clock, Logf: func(f string, a ...any) { n.t.Logf(f, a...) }})
	if err != nil {
		n.t.Fatal(err)
	}
	s, err := inst.Connect(engine.LoginRequest{Login: "sa"})
	if err != nil {
		n.t.Fatal(err)
	}
	n.inst, n.srv, n.s, n.dead = inst, srv, s, false
}

// kill stops the node abruptly: connections drop, then the engine closes.
func (n *node) kill() {
	if n.dead {
		return
	}
	n.dead = true
	n.srv.Kill()
	n.s.Close()
	_ = n.inst.Close()
}

// writer inserts rows into db on n until stop is closed or an insert
// fails, and returns the messages whose commit was acknowledged.
func (n *node) writer(db string, stop <-chan struct{}) <-chan []string {
	out := make(chan []string, 1)
	go func() {
		var acked []string
		for i := 0; ; i++ {
			select {
			case <-stop:
				out <- acked
				return
			default:
			}
			msg := fmt.Sprintf("w-%d", i)
			if err := n.insert(db, msg); err != nil {
				out <- acked
				return
			}
			acked = append(acked, msg)
		}
	}()
	return out
}

// restart brings a killed node back on the same data directory.
func (n *node) restart() { n.t.Helper(); n.start() }

// endpoint creates a started mirroring endpoint and returns its address.
func (n *node) endpoint(role string) string {
	n.t.Helper()
	port := 0
	if err := n.srv.CreateEndpoint(EndpointSpec{Name: "Mirroring", State: "STARTED", Port: &port, Role: role,
		Encryption: "SUPPORTED"}); err != nil {
		n.t.Fatal(err)
	}
	return n.srv.Address()
}

// chatTable is the test table: an identity key and a message.
func chatTable() engine.TableDef {
	return engine.TableDef{Name: "chat", PrimaryKey: []string{"id"}, Columns: []engine.ColumnDef{
		{Column: sqltype.Column{Name: "id", Type: sqltype.TypeInt}, Identity: &engine.Identity{Seed: 1, Increment: 1}},
		{Column: sqltype.Column{Name: "msg", Type: sqltype.TypeNVarChar, Length: 40, Nullable: true}}}}
}

// insert adds one row to chat in db.
func (n *node) insert(db, msg string) error {
	_, err := n.s.Insert(context.Background(), db, "chat", []string{"msg"}, []engine.Row{{msg}})
	return err
}

// count returns chat's row count in db.
func (n *node) count(db string) int {
	n.t.Helper()
	rel, err := n.s.Relation(db, "chat")
	if err != nil {
		n.t.Fatalf("%s: %v", n.name, err)
	}
	return engine.Len(rel)
}

// messages returns the set of chat messages in db.
func (n *node) messages(db string) map[string]bool {
	n.t.Helper()
	rel, err := n.s.Relation(db, "chat")
	if err != nil {
		n.t.Fatalf("%s: %v", n.name, err)
	}
	out := map[string]bool{}
	for r := range rel.Rows() {
		out[r[1].(string)] = true
	}
	return out
}

// prepare creates db on p in FULL recovery with rows, backs it up (full
// and log) and restores both WITH NORECOVERY on m, as "Prepare a Mirror
// Database for Mirroring" describes.
func prepare(t testing.TB, p, m *node, db string, rows int) {
	t.Helper()
	ctx := context.Background()
	must(t, p.inst.CreateDatabase(db))
	must(t, p.inst.SetRecoveryModel(db, sqldb.RecoveryFull))
	must(t, p.s.CreateTable(ctx, db, chatTable()))
	for i := range rows {
		must(t, p.insert(db, fmt.Sprintf("seed-%d", i)))
	}
	dir := t.TempDir()
	full, log := filepath.Join(dir, db+".bak"), filepath.Join(dir, db+".trn")
	must(t, p.inst.BackupDatabase(ctx, p.s, db, full, engine.BackupOptions{}))
	must(t, p.inst.BackupLog(ctx, p.s, db, log, engine.BackupOptions{}))
	must(t, m.inst.RestoreDatabase(ctx, nil, db, full, engine.RestoreOptions{NoRecovery: true}))
	must(t, m.inst.RestoreLog(ctx, nil, db, log, engine.RestoreOptions{NoRecovery: true}))
}

// pair sets up mirroring of db from p to m in the documented order.
func pair(t testing.TB, p, m *node, db string) {
	t.Helper()
	pa, ma := p.endpoint("PARTNER"), m.endpoint("PARTNER")
	must(t, m.srv.SetPartner(db, pa))
	must(t, p.srv.SetPartner(db, ma))
	waitState(t, p, db, StateSynchronized)
	waitState(t, m, db, StateSynchronized)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr fails unless err carries SQL error number n.
func wantErr(t testing.TB, err error, n int32) {
	t.Helper()
	if got := engine.ErrorNumber(err); got != n {
		t.Fatalf("error %v (number %d), want %d", err, got, n)
	}
}

// eventually polls cond for up to d.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitState waits for db's session on n to reach state.
func waitState(t testing.TB, n *node, db string, state uint8) {
	t.Helper()
	eventually(t, 10*time.Second, fmt.Sprintf("%s %s %s", n.name, db, stateDesc(state)), func() bool {
		st, err := n.srv.Status(db)
		return err == nil && st.State == state
	})
}

// waitRole waits for db's session on n to have role.
func waitRole(t testing.TB, n *node, db string, role uint8, d time.Duration) {
	t.Helper()
	eventually(t, d, fmt.Sprintf("%s %s role %d", n.name, db, role), func() bool {
		st, err := n.srv.Status(db)
		return err == nil && st.Role == role
	})
}

// mirroringRow returns db's sys.database_mirroring row on n.
func mirroringRow(t testing.TB, n *node, db string) engine.Row {
	t.Helper()
	rel, err := n.s.Relation("master", "sys.database_mirroring")
	must(t, err)
	info, err := n.inst.Database(db)
	must(t, err)
	for r := range rel.Rows() {
		if r[0] == int64(info.ID) {
			return r
		}
	}
	t.Fatalf("no row for %s", db)
	return nil
}

// faultDialer dials through net and can cut or blackhole its links.
type faultDialer struct {
	mu      sync.Mutex
	blocked bool
	conns   []*faultConn
	delay   time.Duration // per write
}
