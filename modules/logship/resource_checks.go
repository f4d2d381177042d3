package logship

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// ResourceCheck is one check of one instance by Test-PcResource.
type ResourceCheck struct {
	SqlInstance string
	Role        string
	Check       string // Reachable, Version, Edition, RecoveryModel, Endpoint, Share, CopyDirectory, Agent
	Verdict     string // Pass, Warning, Fail, Skipped
	Detail      string
}

// DefaultView names the properties shown by default.
func (ResourceCheck) DefaultView() []string {
	return []string{"SqlInstance", "Check", "Verdict", "Detail"}
}

// resourceTarget is one instance and what the topology expects of it.
type resourceTarget struct {
	Instance, Role, Host string
	Version, Edition     string    // "" when not known
	MirroringPort        int       // 0: not checked
	Database             string    // "" for a witness
	Share                *dirProbe // nil: not checked (a witness, -SkipShareProbe)
	CopyDir              *dirProbe // nil: not a log shipping secondary, or -SkipShareProbe
}

// checker runs the checks of one target in order.
type checker struct {
	ctx  *cmdlet.Context
	t    resourceTarget
	srv  Server
	out  []ResourceCheck
	dial TCPProbe
}

func (k *checker) add(check, verdict, format string, args ...any) {
	k.out = append(k.out, ResourceCheck{SqlInstance: k.t.Instance, Role: k.t.Role, Check: check, Verdict: verdict,
		Detail: fmt.Sprintf(format, args...)})
}

// checkTarget runs every check of t; when the instance does not answer
// the other checks are Skipped.
func checkTarget(ctx *cmdlet.Context, t resourceTarget) []ResourceCheck {
	st := stateOf(ctx.Session)
	k := &checker{ctx: ctx, t: t, dial: st.Probe}
	srv, err := st.Dial(ctx, t.Instance)
	if err == nil {
		k.srv = srv
		err = k.server()
	}
	if err != nil {
		k.add("Reachable", "Fail", "%s", cmdlet.AsRecord(err).Message)
		for _, c := range k.checkNames() {
			k.add(c, "Skipped", "The instance did not answer.")
		}
		return k.out
	}
	k.recovery()
	k.endpoint()
	if t.Share == nil {
		k.add(checkShare, "Skipped", "No share to probe.")
	} else {
		k.probe(*t.Share)
	}
	if t.CopyDir != nil {
		k.probe(*t.CopyDir)
	}
	k.agent()
	return k.out
}

// checkNames lists the checks after Reachable, in order: CopyDirectory
// only for a target that has one.
func (k *checker) checkNames() []string {
	out := []string{"Version", "Edition", "RecoveryModel", "Endpoint", checkShare}
	if k.t.CopyDir != nil {
		out = append(out, checkCopyDir)
	}
	return append(out, "Agent")
}

// serverQuery reads the name, version and edition.
const serverQuery = "SELECT @@SERVERNAME, CONVERT(nvarchar(128), SERVERPROPERTY('ProductVersion')), CONVERT(nvarchar(128), SERVERPROPERTY('Edition'))"

// server checks reachability, version and edition.
func (k *checker) server() error {
	res, err := k.srv.Query(k.ctx, serverQuery)
	if err != nil {
		return err
	}
	row := res.First().Rows
	if len(row) == 0 {
		return fmt.Errorf("no answer to SELECT @@SERVERNAME")
	}
	name, ver, ed := str(row[0][0]), str(row[0][1]), str(row[0][2])
	k.add("Reachable", "Pass", "%s answers as %s.", k.t.Instance, name)
	k.versionCheck(ver)
	k.editionCheck(ed)
	return nil
}

// versionMajors maps the topology's version names to product versions.
var versionMajors = map[string]string{"2008": "10.0", "2008R2": "10.50", "2008 R2": "10.50", "2012": "11.", "2014": "12.",
	"2016": "13.", "2017": "14.", "2019": "15.", "2022": "16."}

func (k *checker) versionCheck(ver string) {
	want, known := versionMajors[k.t.Version]
	switch {
	case k.t.Version == "":
		k.add("Version", "Pass", "Product version %s (no version in the topology).", ver)
	case !known:
		k.add("Version", "Warning", "Product version %s; the topology's version %q is not one pcsh knows.", ver, k.t.Version)
	case strings.HasPrefix(ver, want):
		k.add("Version", "Pass", "Product version %s is SQL Server %s.", ver, k.t.Version)
	default:
		k.add("Version", "Fail", "Product version %s is not SQL Server %s as the topology says.", ver, k.t.Version)
	}
}

func (k *checker) editionCheck(ed string) {
	switch {
	case k.t.Edition == "":
		k.add("Edition", "Pass", "%s (no edition in the topology).", ed)
	case strings.Contains(strings.ToLower(ed), strings.ToLower(k.t.Edition)):
		k.add("Edition", "Pass", "%s.", ed)
	default:
		k.add("Edition", "Fail", "%s is not the %s edition the topology says.", ed, k.t.Edition)
	}
}

// recovery requires the database in FULL recovery (mirroring forces it,
// log shipping needs it).
func (k *checker) recovery() {
	if k.t.Database == "" {
		k.add("RecoveryModel", "Skipped", "A witness holds no database.")
		return
	}
	st, err := readDBState(k.ctx, k.srv, k.t.Database)
	switch {
	case err != nil:
		k.add("RecoveryModel", "Fail", "%s", cmdlet.AsRecord(err).Message)
	case !st.Exists:
		k.add("RecoveryModel", "Warning", "The database %s does not exist yet.", k.t.Database)
	case st.Recovery != "FULL":
		k.add("RecoveryModel", "Fail", "The database %s uses the %s recovery model; it needs FULL.", k.t.Database, st.Recovery)
	default:
		k.add("RecoveryModel", "Pass", "The database %s is in FULL recovery (%s).", k.t.Database, st.State)
	}
}

// endpointQuery reads the database mirroring endpoint.
const endpointQuery = "SELECT name, state_desc, port FROM sys.tcp_endpoints WHERE type_desc = N'DATABASE_MIRRORING'"

// endpoint requires a STARTED mirroring endpoint on the topology's port
// that answers TCP from here.
func (k *checker) endpoint() {
	if k.t.MirroringPort == 0 {
		k.add("Endpoint", "Skipped", "No mirroring role in the topology.")
		return
	}
	res, err := k.srv.Query(k.ctx, endpointQuery)
	if err != nil {
		k.add("Endpoint", "Fail", "%s", cmdlet.AsRecord(err).Message)
		return
	}
	rows := res.First().Rows
	if len(rows) == 0 {
		k.add("Endpoint", "Fail", "There is no database mirroring endpoint.")
		return
	}
	name, state := str(rows[0][0]), str(rows[0][1])
	port, _ := integer(rows[0][2])
	switch {
	case state != "STARTED":
		k.add("Endpoint", "Fail", "The endpoint %s is %s, not STARTED.", name, state)
	case int(port) != k.t.MirroringPort:
		k.add("Endpoint", "Warning", "The endpoint %s listens on %d, not the topology's %d (the endpoint's port wins).", name, port, k.t.MirroringPort)
	default:
		k.reach(name, int(port))
	}
}

// reach dials the endpoint from this machine, at the address the
// connection module resolves the host to (lab host names live in
// lab.json, not in DNS).
func (k *checker) reach(name string, port int) {
	addr := net.JoinHostPort(k.t.Host, strconv.Itoa(port))
	dial := addr
	if t, err := connection.For(k.ctx.Session).Resolve(k.ctx, k.t.Host); err == nil && t.Address != "" {
		dial = net.JoinHostPort(t.Address, strconv.Itoa(port))
	}
	if err := k.dial(k.ctx, dial, 3*time.Second); err != nil {
		k.add("Endpoint", "Warning", "The endpoint %s is STARTED but %s does not answer from here: %v.", name, addr, err)
		return
	}
	k.add("Endpoint", "Pass", "The endpoint %s is STARTED and %s answers.", name, addr)
}

// agentQuery asks the service manager view; agentSessions is the
// fallback where it does not exist (the lab, old versions).
const (
	agentQuery    = "SELECT status_desc FROM sys.dm_server_services WHERE servicename LIKE N'SQL Server Agent%'"
	agentSessions = "SELECT COUNT(*) FROM sys.dm_exec_sessions WHERE program_name LIKE N'SQLAgent%'"
)

// agent requires SQL Server Agent to be running.
func (k *checker) agent() {
	res, err := k.srv.Query(k.ctx, agentQuery)
	if connection.ErrorNumber(err) == 208 {
		res, err = k.srv.Query(k.ctx, agentSessions)
		if err == nil {
			n, _ := integer(res.Scalar())
			k.agentVerdict(n > 0, fmt.Sprintf("%d SQLAgent sessions", n))
			return
		}
	}
	if err != nil {
		k.add("Agent", "Fail", "%s", firstLine(err))
		return
	}
	status := str(res.Scalar())
	k.agentVerdict(status == "Running", "service "+orText(status, "not installed"))
}

func (k *checker) agentVerdict(ok bool, detail string) {
	if ok {
		k.add("Agent", "Pass", "SQL Server Agent is running (%s).", detail)
		return
	}
	k.add("Agent", "Fail", "SQL Server Agent is not running (%s); the log shipping jobs do not run.", detail)
}

// namedArgs binds values to @p1….
func namedArgs(v ...any) []any { return Batch("", v...).named() }

// fileSafe replaces the characters a file name cannot hold.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|,`, r) {
			return '_'
		}
		return r
	}, s)
}

// firstLine is the first line of an error's record message.
func firstLine(err error) string {
	m, _, _ := strings.Cut(cmdlet.AsRecord(err).Message, "\n")
	return m
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
