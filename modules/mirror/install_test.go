package mirror

import (
	"errors"
	"html"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/lab/tsql"
)

const installLine = `Install-CsMirrorDatabase -DatabaseType PersistentChat -SqlServerFqdn sql1.contoso.com -SqlInstanceName pchat -FileShare \\fs1.contoso.com\mirror`

// wantInstall is the documented order: seed through the share, restore
// WITH NORECOVERY, endpoints, SET PARTNER on the mirror then on the
// principal, SET WITNESS.
var wantInstall = []string{
	`sql1.contoso.com\pchat: BACKUP DATABASE [mgc] TO DISK = N'\\fs1.contoso.com\mirror\mgc_mirror_seed.bak' WITH COPY_ONLY, FORMAT, INIT, STATS = 10`,
	`sql1.contoso.com\pchat: BACKUP LOG [mgc] TO DISK = N'\\fs1.contoso.com\mirror\mgc_mirror_seed.trn' WITH COPY_ONLY, FORMAT, INIT, STATS = 10`,
	`sql1m.contoso.com\pchat: RESTORE DATABASE [mgc] FROM DISK = N'\\fs1.contoso.com\mirror\mgc_mirror_seed.bak' WITH NORECOVERY, STATS = 10`,
	`sql1m.contoso.com\pchat: RESTORE LOG [mgc] FROM DISK = N'\\fs1.contoso.com\mirror\mgc_mirror_seed.trn' WITH NORECOVERY, STATS = 10`,
	`sql1.contoso.com\pchat: CREATE ENDPOINT [Mirroring] STATE = STARTED AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = PARTNER)`,
	`sql1m.contoso.com\pchat: CREATE ENDPOINT [Mirroring] STATE = STARTED AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = PARTNER)`,
	`sqlw1.contoso.com\pchat: CREATE ENDPOINT [Mirroring] STATE = STARTED AS TCP (LISTENER_PORT = 7022) FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = WITNESS)`,
	`sql1m.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER = N'TCP://sql1.contoso.com:5022'`,
	`sql1.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER = N'TCP://sql1m.contoso.com:5022'`,
	`sql1.contoso.com\pchat: ALTER DATABASE [mgc] SET WITNESS = N'TCP://sqlw1.contoso.com:7022'`,
}

// executed lists every statement the fakes ran, as "instance: statement",
// in the order they ran.
func (fw *fakeWorld) executed() []string {
	var out []string
	for _, s := range fw.order {
		out = append(out, s)
	}
	return out
}

func TestInstallWhatIfPrintsEveryStatementAndRunsNone(t *testing.T) {
	wantWhatIfOnly(t, installLine+" -WhatIf", wantInstall)
}

// wantWhatIfOnly runs line with mgc on the principal and checks that
// -WhatIf printed want, as T-SQL that parses, and ran nothing.
func wantWhatIfOnly(t *testing.T, line string, want []string) {
	t.Helper()
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	r := fw.run(t, line)
	if r.err != nil {
		t.Fatal(r.err)
	}
	got := r.whatIf()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("What if:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, g := range got {
		if _, err := tsql.Parse(g[strings.Index(g, ": ")+2:]); err != nil {
			t.Errorf("%s does not parse: %v", g, err)
		}
	}
	if len(fw.executed()) != 0 {
		t.Fatalf("-WhatIf ran %v", fw.executed())
	}
}

func TestInstallSeedsMirrorsAndWaits(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	r := fw.run(t, installLine+` -Report C:\Logs\mirror.html`)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := fw.executed(); !reflect.DeepEqual(got, wantInstall) {
		t.Fatalf("ran:\n%s", strings.Join(got, "\n"))
	}
	if len(r.out) != 1 || prop(t, r.out[0], "MirroringState") != "SYNCHRONIZED" || prop(t, r.out[0], "WitnessState") != "CONNECTED" ||
		prop(t, r.out[0], "PartnerAddress") != "TCP://sql1m.contoso.com:5022" {
		t.Fatalf("output %+v", r.out)
	}
	m := fw.server(`sql1m.contoso.com\pchat`).dbs["mgc"]
	if m.Role != "MIRROR" || m.State != "RESTORING" {
		t.Fatalf("mirror copy %+v", m)
	}
	if rep := fw.reports[`C:\Logs\mirror.html`]; !strings.Contains(rep, "SET WITNESS = N&#39;TCP://sqlw1.contoso.com:7022&#39;") || strings.Count(rep, "<td>done</td>") != 10 {
		t.Fatalf("report:\n%s", rep)
	}
}

func TestInstallReusesExistingEndpoints(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	fw.server(`sql1m.contoso.com\pchat`).ep = endpointState{Exists: true, Name: "Mirror]ing", State: "STOPPED", Role: "WITNESS", Port: 5023}
	r := fw.run(t, installLine+" -WhatIf")
	got := strings.Join(r.whatIf(), "\n")
	for _, want := range []string{
		`sql1m.contoso.com\pchat: ALTER ENDPOINT [Mirror]]ing] STATE = STARTED`,
		`sql1m.contoso.com\pchat: ALTER ENDPOINT [Mirror]]ing] FOR DATABASE_MIRRORING (ROLE = ALL)`,
		`sql1.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER = N'TCP://sql1m.contoso.com:5023'`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, `sql1m.contoso.com\pchat: CREATE ENDPOINT`) {
		t.Errorf("a second endpoint was planned:\n%s", got)
	}
	if !strings.Contains(r.host.Text(), "listens on port 5023, not the topology's 5022") {
		t.Errorf("no port warning:\n%s", r.host.Text())
	}
}

func TestInstallMovesFilesWithDatabasePathMap(t *testing.T) {
	fw := newFakeWorld(t)
	p := fw.server(`sql1.contoso.com\pchat`)
	p.seed("mgc")
	p.files = [][3]string{{"mgc", `D:\Data\mgc.mdf`, "ROWS"}, {"mgc_log", `D:\Logs\mgc_log.ldf`, "LOG"}}
	r := fw.run(t, installLine+` -DatabasePathMap @{"PersistentChat:DbPath"="E:\Data";"PersistentChat:LogPath"="F:\Logs"} -WhatIf`)
	want := `RESTORE DATABASE [mgc] FROM DISK = N'\\fs1.contoso.com\mirror\mgc_mirror_seed.bak' WITH NORECOVERY, MOVE N'mgc' TO N'E:\Data\mgc.mdf', MOVE N'mgc_log' TO N'F:\Logs\mgc_log.ldf', STATS = 10`
	if got := strings.Join(r.whatIf(), "\n"); !strings.Contains(got, want) {
		t.Fatalf("no MOVE clauses:\n%s", got)
	}
}

func TestInstallDropsLeftoverMirrorCopy(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	fw.server(`sql1m.contoso.com\pchat`).seed("mgc").State = "RESTORING"
	r := fw.run(t, installLine+" -DropExistingDatabasesOnMirror")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := fw.executed(); got[2] != `sql1m.contoso.com\pchat: DROP DATABASE [mgc]` {
		t.Fatalf("ran:\n%s", strings.Join(got, "\n"))
	}
}

func TestInstallRefusals(t *testing.T) {
	cases := []struct {
		name, extra, id string
		setup           func(fw *fakeWorld)
	}{
		{"mirror database exists", "", "MirrorDatabaseExists", func(fw *fakeWorld) { fw.server(`sql1m.contoso.com\pchat`).seed("mgc").State = "RESTORING" }},
		{"online mirror database needs -AllowDataLoss", " -DropExistingDatabasesOnMirror -Force", "DataLossNotAllowed", func(fw *fakeWorld) { fw.server(`sql1m.contoso.com\pchat`).seed("mgc") }},
		{"simple recovery", "", "RecoveryModelNotFull", func(fw *fakeWorld) { fw.server(`sql1.contoso.com\pchat`).dbs["mgc"].Recovery = "SIMPLE" }},
		{"database missing", "", "DatabaseNotFound", func(fw *fakeWorld) { delete(fw.server(`sql1.contoso.com\pchat`).dbs, "mgc") }},
		{"versions differ", "", "VersionMismatch", func(fw *fakeWorld) { fw.server(`sql1m.contoso.com\pchat`).version = "10.50.6000.34" }},
		{"witness version differs", "", "VersionMismatch", func(fw *fakeWorld) { fw.server(`sqlw1.contoso.com\pchat`).version = "12.0.2000.8" }},
		{"editions differ", "", "EditionMismatch", func(fw *fakeWorld) { fw.server(`sql1m.contoso.com\pchat`).edition = "Standard Edition (64-bit)" }},
		{"share not writable", "", "ShareNotWritable", func(fw *fakeWorld) { fw.shareErr = errors.New("access denied") }},
		{"mirror unreachable", "", "InstanceUnreachable", func(fw *fakeWorld) { fw.server(`sql1m.contoso.com\pchat`).down = true }},
		{"not a Persistent Chat database", "", "DatabaseTypeNotSupported", nil},
		{"server not in topology", "", "SqlServerNotInTopology", nil},
		{"mirrored elsewhere", "", "MirroredElsewhere", func(fw *fakeWorld) {
			d := fw.server(`sql1.contoso.com\pchat`).dbs["mgc"]
			d.Mirrored, d.Partner, d.Role = true, "TCP://other.contoso.com:5022", "PRINCIPAL"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fw := newFakeWorld(t)
			fw.server(`sql1.contoso.com\pchat`).seed("mgc")
			if c.setup != nil {
				c.setup(fw)
			}
			line := installLine + c.extra
			switch c.id {
			case "DatabaseTypeNotSupported":
				line = strings.Replace(line, "PersistentChat", "User", 1)
			case "SqlServerNotInTopology":
				line = strings.Replace(line, "sql1.contoso.com", "sql9.contoso.com", 1)
			}
			r := fw.run(t, line)
			if errorID(r.err) != c.id {
				t.Fatalf("err = %v (%s), want %s", r.err, errorID(r.err), c.id)
			}
			if got := fw.executed(); len(got) != 0 {
				t.Fatalf("changes ran after a failed check: %v", got)
			}
		})
	}
}

func TestInstallAlreadyMirroredChangesNothing(t *testing.T) {
	fw := newFakeWorld(t)
	fw.mirrorPair(`sql1.contoso.com\pchat`, `sql1m.contoso.com\pchat`)
	r := fw.run(t, installLine)
	if r.err != nil || len(fw.executed()) != 0 || !strings.Contains(r.host.Text(), "already mirrored") {
		t.Fatalf("err %v, ran %v, host %s", r.err, fw.executed(), r.host.Text())
	}
}

func TestInstallTimesOutWhenNotSynchronized(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	fw.stuck = "SYNCHRONIZING"
	r := fw.run(t, installLine+" -Timeout 5s")
	if errorID(r.err) != "NotSynchronized" || !strings.Contains(r.err.Error(), "it is SYNCHRONIZING") {
		t.Fatalf("err = %v", r.err)
	}
}

func TestInstallPartnerErrorCarriesHint(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	fw.server(`sql1.contoso.com\pchat`).fail["ALTER DATABASE [mgc] SET PARTNER"] = mssql.Error{Number: 1418, Class: 16,
		Message: "The server network address \"TCP://sql1m.contoso.com:5022\" can not be reached or does not exist."}
	r := fw.run(t, installLine)
	if errorID(r.err) != "SqlError1418" || !strings.Contains(errHint(r.err), "Test-PcMirroringEndpoint") {
		t.Fatalf("err = %v (%s)", r.err, errHint(r.err))
	}
}

// TestInstallChecksTheMirrorCopyIsRestoring: a mirror copy that is not
// RESTORING when SET PARTNER is due (recovered after its restore) stops
// the install before SET PARTNER, which SQL Server would refuse with 1416,
// with the fix as hint; a 1416 from SET PARTNER itself gets the same hint.
func TestInstallChecksTheMirrorCopyIsRestoring(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(principal).seed("mgc")
	fw.recover = true
	r := fw.run(t, installLine)
	if errorID(r.err) != "MirrorDatabaseNotRestoring" ||
		r.err.Error() != `Install-CsMirrorDatabase: The database mgc on the mirror sql1m.contoso.com\pchat is ONLINE, not RESTORING, so SET PARTNER would fail with error 1416 (the database is not configured for database mirroring); nothing was set.` ||
		!strings.Contains(errHint(r.err), "WITH NORECOVERY") {
		t.Fatalf("err = %v (%s)", r.err, errHint(r.err))
	}
	for _, q := range fw.order {
		if strings.Contains(q, "SET PARTNER") {
			t.Fatalf("SET PARTNER ran: %q", fw.order)
		}
	}
	// -WhatIf restores nothing, so it checks nothing and shows SET PARTNER.
	fw = newFakeWorld(t)
	fw.server(principal).seed("mgc")
	fw.recover = true
	if r = fw.run(t, installLine+" -WhatIf"); r.err != nil || !reflect.DeepEqual(r.whatIf(), wantInstall) {
		t.Fatalf("-WhatIf: %v %q", r.err, r.whatIf())
	}

	fw = newFakeWorld(t)
	fw.server(principal).seed("mgc")
	fw.server(mirrorInst).fail["ALTER DATABASE [mgc] SET PARTNER"] = mssql.Error{Number: 1416, Class: 16,
		Message: "Database \"mgc\" is not configured for database mirroring."}
	if r = fw.run(t, installLine); errorID(r.err) != "SqlError1416" || !strings.Contains(errHint(r.err), "must stay RESTORING") {
		t.Fatalf("1416: %v (%s)", r.err, errHint(r.err))
	}
}

// TestInstallReportOfAFailedSetUp: -Report has a row per statement made,
// the failed one with its message, then the rollback's rows, newest
// first (the principal's SET PARTNER OFF is not needed: it never joined).
func TestInstallReportOfAFailedSetUp(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(principal).seed("mgc")
	fw.server(principal).fail["ALTER DATABASE [mgc] SET PARTNER"] = mssql.Error{Number: 1418, Class: 16,
		Message: "The server network address \"TCP://sql1m.contoso.com:5022\" can not be reached or does not exist."}
	r := fw.run(t, installLine+` -Report C:\Logs\mirror.html`)
	if errorID(r.err) != "SqlError1418" {
		t.Fatalf("err = %v", r.err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<tr><td>([^<]*)</td><td><code>([^<]*)</code></td><td>([^<]*)</td></tr>`).FindAllStringSubmatch(fw.reports[`C:\Logs\mirror.html`], -1) {
		got = append(got, m[1]+": "+html.UnescapeString(m[2])+": "+html.UnescapeString(m[3]))
	}
	want := append(slices.Clone(wantInstall[:8]), `sql1.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER = N'TCP://sql1m.contoso.com:5022': failed: `)
	for i := range 8 {
		want[i] += ": done"
	}
	want = append(want,
		`sql1m.contoso.com\pchat: ALTER DATABASE [mgc] SET PARTNER OFF: rolled back`,
		`sqlw1.contoso.com\pchat: DROP ENDPOINT [Mirroring]: rolled back`,
		`sql1m.contoso.com\pchat: DROP ENDPOINT [Mirroring]: rolled back`,
		`sql1.contoso.com\pchat: DROP ENDPOINT [Mirroring]: rolled back`,
		`sql1m.contoso.com\pchat: DROP DATABASE [mgc]: rolled back`)
	if len(got) != len(want) {
		t.Fatalf("report rows:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("row %d\n got %s\nwant %s…", i+1, got[i], want[i])
		}
	}
}

// TestInstallSeedsAgainAfterAnotherLogBackup: a log backup another job
// takes between the seed's full and log backups makes the seed's RESTORE
// LOG fail with 4305; the set-up is rolled back and seeded again, with a
// warning, and then mirrors.
func TestInstallSeedsAgainAfterAnotherLogBackup(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(principal).seed("mgc")
	fw.server(`sql1m.contoso.com\pchat`).failOnce["RESTORE LOG [mgc]"] = mssql.Error{Number: 4305, Class: 16,
		Message: "The log in this backup set begins at LSN 34000000001600040, which is too recent to apply to the database."}
	r := fw.run(t, installLine)
	if r.err != nil {
		t.Fatalf("err = %v", r.err)
	}
	if !strings.Contains(r.host.Text(), "seeding again (attempt 2 of 3)") {
		t.Fatalf("no warning that the seed was taken again:\n%s", r.host.Text())
	}
	backups := 0
	for _, q := range fw.server(principal).execs {
		if strings.HasPrefix(q, "BACKUP DATABASE [mgc]") {
			backups++
		}
	}
	if backups != 2 {
		t.Fatalf("the full seed backup was taken %d times, want 2", backups)
	}
}
