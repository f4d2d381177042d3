package tsql

import "testing"

// Statements from anchors-sql-hadr.md (dbatools, SSMS scripts, Microsoft
// docs and the Persistent Chat runbook).
func TestParseMirroring(t *testing.T) {
	runParseCases(t, []parseCase{
		{"partner address", "ALTER DATABASE mgc SET PARTNER = N'TCP://mirror.contoso.com:5022'",
			"ALTER DATABASE mgc SET PARTNER = N'TCP://mirror.contoso.com:5022';\n"},
		{"partner failover", "use master; ALTER DATABASE pubs SET PARTNER FAILOVER",
			"USE master;\nALTER DATABASE pubs SET PARTNER FAILOVER;\n"},
		{"force service", "ALTER DATABASE [mgc] SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS",
			"ALTER DATABASE mgc SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS;\n"},
		{"partner off", "ALTER DATABASE mgc SET PARTNER OFF", "ALTER DATABASE mgc SET PARTNER OFF;\n"},
		{"resume", "ALTER DATABASE mgc SET PARTNER RESUME", "ALTER DATABASE mgc SET PARTNER RESUME;\n"},
		{"suspend", "ALTER DATABASE mgc SET PARTNER SUSPEND", "ALTER DATABASE mgc SET PARTNER SUSPEND;\n"},
		{"safety", "ALTER DATABASE mgc SET PARTNER SAFETY FULL", "ALTER DATABASE mgc SET PARTNER SAFETY FULL;\n"},
		{"safety off", "alter database mgc set partner safety off", "ALTER DATABASE mgc SET PARTNER SAFETY OFF;\n"},
		{"timeout", "ALTER DATABASE mgc SET PARTNER TIMEOUT 30", "ALTER DATABASE mgc SET PARTNER TIMEOUT 30;\n"},
		{"witness", "ALTER DATABASE mgc SET WITNESS = 'TCP://witness.contoso.com:5022'",
			"ALTER DATABASE mgc SET WITNESS = 'TCP://witness.contoso.com:5022';\n"},
		{"witness off", "ALTER DATABASE mgc SET WITNESS OFF", "ALTER DATABASE mgc SET WITNESS OFF;\n"},
		{"partner var", "ALTER DATABASE mgc SET PARTNER = @addr", "ALTER DATABASE mgc SET PARTNER = @addr;\n"},
		{"endpoint docs example", `CREATE ENDPOINT endpoint_mirroring
    STATE = STARTED
    AS TCP ( LISTENER_PORT = 7022 )
    FOR DATABASE_MIRRORING (
       AUTHENTICATION = WINDOWS KERBEROS,
       ENCRYPTION = SUPPORTED,
       ROLE=ALL);`,
			"CREATE ENDPOINT endpoint_mirroring STATE = STARTED AS TCP (LISTENER_PORT = 7022) " +
				"FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS KERBEROS, ENCRYPTION = SUPPORTED, ROLE = ALL);\n"},
		{"endpoint smo", "CREATE ENDPOINT [Mirroring] AUTHORIZATION [sa] STATE=STARTED AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL) " +
			"FOR DATABASE_MIRRORING (ROLE = ALL, AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES)",
			"CREATE ENDPOINT Mirroring AUTHORIZATION sa STATE = STARTED AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL) " +
				"FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);\n"},
		{"endpoint cert", "CREATE ENDPOINT hadr STATE = STOPPED AS TCP (LISTENER_PORT = 5023 LISTENER_IP = (10.0.0.5)) " +
			"FOR DATABASE_MIRRORING (ROLE = WITNESS AUTHENTICATION = CERTIFICATE hadr_cert WINDOWS NEGOTIATE ENCRYPTION = REQUIRED ALGORITHM AES RC4)",
			"CREATE ENDPOINT hadr STATE = STOPPED AS TCP (LISTENER_PORT = 5023, LISTENER_IP = (10.0.0.5)) " +
				"FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE hadr_cert WINDOWS NEGOTIATE, " +
				"ENCRYPTION = REQUIRED ALGORITHM AES RC4, ROLE = WITNESS);\n"},
		{"alter endpoint state", "ALTER ENDPOINT Mirroring STATE = STOPPED", "ALTER ENDPOINT Mirroring STATE = STOPPED;\n"},
		{"drop endpoint", "DROP ENDPOINT [Mirroring]", "DROP ENDPOINT Mirroring;\n"},
		{"grant connect", "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Somedomain\\witnessuser];",
			"GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Somedomain\\witnessuser];\n"},
		{"create login", "CREATE LOGIN [Somedomain\\witnessuser] FROM WINDOWS ;",
			"CREATE LOGIN [Somedomain\\witnessuser] FROM WINDOWS;\n"},
		{"create sql login", "CREATE LOGIN lab WITH PASSWORD = N'S3cret!', CHECK_POLICY = OFF, DEFAULT_DATABASE = master",
			"CREATE LOGIN lab WITH PASSWORD = N'S3cret!', CHECK_POLICY = OFF, DEFAULT_DATABASE = master;\n"},
		{"grant server perm", "GRANT VIEW SERVER STATE TO [lab]", "GRANT VIEW SERVER STATE TO lab;\n"},
		{"verification query", `SELECT db.name, m.mirroring_role_desc
FROM sys.database_mirroring m
JOIN sys.databases db
ON db.database_id = m.database_id
WHERE db.name = N'AdventureWorks2012';`,
			"SELECT db.name, m.mirroring_role_desc FROM sys.database_mirroring AS m INNER JOIN sys.databases AS db " +
				"ON db.database_id = m.database_id WHERE db.name = N'AdventureWorks2012';\n"},
		{"endpoint check", "SELECT role_desc, state_desc FROM sys.database_mirroring_endpoints",
			"SELECT role_desc, state_desc FROM sys.database_mirroring_endpoints;\n"},
	})
}

func TestMirroringFields(t *testing.T) {
	a := mustParseOne[*AlterDatabaseStmt](t, "ALTER DATABASE mgc SET PARTNER TIMEOUT 30")
	if a.Name != "mgc" || a.Partner.Action != "TIMEOUT" || a.Partner.Timeout.String() != "30" {
		t.Errorf("got %+v %+v", a, a.Partner)
	}
	w := mustParseOne[*AlterDatabaseStmt](t, "ALTER DATABASE mgc SET WITNESS OFF")
	if w.Witness == nil || w.Witness.Address != nil {
		t.Errorf("witness off: %+v", w.Witness)
	}
	e := mustParseOne[*EndpointStmt](t, "CREATE ENDPOINT ep STATE = STARTED AS TCP (LISTENER_PORT = 5022) "+
		"FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE c1, ROLE = PARTNER)")
	if e.Action != "CREATE" || e.State != "STARTED" || e.TCP.Port.String() != "5022" ||
		e.Mirroring.Role != "PARTNER" || e.Mirroring.Certificate != "c1" || e.Mirroring.Authentication != "CERTIFICATE" {
		t.Errorf("endpoint: %+v %+v %+v", e, e.TCP, e.Mirroring)
	}
	g := mustParseOne[*PermissionStmt](t, "GRANT CONNECT ON ENDPOINT::ep TO [dom\\svc]")
	if g.Class != "ENDPOINT" || g.On.Object() != "ep" || g.Principals[0] != `dom\svc` {
		t.Errorf("grant: %+v", g)
	}
}

func TestParseBackupRestore(t *testing.T) {
	runParseCases(t, []parseCase{
		{"tail log", `BACKUP LOG [db] TO DISK = N'\\share\db\db_tail.trn' WITH NORECOVERY;`,
			`BACKUP LOG db TO DISK = N'\\share\db\db_tail.trn' WITH NORECOVERY;` + "\n"},
		{"full with options", "BACKUP DATABASE mgc TO DISK = 'C:\\b\\mgc.bak', DISK = 'C:\\b\\mgc2.bak' WITH INIT, FORMAT, COPY_ONLY, " +
			"CHECKSUM, COMPRESSION, STATS = 10, NAME = N'mgc-Full', DESCRIPTION = 'nightly'",
			"BACKUP DATABASE mgc TO DISK = 'C:\\b\\mgc.bak', DISK = 'C:\\b\\mgc2.bak' WITH INIT, FORMAT, COPY_ONLY, " +
				"CHECKSUM, COMPRESSION, STATS = 10, NAME = N'mgc-Full', DESCRIPTION = 'nightly';\n"},
		{"damaged tail", "BACKUP LOG db TO DISK = @path WITH NO_TRUNCATE, CONTINUE_AFTER_ERROR, NORECOVERY, STATS",
			"BACKUP LOG db TO DISK = @path WITH NO_TRUNCATE, CONTINUE_AFTER_ERROR, NORECOVERY, STATS;\n"},
		{"variables", "BACKUP DATABASE @db TO DISK = @file WITH NOINIT, NOFORMAT, NO_COMPRESSION, NO_CHECKSUM, STANDBY = @undo",
			"BACKUP DATABASE @db TO DISK = @file WITH NOINIT, NOFORMAT, NO_COMPRESSION, NO_CHECKSUM, STANDBY = @undo;\n"},
		{"restore log", `RESTORE LOG [db] FROM DISK = N'...\db_yyyymmddhhmmss.trn' WITH NORECOVERY;`,
			`RESTORE LOG db FROM DISK = N'...\db_yyyymmddhhmmss.trn' WITH NORECOVERY;` + "\n"},
		{"restore recovery", "RESTORE DATABASE [db] WITH RECOVERY;", "RESTORE DATABASE db WITH RECOVERY;\n"},
		{"runbook lower", "restore database mgc with recovery", "RESTORE DATABASE mgc WITH RECOVERY;\n"},
		{"restore move", "RESTORE DATABASE mgc FROM DISK = N'\\\\share\\mgc.bak' WITH REPLACE, NORECOVERY, " +
			"MOVE N'mgc' TO N'D:\\data\\mgc.mdf', MOVE N'mgc_log' TO N'E:\\log\\mgc.ldf', STATS = 5, FILE = 1, CHECKSUM",
			"RESTORE DATABASE mgc FROM DISK = N'\\\\share\\mgc.bak' WITH REPLACE, NORECOVERY, " +
				"MOVE N'mgc' TO N'D:\\data\\mgc.mdf', MOVE N'mgc_log' TO N'E:\\log\\mgc.ldf', STATS = 5, FILE = 1, CHECKSUM;\n"},
		{"restore standby", "RESTORE LOG mgc FROM DISK = 'x.trn' WITH STANDBY = 'D:\\undo\\mgc.tuf', KEEP_REPLICATION, STOPAT = '2024-01-01T10:00:00'",
			"RESTORE LOG mgc FROM DISK = 'x.trn' WITH STANDBY = 'D:\\undo\\mgc.tuf', KEEP_REPLICATION, STOPAT = '2024-01-01T10:00:00';\n"},
		{"stopatmark", "RESTORE LOG mgc FROM DISK = 'x.trn' WITH STOPATMARK = 'lsn:15000000040000037' AFTER '2024-01-01', RECOVERY",
			"RESTORE LOG mgc FROM DISK = 'x.trn' WITH STOPATMARK = 'lsn:15000000040000037' AFTER '2024-01-01', RECOVERY;\n"},
		{"headeronly", "RESTORE HEADERONLY FROM DISK = N'C:\\b\\mgc.bak'", "RESTORE HEADERONLY FROM DISK = N'C:\\b\\mgc.bak';\n"},
		{"filelistonly", "RESTORE FILELISTONLY FROM DISK = @f WITH FILE = 2", "RESTORE FILELISTONLY FROM DISK = @f WITH FILE = 2;\n"},
		{"verifyonly", "RESTORE VERIFYONLY FROM DISK = 'a.bak' WITH CHECKSUM", "RESTORE VERIFYONLY FROM DISK = 'a.bak' WITH CHECKSUM;\n"},
		{"labelonly", "RESTORE LABELONLY FROM DISK = 'a.bak'", "RESTORE LABELONLY FROM DISK = 'a.bak';\n"},
		{"backupset query", "SELECT TOP (1) backup_finish_date, [type] FROM msdb.dbo.backupset WHERE database_name = N'mgc' ORDER BY backup_finish_date DESC",
			"SELECT TOP (1) backup_finish_date, type FROM msdb.dbo.backupset WHERE database_name = N'mgc' ORDER BY backup_finish_date DESC;\n"},
	})
	r := mustParseOne[*RestoreStmt](t, "RESTORE DATABASE mgc FROM DISK = 'a' WITH MOVE 'm' TO 'p', STATS = 5")
	if r.Kind != "DATABASE" || r.Database.Name != "mgc" || r.Option("MOVE").To.String() != "'p'" || r.Option("STATS") == nil {
		t.Errorf("restore: %+v", r)
	}
	b := mustParseOne[*BackupStmt](t, "BACKUP LOG @db TO DISK = 'a' WITH STATS")
	if !b.Log || b.Database.Var != "@db" || b.Option("STATS").Value != nil || b.Devices[0].Type != "DISK" {
		t.Errorf("backup: %+v", b)
	}
}

func TestParseDatabaseOptions(t *testing.T) {
	runParseCases(t, []parseCase{
		{"recovery", "ALTER DATABASE mgc SET RECOVERY FULL", "ALTER DATABASE mgc SET RECOVERY FULL;\n"},
		{"bulk logged", "ALTER DATABASE [mgc] SET RECOVERY BULK_LOGGED WITH NO_WAIT", "ALTER DATABASE mgc SET RECOVERY BULK_LOGGED WITH NO_WAIT;\n"},
		{"single user", "ALTER DATABASE mgc SET SINGLE_USER WITH ROLLBACK IMMEDIATE", "ALTER DATABASE mgc SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\n"},
		{"rollback after", "ALTER DATABASE mgc SET RESTRICTED_USER WITH ROLLBACK AFTER 30 SECONDS",
			"ALTER DATABASE mgc SET RESTRICTED_USER WITH ROLLBACK AFTER 30 SECONDS;\n"},
		{"multi user", "ALTER DATABASE mgc SET MULTI_USER", "ALTER DATABASE mgc SET MULTI_USER;\n"},
		{"offline", "ALTER DATABASE mgc SET OFFLINE WITH ROLLBACK IMMEDIATE", "ALTER DATABASE mgc SET OFFLINE WITH ROLLBACK IMMEDIATE;\n"},
		{"online read", "ALTER DATABASE mgc SET ONLINE, READ_WRITE", "ALTER DATABASE mgc SET ONLINE, READ_WRITE;\n"},
		{"read only", "ALTER DATABASE CURRENT SET READ_ONLY", "ALTER DATABASE CURRENT SET READ_ONLY;\n"},
		{"compat", "ALTER DATABASE mgc SET COMPATIBILITY_LEVEL = 110", "ALTER DATABASE mgc SET COMPATIBILITY_LEVEL = 110;\n"},
		{"page verify", "ALTER DATABASE mgc SET PAGE_VERIFY CHECKSUM, AUTO_CLOSE OFF", "ALTER DATABASE mgc SET PAGE_VERIFY CHECKSUM, AUTO_CLOSE OFF;\n"},
		{"rename", "ALTER DATABASE old MODIFY NAME = new_name", "ALTER DATABASE old MODIFY NAME = new_name;\n"},
		{"create db", "CREATE DATABASE mgc", "CREATE DATABASE mgc;\n"},
		{"create db files", "CREATE DATABASE Sales ON PRIMARY ( NAME = Sales_dat, FILENAME = 'C:\\data\\saledat.mdf', SIZE = 10, MAXSIZE = 50, FILEGROWTH = 5 ) " +
			"LOG ON ( NAME = Sales_log, FILENAME = 'C:\\data\\salelog.ldf', SIZE = 5MB, MAXSIZE = UNLIMITED, FILEGROWTH = 10 % ) COLLATE Latin1_General_CI_AS",
			"CREATE DATABASE Sales ON PRIMARY (NAME = Sales_dat, FILENAME = 'C:\\data\\saledat.mdf', SIZE = 10, MAXSIZE = 50, FILEGROWTH = 5) " +
				"LOG ON (NAME = Sales_log, FILENAME = 'C:\\data\\salelog.ldf', SIZE = 5MB, MAXSIZE = UNLIMITED, FILEGROWTH = 10%) COLLATE Latin1_General_CI_AS;\n"},
		{"drop db", "DROP DATABASE IF EXISTS mgc, [mgc comp]", "DROP DATABASE IF EXISTS mgc, [mgc comp];\n"},
	})
	a := mustParseOne[*AlterDatabaseStmt](t, "ALTER DATABASE mgc SET SINGLE_USER WITH ROLLBACK IMMEDIATE")
	if a.Options[0].Name != "SINGLE_USER" || a.Termination.Kind != "ROLLBACK IMMEDIATE" {
		t.Errorf("got %+v", a)
	}
}
