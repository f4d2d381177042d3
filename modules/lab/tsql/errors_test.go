package tsql

import (
	"errors"
	"strings"
	"testing"
)

func TestSyntaxErrors(t *testing.T) {
	long := strings.Repeat("a", 129)
	cases := []struct {
		sql    string
		number int32
		line   int
		msg    string
	}{
		{"SELECT * FROM", 156, 1, "Incorrect syntax near the keyword 'FROM'."},
		{"select * from", 156, 1, "Incorrect syntax near the keyword 'from'."},
		{"SELECT 1 +", 102, 1, "Incorrect syntax near '+'."},
		{"USE master\nGO", 102, 2, "Incorrect syntax near 'GO'."},
		{"SELECT 1\nSELECT 2 +\n", 102, 2, "Incorrect syntax near '+'."},
		{"SELECT 1 FROM t WHERE", 156, 1, "Incorrect syntax near the keyword 'WHERE'."},
		{"SELECT * FORM t", 102, 1, "Incorrect syntax near 'FORM'."},
		{"IF 1=1", 102, 1, "Incorrect syntax near '1'."},
		{"EXEC p 1+1", 102, 1, "Incorrect syntax near '+'."},
		{"ALTER DATABASE mgc SET PARTNER SAFETY NONE", 102, 1, "Incorrect syntax near 'NONE'."},
		{"ALTER DATABASE mgc SET RECOVERY FOO", 102, 1, "Incorrect syntax near 'FOO'."},
		{"BACKUP DATABASE mgc DISK = 'a'", 156, 1, "Incorrect syntax near the keyword 'DISK'."},
		{"RESTORE DATABASE mgc FROM DISK 'a'", 102, 1, "Incorrect syntax near 'a'."},
		{"SELECT 'abc", 105, 1, "Unclosed quotation mark after the character string 'abc'."},
		{"SELECT 1\nPRINT N'it''s", 105, 2, "Unclosed quotation mark after the character string 'it's'."},
		{"SELECT [abc", 105, 1, "Unclosed quotation mark after the character string 'abc'."},
		{"SELECT 1 /* open /* nested */", 113, 1, "Missing end comment mark '*/'."},
		{"SELECT " + long, 103, 1, "The identifier that starts with '" + long[:128] + "' is too long. Maximum length is 128."},
		{"BACKUP DATABASE mgc TO DISK = 'a' WITH FOO", 155, 1, "'FOO' is not a recognized BACKUP option."},
		{"RESTORE DATABASE mgc FROM DISK = 'a' WITH INIT", 155, 1, "'INIT' is not a recognized RESTORE option."},
		{"KILL", 156, 1, "Incorrect syntax near the keyword 'KILL'."},
		{"BEGIN SELECT 1", 102, 1, "Incorrect syntax near '1'."},
		{"SELECT (1", 102, 1, "Incorrect syntax near '1'."},
		{"CREATE ENDPOINT e STATE = STARTED", 102, 1, "Incorrect syntax near 'STARTED'."},
	}
	for _, c := range cases {
		_, err := Parse(c.sql)
		se := asSyntaxError(t, c.sql, err)
		if se.Number != c.number || se.Line != c.line || se.Message != c.msg {
			t.Errorf("Parse(%q) = %d line %d %q\n want %d line %d %q", c.sql, se.Number, se.Line, se.Message, c.number, c.line, c.msg)
		}
		if se.Error() != se.Message {
			t.Errorf("Error() = %q", se.Error())
		}
	}
}

func TestUnsupportedStatements(t *testing.T) {
	cases := []struct{ sql, stmt string }{
		{"CREATE VIEW v AS SELECT 1", "CREATE VIEW"},
		{"CREATE OR ALTER PROCEDURE p AS SELECT 1", "CREATE OR ALTER PROCEDURE"},
		{"create unique index ix on t (a)", "CREATE UNIQUE INDEX"},
		{"ALTER TABLE t ADD c int", "ALTER TABLE"},
		{"DROP VIEW v", "DROP VIEW"},
		{"MERGE t USING u ON 1 = 1", "MERGE"},
		{"DBCC CHECKDB", "DBCC"},
		{"SELECT 1 UNION SELECT 2", "SELECT … UNION"},
		{"DECLARE @t TABLE (a int)", "DECLARE TABLE"},
		{"DECLARE c CURSOR FOR SELECT 1", "DECLARE CURSOR"},
		{"WITH x AS (SELECT 1 a) SELECT a FROM x", "WITH COMMON_TABLE_EXPRESSION"},
		{"PRINT 1;\nlabel: PRINT 1", "GOTO LABEL"},
		{"ALTER DATABASE mgc ADD FILE (NAME = x)", "ALTER DATABASE ADD"},
		{"CREATE ENDPOINT e AS HTTP (PATH = '/x')", "ENDPOINT AS HTTP"},
		{"CREATE ENDPOINT e AS TCP (LISTENER_PORT = 1) FOR SERVICE_BROKER (AUTHENTICATION = WINDOWS)", "ENDPOINT FOR SERVICE_BROKER"},
		{"BACKUP CERTIFICATE c TO FILE = 'x'", "BACKUP CERTIFICATE"},
		{"BACKUP DATABASE d FILEGROUP = 'p' TO DISK = 'x'", "BACKUP … FILEGROUP"},
		{"SELECT * FROM sys.fn_dblog(NULL, NULL)", "TABLE-VALUED FUNCTION"},
		{"SELECT * FROM (SELECT 1 a) x", "DERIVED TABLE"},
		{"EXECUTE AS LOGIN = 'sa'", "EXECUTE AS"},
	}
	for _, c := range cases {
		_, err := Parse(c.sql)
		var ue *UnsupportedError
		if !errors.As(err, &ue) {
			t.Errorf("Parse(%q): got %T %v, want *UnsupportedError", c.sql, err, err)
			continue
		}
		if ue.Statement != c.stmt {
			t.Errorf("Parse(%q): statement %q, want %q", c.sql, ue.Statement, c.stmt)
		}
		if !strings.Contains(ue.Error(), "'"+c.stmt+"'") {
			t.Errorf("Error() = %q does not name the statement", ue.Error())
		}
	}
}
