package mirror

import (
	"testing"

	"pcsh/modules/lab/tsql"
)

// TestStatementsParse checks that every statement the module builds is
// T-SQL the lab's parser (written from the SQL Server grammar) accepts,
// quoting included.
func TestStatementsParse(t *testing.T) {
	db, _ := quote("pc]chat")
	ep, _ := quote("Mirroring")
	for _, q := range []string{
		backupDatabase(db, `\\fs1\share's\pc]chat_mirror_seed.bak`, false),
		backupDatabase(db, `\\fs1\share's\pc]chat_mirror_seed.bak`, true),
		backupLog(db, `\\fs1\share\x.trn`, false),
		backupLog(db, `\\fs1\share\x.trn`, true),
		restoreDatabase(db, `\\fs1\share\x.bak`, []fileMove{{Logical: "mgc", To: `E:\Data\mgc.mdf`}, {Logical: "mgc_log", To: `F:\Logs\mgc_log.ldf`}}),
		restoreLog(db, `\\fs1\share\x.trn`),
		dropDatabase(db),
		createEndpoint(ep, 5022, RolePartner),
		createEndpoint(ep, 7022, RoleWitness),
		startEndpoint(ep),
		widenEndpointRole(ep),
		setPartner(db, "TCP://sql1.contoso.com:5022"),
		setWitness(db, "TCP://sqlw1.contoso.com:7022"),
		partnerOption(db, "FAILOVER"),
		partnerOption(db, "FORCE_SERVICE_ALLOW_DATA_LOSS"),
		partnerOption(db, "OFF"),
		partnerOption(db, "SUSPEND"),
		partnerOption(db, "RESUME"),
		partnerOption(db, "SAFETY FULL"),
		partnerOption(db, "SAFETY OFF"),
		partnerOption(db, "TIMEOUT 20"),
		dropEndpoint(ep),
		witnessOff(db),
		qServer, qDatabase, qMirrored, qEndpoint, qQueues, qFiles,
	} {
		if _, err := tsql.Parse(q); err != nil {
			t.Errorf("%s\n  %v", q, err)
		}
	}
}

func TestQuoteRefusesLongNames(t *testing.T) {
	long := make([]byte, 129)
	for i := range long {
		long[i] = 'a'
	}
	if _, err := quote(string(long)); errorID(err) != "InvalidIdentifier" {
		t.Fatalf("err = %v", err)
	}
}
