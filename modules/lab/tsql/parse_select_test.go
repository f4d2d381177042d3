package tsql

import "testing"

func TestParseSelect(t *testing.T) {
	runParseCases(t, []parseCase{
		{"constant", "select 1", "SELECT 1;\n"},
		{"star", "SELECT * FROM sys.databases", "SELECT * FROM sys.databases;\n"},
		{"qualified star", "SELECT d.*, m.mirroring_state FROM sys.databases d JOIN sys.database_mirroring m ON m.database_id = d.database_id",
			"SELECT d.*, m.mirroring_state FROM sys.databases AS d INNER JOIN sys.database_mirroring AS m ON m.database_id = d.database_id;\n"},
		{"aliases", "SELECT name AS [Name], state_desc st, Recovery = recovery_model_desc, 'x' AS 'lit' FROM master.sys.databases",
			"SELECT name AS Name, state_desc AS st, recovery_model_desc AS Recovery, 'x' AS lit FROM master.sys.databases;\n"},
		{"top n", "SELECT TOP 5 name FROM sys.databases", "SELECT TOP (5) name FROM sys.databases;\n"},
		{"top percent ties", "SELECT TOP (10) PERCENT WITH TIES a FROM t ORDER BY a", "SELECT TOP (10) PERCENT WITH TIES a FROM t ORDER BY a;\n"},
		{"distinct", "SELECT DISTINCT database_name, principal_server_name, safety_level, safety_level_desc, partner_sync_state FROM master.sys.database_mirroring_witnesses",
			"SELECT DISTINCT database_name, principal_server_name, safety_level, safety_level_desc, partner_sync_state FROM master.sys.database_mirroring_witnesses;\n"},
		{"nolock like", "SELECT COUNT(*) AS AgentCount FROM master.dbo.sysprocesses WITH (NOLOCK) WHERE program_name LIKE 'SQLAgent%'",
			"SELECT COUNT(*) AS AgentCount FROM master.dbo.sysprocesses WITH (NOLOCK) WHERE program_name LIKE 'SQLAgent%';\n"},
		{"legacy hint", "SELECT a FROM t (nolock)", "SELECT a FROM t WITH (NOLOCK);\n"},
		{"group having", "SELECT database_name, MAX(backup_finish_date) AS last FROM msdb.dbo.backupset GROUP BY database_name HAVING COUNT(DISTINCT type) > 1 ORDER BY 2 DESC, database_name ASC",
			"SELECT database_name, MAX(backup_finish_date) AS last FROM msdb.dbo.backupset GROUP BY database_name HAVING COUNT(DISTINCT type) > 1 ORDER BY 2 DESC, database_name;\n"},
		{"left join", "SELECT a.x FROM a LEFT OUTER JOIN b ON a.id = b.id CROSS JOIN c, d",
			"SELECT a.x FROM a LEFT JOIN b ON a.id = b.id CROSS JOIN c CROSS JOIN d;\n"},
		{"functions", "SELECT SERVERPROPERTY('ProductVersion'), DB_NAME(), DB_ID('mgc'), GETDATE(), SUSER_SNAME(), @@SERVERNAME, @@VERSION, @@SPID, CURRENT_TIMESTAMP, USER",
			"SELECT SERVERPROPERTY('ProductVersion'), DB_NAME(), DB_ID('mgc'), GETDATE(), SUSER_SNAME(), @@SERVERNAME, @@VERSION, @@SPID, CURRENT_TIMESTAMP, USER;\n"},
		{"reserved function names", "SELECT LEFT(name, 3), RIGHT(name, 1), COALESCE(a, b, 0), NULLIF(a, ''), ISNULL(x, 0)",
			"SELECT LEFT(name, 3), RIGHT(name, 1), COALESCE(a, b, 0), NULLIF(a, ''), ISNULL(x, 0);\n"},
		{"convert", "SELECT CONVERT(varchar(30), GETDATE(), 121), TRY_CONVERT(int, '1'), CAST(1 AS decimal(5, 2)), TRY_CAST(x AS nvarchar(max))",
			"SELECT CONVERT(varchar(30), GETDATE(), 121), TRY_CONVERT(int, '1'), CAST(1 AS decimal(5, 2)), TRY_CAST(x AS nvarchar(max));\n"},
		{"case", "SELECT CASE mirroring_role WHEN 1 THEN 'PRINCIPAL' WHEN 2 THEN 'MIRROR' ELSE NULL END, CASE WHEN a IS NOT NULL THEN 1 END FROM sys.database_mirroring",
			"SELECT CASE mirroring_role WHEN 1 THEN 'PRINCIPAL' WHEN 2 THEN 'MIRROR' ELSE NULL END, CASE WHEN a IS NOT NULL THEN 1 END FROM sys.database_mirroring;\n"},
		{"in between", "SELECT name FROM sys.databases WHERE database_id NOT IN (1, 2, 3, 4) AND create_date BETWEEN '2020-01-01' AND GETDATE() AND name NOT LIKE 'tempdb%'",
			"SELECT name FROM sys.databases WHERE database_id NOT IN (1, 2, 3, 4) AND create_date BETWEEN '2020-01-01' AND GETDATE() AND name NOT LIKE 'tempdb%';\n"},
		{"subqueries", "SELECT (SELECT COUNT(*) FROM t) AS n WHERE EXISTS (SELECT 1 FROM u) AND id IN (SELECT id FROM v)",
			"SELECT (SELECT COUNT(*) FROM t) AS n WHERE EXISTS (SELECT 1 FROM u) AND id IN (SELECT id FROM v);\n"},
		{"into temp", "SELECT name INTO #dbs FROM sys.databases", "SELECT name INTO #dbs FROM sys.databases;\n"},
		{"db dot dot", "SELECT * FROM msdb..backupset", "SELECT * FROM msdb..backupset;\n"},
		{"quoted identifiers", `SELECT "my col", [a]]b] FROM [my table]`, "SELECT [my col], [a]]b] FROM [my table];\n"},
		{"alias GO", "SELECT 1\nGO", "SELECT 1 AS GO;\n"},
		{"two selects", "SELECT 1 SELECT 2", "SELECT 1;\nSELECT 2;\n"},
	})
	s := mustParseOne[*SelectStmt](t, "SELECT TOP (1) a AS x FROM msdb.dbo.backupset b WHERE a = 1 ORDER BY a DESC")
	if s.From.Name.Database() != "msdb" || s.From.Name.Schema() != "dbo" || s.From.Name.Object() != "backupset" ||
		s.From.Alias != "b" || s.Columns[0].Alias != "x" || !s.OrderBy[0].Desc || s.Top.Count.String() != "1" {
		t.Errorf("select: %+v", s)
	}
}

func TestParseDML(t *testing.T) {
	runParseCases(t, []parseCase{
		{"insert values", "INSERT INTO dbo.t (a, b) VALUES (1, N'x'), (2, DEFAULT)", "INSERT INTO dbo.t (a, b) VALUES (1, N'x'), (2, DEFAULT);\n"},
		{"insert no into", "INSERT t VALUES (1)", "INSERT INTO t VALUES (1);\n"},
		{"insert select", "INSERT INTO t (a) SELECT a FROM u WHERE a > 0", "INSERT INTO t (a) SELECT a FROM u WHERE a > 0;\n"},
		{"insert default", "INSERT INTO t DEFAULT VALUES", "INSERT INTO t DEFAULT VALUES;\n"},
		{"update", "UPDATE msdb.dbo.log_shipping_primary_databases SET monitor_server = 'mon', user_specified_monitor = 1 WHERE primary_id = '0C9C8B39-0000-0000-0000-000000000000'",
			"UPDATE msdb.dbo.log_shipping_primary_databases SET monitor_server = 'mon', user_specified_monitor = 1 WHERE primary_id = '0C9C8B39-0000-0000-0000-000000000000';\n"},
		{"update from", "UPDATE t SET t.a += 1, @v = b FROM t JOIN u ON u.id = t.id", "UPDATE t SET t.a += 1, @v = b FROM t INNER JOIN u ON u.id = t.id;\n"},
		{"delete", "DELETE FROM t WHERE a IS NULL", "DELETE FROM t WHERE a IS NULL;\n"},
		{"delete no from", "DELETE t", "DELETE FROM t;\n"},
		{"truncate", "TRUNCATE TABLE dbo.t", "TRUNCATE TABLE dbo.t;\n"},
	})
}

func TestParseTables(t *testing.T) {
	runParseCases(t, []parseCase{
		{"create", "CREATE TABLE dbo.chat (id bigint IDENTITY(1,1) NOT NULL, name nvarchar(128) NULL DEFAULT N'', created datetime2(7) NOT NULL DEFAULT (getutcdate()), " +
			"flag bit DEFAULT 0, guid uniqueidentifier ROWGUIDCOL, CONSTRAINT PK_chat PRIMARY KEY CLUSTERED (id ASC)) ON [PRIMARY]",
			"CREATE TABLE dbo.chat (id bigint IDENTITY(1, 1) NOT NULL, name nvarchar(128) NULL DEFAULT N'', created datetime2(7) NOT NULL DEFAULT getutcdate(), " +
				"flag bit DEFAULT 0, guid uniqueidentifier, CONSTRAINT PK_chat PRIMARY KEY CLUSTERED (id));\n"},
		{"column pk", "CREATE TABLE #t (id int PRIMARY KEY, v varchar(max) COLLATE Latin1_General_CI_AS UNIQUE, d decimal(18,4) DEFAULT -1)",
			"CREATE TABLE #t (id int PRIMARY KEY, v varchar(max) COLLATE Latin1_General_CI_AS UNIQUE, d decimal(18, 4) DEFAULT (-1));\n"},
		{"ssms constraint options", "CREATE TABLE [dbo].[x]([a] [int] NOT NULL, CONSTRAINT [PK_x] PRIMARY KEY NONCLUSTERED ([a] DESC) WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF) ON [PRIMARY]) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]",
			"CREATE TABLE dbo.x (a int NOT NULL, CONSTRAINT PK_x PRIMARY KEY NONCLUSTERED (a DESC));\n"},
		{"drop", "DROP TABLE IF EXISTS dbo.a, #b", "DROP TABLE IF EXISTS dbo.a, #b;\n"},
	})
	c := mustParseOne[*CreateTableStmt](t, "CREATE TABLE t (id int IDENTITY(1,1) NOT NULL, n nvarchar(max))")
	if c.Columns[0].Identity.Seed.String() != "1" || *c.Columns[0].Nullable || c.Columns[1].Type.Length != -1 || c.Columns[1].Nullable != nil {
		t.Errorf("columns: %+v", c.Columns)
	}
}
