package mirror

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pcsh/modules/connection"
	"pcsh/modules/topology"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

// fakeServer is a SQL Server instance small enough to read: its databases
// with their mirroring rows, its endpoint, and the statements it ran. It
// simulates the effects of the statements the module sends.
type fakeServer struct {
	name             string
	version, edition string
	down             bool
	dbs              map[string]*dbState
	ep               endpointState
	files            [][3]string
	fail             map[string]error // statement prefix → error
	failOnce         map[string]error // statement prefix → error, the first time only
	execs            []string
	world            *fakeWorld
	logins           map[string]int64 // lower-case login name → principal_id
	grants           map[int64]bool   // principal_ids with CONNECT on the endpoint
	monitorPeriod    int64            // the mirroring monitor job's period; 0 without the job
}

// fakeWorld is a set of fake servers behind a World.
type fakeWorld struct {
	mu       sync.Mutex
	servers  map[string]*fakeServer
	now      time.Time
	shareErr error
	listen   map[string]bool // host:port that accept TCP
	reports  map[string]string
	topo     *topology.Topology
	order    []string // "instance: statement" in the order run
	stuck    string   // a mirroring state SET PARTNER leaves the session in
	recover  bool     // RESTORE DATABASE leaves the copy ONLINE, as WITH RECOVERY would
}

func newFakeWorld(t *testing.T) *fakeWorld {
	t.Helper()
	topo, err := topology.Load(context.Background(), "../topology/testdata/topology.lua")
	if err != nil {
		t.Fatal(err)
	}
	fw := &fakeWorld{servers: map[string]*fakeServer{}, now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		listen: map[string]bool{}, reports: map[string]string{}, topo: topo}
	for _, s := range topo.SqlStores {
		fw.add(instanceName(s), "11.0.7001.0", "Enterprise Edition (64-bit)")
	}
	return fw
}

func (fw *fakeWorld) add(name, version, edition string) *fakeServer {
	s := &fakeServer{name: name, version: version, edition: edition, dbs: map[string]*dbState{}, fail: map[string]error{}, failOnce: map[string]error{}, world: fw,
		logins: map[string]int64{}, grants: map[int64]bool{}}
	fw.servers[strings.ToLower(name)] = s
	return s
}

func (fw *fakeWorld) server(name string) *fakeServer { return fw.servers[strings.ToLower(name)] }

// world returns the World over the fakes.
func (fw *fakeWorld) world() *World {
	return &World{
		Open: func(_ *cmdlet.Context, name string) (SQL, error) {
			if s := fw.server(name); s != nil {
				return s, nil
			}
			return nil, fmt.Errorf("no fake server %s", name)
		},
		Reachable: func(_ *cmdlet.Context, name string) error {
			if s := fw.server(name); s == nil || s.down {
				return errors.New("connection refused")
			}
			return nil
		},
		Dial: func(_ context.Context, addr string) error {
			if fw.listen[addr] {
				return nil
			}
			return errors.New("connection refused")
		},
		DialHost:      func(_ *cmdlet.Context, name string) string { return hostPart(name) },
		ShareWritable: func(string) error { return fw.shareErr },
		WriteFile:     func(p string, d []byte) error { fw.reports[p] = string(d); return nil },
		Sleep:         func(context.Context, time.Duration) error { fw.now = fw.now.Add(time.Second); return nil },
		Now:           func() time.Time { return fw.now },
		Topology:      func(*cmdlet.Context, string) (*topology.Topology, error) { return fw.topo, nil },
	}
}

// seed puts an ONLINE FULL database on a server.
func (s *fakeServer) seed(db string) *dbState {
	d := &dbState{Name: db, Exists: true, State: "ONLINE", Recovery: "FULL"}
	s.dbs[db] = d
	return d
}

// Name returns the instance name.
func (s *fakeServer) Name() string { return s.name }

// Query answers the module's reads from the fake's state.
func (s *fakeServer) Query(_ *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	if err := s.fail[q]; err != nil {
		return nil, err
	}
	switch q {
	case qServer:
		return rows([]string{"version", "edition", "server_name"}, []any{s.version, s.edition, strings.ToUpper(s.name)}), nil
	case qDatabase:
		return s.databaseRow(argOf(args)), nil
	case qMirrored:
		return s.mirroredRows(), nil
	case qEndpoint:
		if !s.ep.Exists {
			return rows([]string{"name"}), nil
		}
		return rows([]string{"name", "state_desc", "role_desc", "port"}, []any{s.ep.Name, s.ep.State, s.ep.Role, int64(s.ep.Port)}), nil
	case qLogin:
		if id, ok := s.logins[strings.ToLower(argOf(args))]; ok {
			return rows([]string{"principal_id"}, []any{id}), nil
		}
		return rows([]string{"principal_id"}), nil
	case qConnectGrant:
		out := rows([]string{"grantee_principal_id"})
		if id, _ := strconv.ParseInt(argOf(args), 10, 64); s.grants[id] && s.ep.Exists {
			out.Sets[0].Rows = append(out.Sets[0].Rows, []any{id})
		}
		return out, nil
	case qMonitorJob:
		if s.monitorPeriod == 0 {
			return rows([]string{"job_id", "update_period"}), nil
		}
		return rows([]string{"job_id", "update_period"}, []any{"job", s.monitorPeriod}), nil
	case qQueues:
		return rows([]string{"counter_name", "cntr_value"}, []any{"Log Send Queue KB", int64(0)}, []any{"Redo Queue KB", int64(12)}), nil
	case qLogChain:
		return rows([]string{"full_backups", "log_backups"}, []any{int64(1), int64(1)}), nil
	case qFiles:
		out := rows([]string{"name", "physical_name", "type_desc"})
		for _, f := range s.files {
			out.Sets[0].Rows = append(out.Sets[0].Rows, []any{f[0], f[1], f[2]})
		}
		return out, nil
	}
	return nil, fmt.Errorf("fake: unexpected query %q", q)
}

func (s *fakeServer) databaseRow(db string) *connection.Result {
	cols := []string{"name", "state_desc", "recovery_model_desc", "mirroring_guid", "mirroring_role_desc", "mirroring_state_desc",
		"mirroring_safety_level_desc", "mirroring_partner_name", "mirroring_partner_instance", "mirroring_witness_name",
		"mirroring_witness_state_desc", "mirroring_failover_lsn", "mirroring_end_of_log_lsn", "mirroring_replication_lsn",
		"mirroring_role_sequence", "mirroring_connection_timeout"}
	d := s.dbs[db]
	if d == nil {
		return rows(cols)
	}
	var guid any
	if d.Mirrored {
		guid = "6F9619FF-8B86-D011-B42D-00C04FC964FF"
	}
	return rows(cols, []any{d.Name, d.State, d.Recovery, guid, null(d.Role), null(d.MirrorState), null(d.Safety), null(d.Partner),
		null(d.PartnerInstance), null(d.Witness), null(d.WitnessState), null(d.FailoverLSN), null(d.EndOfLogLSN), nil,
		d.RoleSequence, orDefault(d.Timeout, 10)})
}

// orDefault is n, or def when n is 0.
func orDefault(n, def int64) int64 {
	if n == 0 {
		return def
	}
	return n
}

func (s *fakeServer) mirroredRows() *connection.Result {
	out := rows([]string{"name"})
	var names []string
	for n, d := range s.dbs {
		if d.Mirrored {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		out.Sets[0].Rows = append(out.Sets[0].Rows, []any{n})
	}
	return out
}

// Exec records the statement and simulates it.
func (s *fakeServer) Exec(_ *cmdlet.Context, q string, _ ...any) (*connection.Result, error) {
	s.world.mu.Lock()
	defer s.world.mu.Unlock()
	s.execs = append(s.execs, q)
	s.world.order = append(s.world.order, s.name+": "+q)
	for prefix, err := range s.failOnce {
		if strings.HasPrefix(q, prefix) {
			delete(s.failOnce, prefix)
			return nil, err
		}
	}
	for prefix, err := range s.fail {
		if strings.HasPrefix(q, prefix) {
			return nil, err
		}
	}
	return &connection.Result{}, s.apply(q)
}

// ExecLong is Exec.
func (s *fakeServer) ExecLong(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	return s.Exec(ctx, q, args...)
}

var (
	reDB       = regexp.MustCompile(`^(?:DROP DATABASE|RESTORE DATABASE|ALTER DATABASE) \[([^\]]+)\]`)
	reEndpoint = regexp.MustCompile(`^CREATE ENDPOINT \[([^\]]+)\] .*LISTENER_PORT = (\d+).*ROLE = (\w+)\)`)
	reAddr     = regexp.MustCompile(`= N'([^']*)'$`)
	reLogin    = regexp.MustCompile(`(?:CREATE LOGIN|TO) \[([^\]]+)\]`)
)

// apply changes the fake's state as SQL Server would.
func (s *fakeServer) apply(q string) error {
	db := ""
	if m := reDB.FindStringSubmatch(q); m != nil {
		db = m[1]
	}
	d := s.dbs[db]
	switch {
	case strings.HasPrefix(q, "DROP DATABASE"):
		delete(s.dbs, db)
	case strings.HasPrefix(q, "RESTORE DATABASE"):
		s.dbs[db] = &dbState{Name: db, Exists: true, State: "RESTORING", Recovery: "FULL"}
		if s.world.recover {
			s.dbs[db].State = "ONLINE"
		}
	case strings.HasPrefix(q, "CREATE ENDPOINT"):
		m := reEndpoint.FindStringSubmatch(q)
		var port int
		fmt.Sscan(m[2], &port)
		s.ep = endpointState{Exists: true, Name: m[1], State: "STARTED", Role: m[3], Port: port}
	case strings.HasPrefix(q, "DROP ENDPOINT"):
		s.ep = endpointState{}
		s.grants = map[int64]bool{}
	case strings.HasPrefix(q, "EXEC msdb.sys.sp_dbmmonitoraddmonitoring @update_period = "),
		strings.HasPrefix(q, "EXEC msdb.sys.sp_dbmmonitorchangemonitoring @parameter = 1, @value = "):
		s.monitorPeriod, _ = strconv.ParseInt(q[strings.LastIndex(q, " ")+1:], 10, 64)
	case q == dropMonitoring:
		s.monitorPeriod = 0
	case strings.HasPrefix(q, "CREATE LOGIN "):
		s.logins[strings.ToLower(reLogin.FindStringSubmatch(q)[1])] = int64(256 + len(s.logins))
	case strings.HasPrefix(q, "GRANT CONNECT ON ENDPOINT::"):
		id, ok := s.logins[strings.ToLower(reLogin.FindStringSubmatch(q)[1])]
		if !ok || !s.ep.Exists {
			return fmt.Errorf("fake: 15151 for %s", q)
		}
		s.grants[id] = true
	case strings.HasPrefix(q, "ALTER ENDPOINT") && strings.HasSuffix(q, "STATE = STARTED"):
		s.ep.State = "STARTED"
	case strings.HasPrefix(q, "ALTER ENDPOINT"):
		s.ep.Role = "ALL"
	case d != nil && strings.Contains(q, " SET PARTNER = "):
		s.setPartner(d, reAddr.FindStringSubmatch(q)[1])
	case d != nil && strings.Contains(q, " SET WITNESS = "):
		s.both(db, func(x *dbState) { x.Witness, x.WitnessState = reAddr.FindStringSubmatch(q)[1], "CONNECTED" })
	case d != nil:
		return s.partnerOption(d, strings.TrimPrefix(q[strings.Index(q, " SET ")+5:], "PARTNER "))
	}
	return nil
}

func (s *fakeServer) setPartner(d *dbState, addr string) {
	d.Mirrored, d.Partner, d.Safety, d.MirrorState = true, addr, "FULL", orText(s.world.stuck, "SYNCHRONIZED")
	d.Role = "PRINCIPAL"
	if d.State == "RESTORING" {
		d.Role = "MIRROR"
	}
	if p := s.partner(d.Name); p != nil {
		d.PartnerInstance = p.name
	}
}

// partner finds the other server mirroring db.
func (s *fakeServer) partner(db string) *fakeServer {
	for _, o := range s.world.servers {
		if o != s && o.dbs[db] != nil && o.dbs[db].Mirrored {
			return o
		}
	}
	return nil
}

// both applies fn to db here and on the partner.
func (s *fakeServer) both(db string, fn func(*dbState)) {
	fn(s.dbs[db])
	if p := s.partner(db); p != nil && !p.down {
		fn(p.dbs[db])
	}
}

func (s *fakeServer) partnerOption(d *dbState, opt string) error {
	switch opt {
	case "FAILOVER":
		s.both(d.Name, func(x *dbState) {
			x.Role = map[string]string{"PRINCIPAL": "MIRROR", "MIRROR": "PRINCIPAL"}[x.Role]
			x.State = map[string]string{"MIRROR": "RESTORING", "PRINCIPAL": "ONLINE"}[x.Role]
		})
	case "FORCE_SERVICE_ALLOW_DATA_LOSS":
		d.Role, d.State, d.MirrorState = "PRINCIPAL", "ONLINE", "SUSPENDED"
	case "OFF":
		s.both(d.Name, func(x *dbState) { *x = dbState{Name: x.Name, Exists: true, State: x.State, Recovery: x.Recovery} })
	case "SUSPEND":
		s.both(d.Name, func(x *dbState) { x.MirrorState = "SUSPENDED" })
	case "RESUME":
		s.both(d.Name, func(x *dbState) { x.MirrorState = "SYNCHRONIZED" })
	case "SAFETY FULL", "SAFETY OFF":
		s.both(d.Name, func(x *dbState) { x.Safety = strings.TrimPrefix(opt, "SAFETY ") })
	case "WITNESS OFF":
		s.both(d.Name, func(x *dbState) { x.Witness, x.WitnessState = "", "" })
	case "TIMEOUT 5", "TIMEOUT 20":
		s.both(d.Name, func(x *dbState) { fmt.Sscan(strings.TrimPrefix(opt, "TIMEOUT "), &x.Timeout) })
	default:
		return fmt.Errorf("fake: unexpected option %q", opt)
	}
	return nil
}

// mirrorPair sets up a mirrored mgc between two fake servers.
func (fw *fakeWorld) mirrorPair(principal, mirror string) (*dbState, *dbState) {
	p, m := fw.server(principal), fw.server(mirror)
	pd, md := p.seed("mgc"), m.seed("mgc")
	md.State = "RESTORING"
	*pd = dbState{Name: "mgc", Exists: true, State: "ONLINE", Recovery: "FULL", Mirrored: true, Role: "PRINCIPAL",
		MirrorState: "SYNCHRONIZED", Safety: "FULL", Partner: "TCP://" + hostPart(mirror) + ":5022", PartnerInstance: mirror,
		Witness: "TCP://sqlw1.contoso.com:7022", WitnessState: "CONNECTED", EndOfLogLSN: "41000000012300001", FailoverLSN: "41000000012000001"}
	*md = *pd
	md.State, md.Role, md.Partner, md.PartnerInstance = "RESTORING", "MIRROR", "TCP://"+hostPart(principal)+":5022", principal
	return pd, md
}

func rows(cols []string, rs ...[]any) *connection.Result {
	return &connection.Result{Sets: []connection.ResultSet{{Columns: cols, Rows: rs}}}
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func argOf(args []any) string {
	for _, a := range args {
		if na, ok := a.(sql.NamedArg); ok {
			return fmt.Sprint(na.Value)
		}
	}
	return ""
}

// result is one command's outcome.
type result struct {
	out  []any
	errs []*cmdlet.ErrorRecord
	err  error
	host *cmdlettest.Host
}

// run runs one command line against the fake world.
func (fw *fakeWorld) run(t *testing.T, line string) result {
	t.Helper()
	return invokeLine(t, line, func(s *cmdlet.Session) { Install(s, fw.world()) })
}

// answer runs one command line against the fake world with a person at
// the console who confirms every change, giving answers in order.
func (fw *fakeWorld) answer(t *testing.T, line string, answers ...string) result {
	t.Helper()
	h := &cmdlettest.Host{IsInteractive: true, Answers: answers}
	return invokeAs(t, line, h, cmdlet.ImpactLow, func(s *cmdlet.Session) { Install(s, fw.world()) })
}

// invokeLine runs one command line in a fresh session prepared by setup,
// never prompting.
func invokeLine(t *testing.T, line string, setup func(*cmdlet.Session)) result {
	t.Helper()
	return invokeAs(t, line, &cmdlettest.Host{}, cmdlet.ImpactNever, setup)
}

// invokeAs runs one command line on host in a fresh session prepared by
// setup, confirming changes from impact up.
func invokeAs(t *testing.T, line string, h *cmdlettest.Host, impact cmdlet.Impact, setup func(*cmdlet.Session)) result {
	t.Helper()
	pls, err := shell.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	call := pls[0].Calls[0]
	s := cmdlettest.NewSession(h)
	setup(s)
	defer s.Close()
	cmd, ok := s.Registry.Lookup(call.Name)
	if !ok {
		t.Fatalf("unknown command %s", call.Name)
	}
	prefs := s.Prefs
	prefs.ConfirmImpact = impact
	out, errs, err := s.Invoke(context.Background(), prefs, cmd, shell.Args(cmd, call.Elems), nil)
	return result{out, errs, err, h}
}

// whatIf returns the statements of the What if lines.
func (r result) whatIf() []string {
	var out []string
	re := regexp.MustCompile(`(?s)^host: What if: Performing the operation "(.*)" on target "([^"\n]*)"\.$`)
	for _, l := range r.host.Lines {
		if m := re.FindStringSubmatch(l); m != nil {
			out = append(out, m[2]+": "+m[1]) // printed exactly, never escaped
		}
	}
	return out
}

func errHint(err error) string {
	if err == nil {
		return ""
	}
	return cmdlet.AsRecord(err).Hint
}

func errorID(err error) string {
	if err == nil {
		return ""
	}
	return cmdlet.AsRecord(err).ErrorID
}

func prop(t *testing.T, obj any, name string) any {
	t.Helper()
	o, ok := obj.(*cmdlet.Object)
	if !ok {
		t.Fatalf("not an object: %#v", obj)
	}
	v, _ := o.Get(name)
	return v
}

var _ SQL = (*fakeServer)(nil)
