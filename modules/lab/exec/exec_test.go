package exec

import (
	"strings"
	"testing"
)

func TestExpressions(t *testing.T) {
	u := newUnit(t)
	cases := []struct{ sql, row string }{
		{"SELECT 7 / 2, 7 % 3, 7.0 / 2, -3 + 10 * 2", "row 3|1|3.500000|17"},
		{"SELECT 'a' + 'b', 1 + '2', CAST(12 AS varchar(5)) + 'x'", "row ab|3|12x"},
		{"SELECT CASE WHEN 1 = 2 THEN 'no' WHEN 2 = 2 THEN 'yes' END, CASE 3 WHEN 3 THEN 'three' ELSE 'other' END", "row yes|three"},
		{"SELECT ISNULL(NULL, 5), COALESCE(NULL, NULL, 'c'), NULLIF(1, 1), IIF(2 > 1, 'y', 'n')", "row 5|c|NULL|y"},
		{"SELECT LEN('abc  '), UPPER('ab'), LOWER('AB'), LTRIM('  x'), RTRIM('x  ') + '|'", "row 3|AB|ab|x|x|"},
		{"SELECT SUBSTRING('abcdef', 2, 3), REPLACE('aXbX', 'x', '-'), CHARINDEX('c', 'abcabc', 4), LEFT('abc', 2), RIGHT('abc', 2)", "row bcd|a-b-|6|ab|bc"},
		{"SELECT CONVERT(varchar(10), CAST('2024-03-01' AS datetime), 120), DATEADD(day, 1, '2024-02-28'), DATEDIFF(month, '2024-01-31', '2024-03-01')", "row 2024-03-01|2024-02-29 00:00:00.000|2"},
		{"SELECT CAST('1.25' AS decimal(5,1)), CAST(3.7 AS int), CAST(1 AS bit), CAST(255 AS tinyint)", "row 1.3|3|1|255"},
		{"SELECT 1 WHERE NULL = NULL", ""},
		{"SELECT CASE WHEN 'abc' LIKE 'A_c' THEN 1 ELSE 0 END, CASE WHEN 5 BETWEEN 1 AND 5 THEN 1 END, CASE WHEN 3 IN (1, NULL) THEN 1 ELSE 0 END", "row 1|1|0"},
		{"SELECT DB_NAME(), DB_ID('msdb'), SUSER_SNAME(), @@TRANCOUNT, GETDATE()", "row master|4|sa|0|2024-03-01 10:00:00.000"},
		{"SELECT SERVERPROPERTY('ProductVersion'), SERVERPROPERTY('IsHadrEnabled'), SERVERPROPERTY('InstanceName'), SERVERPROPERTY('Nope')", "row 11.0.7001.0|0|NULL|NULL"},
	}
	for _, c := range cases {
		got := u.run(t, c.sql)
		var rows []string
		for _, l := range got {
			if strings.HasPrefix(l, "row ") || strings.HasPrefix(l, "error") {
				rows = append(rows, l)
			}
		}
		if strings.Join(rows, "\n") != c.row {
			t.Errorf("%s: got %q, want %q", c.sql, got, c.row)
		}
	}
}

func TestVersionSaysLab(t *testing.T) {
	got := newUnit(t).run(t, "SELECT @@VERSION")
	if !strings.Contains(got[1], "Microsoft SQL Server 2012") || !strings.Contains(got[1], "pcsh lab") {
		t.Fatalf("@@VERSION: %q", got)
	}
}

func TestVariablesAndControlFlow(t *testing.T) {
	u := newUnit(t)
	u.expect(t, `DECLARE @i int = 0, @s varchar(20) = '';
WHILE @i < 5
BEGIN
	SET @i += 1;
	IF @i = 2 CONTINUE;
	IF @i = 4 BREAK;
	SET @s = @s + CAST(@i AS varchar(2));
END
SELECT @i AS i, @s AS s`, "cols i|s", "row 4|13", "done 1")
}

func TestErrorsCarryNumberSeverityStateAndLine(t *testing.T) {
	u := newUnit(t)
	u.expect(t, "SELECT 1;\nSELECT 1/0;\nPRINT 'after'",
		"cols ", "row 1", "done 1",
		"error 8134/16/1 line 2: Divide by zero error encountered.", "done",
		"info 0: after")
	u.expect(t, "PRINT 'x'\nSELECT @nope", "info 0: x",
		`error 137/15/2 line 2: Must declare the scalar variable "@nope".`, "done")
	u.expect(t, "USE nodb", "error 911/16/1 line 1: Database 'nodb' does not exist. Make sure that the name is entered correctly.", "done")
	u.expect(t, "SELECT * FROM nosuch;\nPRINT 'not reached'",
		"error 208/16/1 line 1: Invalid object name 'nosuch'.", "done")
	u.expect(t, "CREATE VIEW v AS SELECT 1",
		"error 40517/16/1 line 1: Keyword or statement option 'CREATE VIEW' is not supported in this version of SQL Server.", "done")
	u.expect(t, "SELECT 1 +", "error 102/15/1 line 1: Incorrect syntax near '+'.", "done")
}

func TestRaiserrorThrowAndTryCatch(t *testing.T) {
	u := newUnit(t)
	u.expect(t, "RAISERROR('low %s %d', 10, 1, 'a', 5)", "info 50000: low a 5")
	u.expect(t, "RAISERROR('bad', 16, 3)", "error 50000/16/3 line 1: bad", "done")
	u.expect(t, "THROW 51000, 'thrown', 2", "error 51000/16/2 line 1: thrown", "done")
	u.expect(t, "THROW 100, 'x', 1", "error 35100/16/10 line 1: Error number 100 in the THROW statement is outside the valid range. Specify an error number in the valid range of 50000 to 2147483647.", "done")
	u.expect(t, `BEGIN TRY
	SELECT 1/0
END TRY
BEGIN CATCH
	SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_MESSAGE() AS m
END CATCH`, "done", "cols n|l|m", "row 8134|2|Divide by zero error encountered.", "done 1")
}

func TestTransactionsAnnounceAndTrancount(t *testing.T) {
	u := newUnit(t)
	u.expect(t, "COMMIT", "error 3902/16/1 line 1: The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.", "done")
	u.expect(t, "ROLLBACK", "error 3903/16/1 line 1: The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.", "done")
	u.expect(t, "BEGIN TRAN; BEGIN TRAN; SELECT @@TRANCOUNT AS n; COMMIT; SELECT @@TRANCOUNT AS n; ROLLBACK; SELECT @@TRANCOUNT AS n",
		"begin tran", "cols n", "row 2", "done 1", "cols n", "row 1", "done 1", "end tran commit=false", "cols n", "row 0", "done 1")
}

func TestDMLAndSelectClauses(t *testing.T) {
	u := newUnit(t)
	u.run(t, `CREATE TABLE t (id int IDENTITY(1,1) PRIMARY KEY, name nvarchar(20) NOT NULL, grp char(1), n int)`)
	u.expect(t, "INSERT INTO t (name, grp, n) VALUES ('a', 'x', 1), ('b', 'x', 2), ('c', 'y', 3)", "done 3")
	u.expect(t, "INSERT INTO t VALUES ('d', 'y')", "error 213/16/1 line 1: Column name or number of supplied values does not match table definition.", "done")
	u.expect(t, "INSERT INTO t (name) VALUES (NULL)",
		"error 515/16/2 line 1: Cannot insert the value NULL into column 'name', table 'master.dbo.t'; column does not allow nulls. INSERT fails.",
		"info 3621: The statement has been terminated.", "done")
	u.expect(t, "SELECT grp, COUNT(*) AS c, SUM(n) AS s, MAX(name) AS m FROM t GROUP BY grp ORDER BY c DESC",
		"cols grp|c|s|m", "row x|2|3|b", "row y|1|3|c", "done 2")
	u.expect(t, "SELECT TOP (2) id, name FROM t WHERE n >= 1 ORDER BY n DESC", "cols id|name", "row 3|c", "row 2|b", "done 2")
	u.expect(t, "UPDATE t SET n = n + 10 WHERE grp = 'x'; SELECT @@ROWCOUNT AS rc", "done 2", "cols rc", "row 2", "done 1")
	u.expect(t, "DELETE FROM t WHERE id IN (SELECT id FROM t WHERE n > 10)", "done 2")
	u.expect(t, "SELECT COUNT(*) AS c, MIN(id) AS lo FROM t", "cols c|lo", "row 1|3", "done 1")
	u.expect(t, "SET NOCOUNT ON; INSERT INTO t (name) VALUES ('z'); SELECT SCOPE_IDENTITY() AS id", "done", "cols id", "row 4", "done")
}

func TestSystemViewsAndProcedures(t *testing.T) {
	u := newUnit(t)
	got := u.run(t, "SELECT name, state_desc, recovery_model_desc FROM master.sys.databases WHERE name = 'msdb'")
	if strings.Join(got, "\n") != "cols name|state_desc|recovery_model_desc\nrow msdb|ONLINE|SIMPLE\ndone 1" {
		t.Errorf("sys.databases: %q", got)
	}
	got = u.run(t, "EXEC sp_who2")
	if !strings.HasPrefix(got[0], "cols SPID|Status|Login|HostName|BlkBy|DBName|Command|CPUTime|DiskIO|LastBatch|ProgramName|SPID|REQUESTID") {
		t.Errorf("sp_who2: %q", got)
	}
	u.expect(t, "EXEC dbo.nosuchproc", "error 2812/16/62 line 1: Could not find stored procedure 'dbo.nosuchproc'.", "done")
	u.expect(t, "KILL 1", "error 6107/14/1 line 1: Only user processes can be killed.", "done")
	u.expect(t, "KILL @@SPID", "error 102/15/1 line 1: Incorrect syntax near '@@SPID'.", "done")
	u.expect(t, "DECLARE @r int; EXEC @r = sp_executesql N'SELECT @a + 1 AS v', N'@a int', @a = 41; SELECT @r AS r",
		"cols v", "row 42", "done 1", "cols r", "row 0", "done 1")
}
