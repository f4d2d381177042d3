package logship

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pcsh/modules/lab/agent"
	"pcsh/modules/lab/disk"
	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// node is one lab instance with its Agent.
type node struct {
	inst  *engine.Instance
	agent *agent.Agent
	sess  *engine.Session
}

// openNode opens instance name in a temp dir with an Agent (not started).
func openNode(t testing.TB, name string, opts Options) *node {
	t.Helper()
	return openNodeOn(t, name, opts, disk.FS{})
}

// openNodeOn is openNode on the file system fsys (shares, faults).
func openNodeOn(t testing.TB, name string, opts Options, fsys disk.FS) *node {
	t.Helper()
	inst, err := engine.Open(engine.Options{Name: name, Dir: filepath.Join(t.TempDir(), name), Now: opts.Now, Disk: fsys})
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewAgent(context.Background(), inst, opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := inst.Connect(engine.LoginRequest{Login: "sa", AppName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	n := &node{inst: inst, agent: a, sess: s}
	t.Cleanup(func() { a.Stop(); s.Close(); inst.Close() })
	return n
}

// arg is a named argument.
func arg(name string, v any) agent.Arg { return agent.Arg{Name: name, Value: v} }

// outArg is a named OUTPUT argument.
func outArg(name string) agent.Arg { return agent.Arg{Name: name, Output: true} }

// recorder is an agent.Writer keeping result sets and messages.
type recorder struct {
	sets [][][]any
	cols [][]sqltype.Column
	msgs []*sqltype.Error
}

func (r *recorder) Columns(c []sqltype.Column) error {
	r.cols, r.sets = append(r.cols, c), append(r.sets, nil)
	return nil
}
func (r *recorder) Row(v []any) error {
	r.sets[len(r.sets)-1] = append(r.sets[len(r.sets)-1], v)
	return nil
}
func (r *recorder) Done(int64) error            { return nil }
func (r *recorder) Info(m *sqltype.Error) error { r.msgs = append(r.msgs, m); return nil }

// exec runs a procedure on n as the executor would.
func (n *node) exec(name string, args ...agent.Arg) (agent.Result, *recorder, error) {
	db := "master"
	if q := Procedures()[name]; q != nil {
		db = q.Database
	}
	p, err := agent.Resolve(Procedures(), []string{db, "dbo", name}, "master")
	if err != nil {
		return agent.Result{}, nil, err
	}
	w := &recorder{}
	res, err := agent.Exec(context.Background(), p, agent.Env{Instance: n.inst, Session: n.sess, Agent: n.agent}, args, w)
	return res, w, err
}

// must runs a procedure and fails the test on error or non-zero status.
func (n *node) must(t testing.TB, name string, args ...agent.Arg) (agent.Result, *recorder) {
	t.Helper()
	res, w, err := n.exec(name, args...)
	if err != nil || res.Status != 0 {
		t.Fatalf("%s: status %d, %v", name, res.Status, err)
	}
	return res, w
}

// output returns an OUTPUT value.
func output(res agent.Result, name string) any {
	for _, o := range res.Outputs {
		if o.Name == name {
			return o.Value
		}
	}
	return nil
}

// rows selects an msdb table of n.
func (n *node) rows(t testing.TB, table string) []agent.Rec {
	t.Helper()
	st := agent.Store{Ctx: context.Background(), Session: n.sess}
	out, err := st.Select(table, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// chatDef is the test table.
func chatDef() engine.TableDef {
	return agent.DefineTable("chat", []string{"id"}, "id int IDENTITY", "msg nvarchar(50)")
}

// seed creates db with the chat table on p, takes a full backup into
// share and restores it on each secondary WITH STANDBY (or NORECOVERY).
func seed(t testing.TB, p *node, db, share string, standby bool, secs ...*node) {
	t.Helper()
	ctx := context.Background()
	if err := p.inst.CreateDatabase(db); err != nil {
		t.Fatal(err)
	}
	if err := p.sess.CreateTable(ctx, db, chatDef()); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(share, db+"_full.bak")
	if err := p.inst.BackupDatabase(ctx, p.sess, db, full, engine.BackupOptions{Init: true}); err != nil {
		t.Fatal(err)
	}
	for _, s := range secs {
		opts := engine.RestoreOptions{NoRecovery: true}
		if standby {
			opts = engine.RestoreOptions{Standby: filepath.Join(t.TempDir(), db+".tuf")}
		}
		if err := s.inst.RestoreDatabase(ctx, s.sess, db, full, opts); err != nil {
			t.Fatal(err)
		}
	}
}

// insert adds one chat row on n.
func (n *node) insert(t testing.TB, db, msg string) {
	t.Helper()
	if _, err := n.sess.Insert(context.Background(), db, "chat", []string{"msg"}, []engine.Row{{msg}}); err != nil {
		t.Fatal(err)
	}
}

// has reports whether db on n holds a chat row msg.
func (n *node) has(db, msg string) bool {
	rel, err := n.sess.Relation(db, "chat")
	if err != nil {
		return false
	}
	for r := range rel.Rows() {
		if r[1] == msg {
			return true
		}
	}
	return false
}

// waitFor polls cond every 10 ms until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}

// manualClock is a settable clock for deterministic tests.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

// newClock starts a clock at a fixed local time.
func newClock() *manualClock {
	return &manualClock{t: time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)}
}

// Now returns the current reading.
func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// runJob runs a job synchronously and returns its outcome.
func (n *node) runJob(t testing.TB, id any) agent.Outcome {
	t.Helper()
	out, err := n.agent.RunJob(context.Background(), id.([16]byte), "sa")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// jobID returns the id of a job by name.
func (n *node) jobID(t testing.TB, name string) any {
	t.Helper()
	for _, r := range n.rows(t, "sysjobs") {
		if r.Str("name") == name {
			return r["job_id"]
		}
	}
	t.Fatalf("no job %s", name)
	return nil
}

// messages returns the messages of a monitor table.
func (n *node) messages(t testing.TB, table string) []string {
	var out []string
	for _, r := range n.rows(t, table) {
		out = append(out, r.Str("message"))
	}
	return out
}

// contains reports whether any of msgs contains sub.
func contains(msgs []string, sub string) bool {
	for _, m := range msgs {
		if strings.Contains(m, sub) {
			return true
		}
	}
	return false
}

// fullDirs fails writes under the directories marked full with ENOSPC,
// as a full disk does (the lab's disk-full fault).
type fullDirs struct {
	mu   sync.Mutex
	full map[string]bool
}

// SetFull marks dir (and everything under it) full or not.
func (f *fullDirs) SetFull(dir string, full bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.full == nil {
		f.full = map[string]bool{}
	}
	f.full[filepath.Clean(dir)] = full
}

// CheckWrite fails with ENOSPC under a full directory.
func (f *fullDirs) CheckWrite(path string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if f.full[p] {
			return syscall.ENOSPC
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// CheckRead allows every read.
func (f *fullDirs) CheckRead(string) error { return nil }
