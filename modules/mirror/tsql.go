package mirror

import (
	"fmt"
	"strconv"
	"strings"

	"pcsh/modules/connection"
)

// The T-SQL the module runs. Identifiers go through connection.QuoteName;
// the values T-SQL does not accept as parameters (BACKUP and RESTORE
// paths, partner and witness addresses) through connection.QuoteString;
// ports are validated integers. Each function returns the exact text that
// runs and that -WhatIf prints.

// statsPercent is the STATS interval of BACKUP and RESTORE: progress every
// 10 percent.
const statsPercent = 10

// quote quotes an identifier, or returns an error record naming it.
func quote(name string) (string, error) {
	q, err := connection.QuoteName(name)
	if err != nil {
		return "", errorf(categoryArg, "InvalidIdentifier", name, "Cannot use %q as a name: %v.", name, err)
	}
	return q, nil
}

// backupDatabase is a copy-only full backup, which leaves the
// differential base as it is — unless the database has no log chain yet:
// a copy-only full backup cannot start one, so the seed's log backup
// would fail with 4214; then it is a conventional full backup.
func backupDatabase(db, path string, startChain bool) string {
	opts := "COPY_ONLY, FORMAT, INIT"
	if startChain {
		opts = "FORMAT, INIT"
	}
	return fmt.Sprintf("BACKUP DATABASE %s TO DISK = %s WITH %s, STATS = %d",
		db, connection.QuoteString(path), opts, statsPercent)
}

// backupLog is a copy-only log backup, which does not truncate the log,
// so log shipping's next backup still follows its last one — unless no
// log backup was ever taken: then nobody's chain can break, and the mirror
// needs a conventional one restored to join the principal's chain (1478).
func backupLog(db, path string, conventional bool) string {
	opts := "COPY_ONLY, FORMAT, INIT"
	if conventional {
		opts = "FORMAT, INIT"
	}
	return fmt.Sprintf("BACKUP LOG %s TO DISK = %s WITH %s, STATS = %d",
		db, connection.QuoteString(path), opts, statsPercent)
}

// restoreDatabase restores the full backup WITH NORECOVERY, moving files
// as moves says (logical name → new path, in order).
func restoreDatabase(db, path string, moves []fileMove) string {
	var b strings.Builder
	fmt.Fprintf(&b, "RESTORE DATABASE %s FROM DISK = %s WITH NORECOVERY", db, connection.QuoteString(path))
	for _, m := range moves {
		fmt.Fprintf(&b, ", MOVE %s TO %s", connection.QuoteString(m.Logical), connection.QuoteString(m.To))
	}
	fmt.Fprintf(&b, ", STATS = %d", statsPercent)
	return b.String()
}

// restoreLog applies the log backup WITH NORECOVERY.
func restoreLog(db, path string) string {
	return fmt.Sprintf("RESTORE LOG %s FROM DISK = %s WITH NORECOVERY, STATS = %d", db, connection.QuoteString(path), statsPercent)
}

// dropDatabase drops a database.
func dropDatabase(db string) string { return "DROP DATABASE " + db }

// createEndpoint creates a started database mirroring endpoint with
// Windows authentication and AES encryption, the defaults of SQL Server
// 2016 and later written out, so 2008 R2 and 2012 do not fall back to RC4.
func createEndpoint(name string, port int, role EndpointRole) string {
	return fmt.Sprintf("CREATE ENDPOINT %s STATE = STARTED AS TCP (LISTENER_PORT = %d) "+
		"FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = %s)",
		name, port, strings.ToUpper(string(role)))
}

// dropEndpoint drops an endpoint (Remove-PcMirroringEndpoint).
func dropEndpoint(name string) string { return "DROP ENDPOINT " + name }

// startEndpoint starts a stopped endpoint.
func startEndpoint(name string) string { return "ALTER ENDPOINT " + name + " STATE = STARTED" }

// widenEndpointRole lets an endpoint serve both roles.
func widenEndpointRole(name string) string {
	return "ALTER ENDPOINT " + name + " FOR DATABASE_MIRRORING (ROLE = ALL)"
}

// setPartner names the other partner: run on the mirror first, then on
// the principal.
func setPartner(db, address string) string {
	return "ALTER DATABASE " + db + " SET PARTNER = " + connection.QuoteString(address)
}

// setWitness names the witness, on the principal.
func setWitness(db, address string) string {
	return "ALTER DATABASE " + db + " SET WITNESS = " + connection.QuoteString(address)
}

// partnerOption is ALTER DATABASE … SET PARTNER <option>: FAILOVER,
// FORCE_SERVICE_ALLOW_DATA_LOSS, OFF, RESUME, SUSPEND, SAFETY FULL|OFF.
func partnerOption(db, option string) string {
	return "ALTER DATABASE " + db + " SET PARTNER " + option
}

// witnessOff removes the witness.
func witnessOff(db string) string { return "ALTER DATABASE " + db + " SET WITNESS OFF" }

// serverAddress is a mirroring endpoint's network address,
// TCP://host:port.
func serverAddress(host string, port int) string {
	return "TCP://" + host + ":" + strconv.Itoa(port)
}

func itoa(n int) string { return strconv.Itoa(n) }

// joinPath joins a share or directory and a file name with the share's
// own separator.
func joinPath(dir, file string) string {
	sep := "/"
	if strings.Contains(dir, `\`) {
		sep = `\`
	}
	return strings.TrimRight(dir, `\/`) + sep + file
}

// fileMove is one MOVE clause of a RESTORE.
type fileMove struct {
	Logical string
	To      string
}
