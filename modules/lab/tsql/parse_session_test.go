package tsql

import "testing"

// tediousLogin is the batch tedious sends right after login
// (Connection.getInitialSql).
const tediousLogin = `set textsize 2147483647
set quoted_identifier on
set arithabort off
set numeric_roundabort off
set ansi_warnings on
set ansi_padding on
set ansi_nulls on
set concat_null_yields_null on
set cursor_close_on_commit off
set implicit_transactions off
set language us_english
set dateformat mdy
set datefirst 7
set transaction isolation level read committed`

func TestParseSessionOptions(t *testing.T) {
	runParseCases(t, []parseCase{
		{"tedious login", tediousLogin, "SET TEXTSIZE 2147483647;\nSET QUOTED_IDENTIFIER ON;\n" +
			"SET ARITHABORT OFF;\nSET NUMERIC_ROUNDABORT OFF;\nSET ANSI_WARNINGS ON;\n" +
			"SET ANSI_PADDING ON;\nSET ANSI_NULLS ON;\nSET CONCAT_NULL_YIELDS_NULL ON;\n" +
			"SET CURSOR_CLOSE_ON_COMMIT OFF;\nSET IMPLICIT_TRANSACTIONS OFF;\nSET LANGUAGE US_ENGLISH;\n" +
			"SET DATEFORMAT MDY;\nSET DATEFIRST 7;\nSET TRANSACTION ISOLATION LEVEL READ COMMITTED;\n"},
		{"nocount xact_abort", "SET NOCOUNT ON; SET XACT_ABORT ON;", "SET NOCOUNT ON;\nSET XACT_ABORT ON;\n"},
		{"option list", "SET ANSI_NULLS, QUOTED_IDENTIFIER ON", "SET ANSI_NULLS, QUOTED_IDENTIFIER ON;\n"},
		{"lock timeout", "SET LOCK_TIMEOUT -1", "SET LOCK_TIMEOUT -1;\n"},
		{"deadlock priority", "SET DEADLOCK_PRIORITY LOW", "SET DEADLOCK_PRIORITY LOW;\n"},
		{"isolation snapshot", "SET TRANSACTION ISOLATION LEVEL SNAPSHOT", "SET TRANSACTION ISOLATION LEVEL SNAPSHOT;\n"},
		{"isolation repeatable", "set transaction isolation level repeatable read", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\n"},
		{"identity insert", "SET IDENTITY_INSERT dbo.t ON", "SET IDENTITY_INSERT dbo.t ON;\n"},
		{"statistics", "SET STATISTICS IO, TIME ON", "SET STATISTICS IO, TIME ON;\n"},
		{"rowcount", "SET ROWCOUNT 0", "SET ROWCOUNT 0;\n"},
		{"context info", "SET CONTEXT_INFO 0x01", "SET CONTEXT_INFO 0x01;\n"},
		{"use", "USE [master]", "USE master;\n"},
		{"use bracketed", "use [my db]", "USE [my db];\n"},
	})
	s := mustParseOne[*SetOptionStmt](t, "set nocount on")
	if s.Names[0] != "NOCOUNT" || s.Value != "ON" || s.Line != 1 {
		t.Errorf("got %+v", s)
	}
}

func TestParseVariables(t *testing.T) {
	runParseCases(t, []parseCase{
		{"declare several", "DECLARE @LS_BackupJobId AS UNIQUEIDENTIFIER\n    ,@LS_PrimaryId AS UNIQUEIDENTIFIER\n    ,@SP_Add_RetCode AS INT;",
			"DECLARE @LS_BackupJobId uniqueidentifier, @LS_PrimaryId uniqueidentifier, @SP_Add_RetCode int;\n"},
		{"declare init", "DECLARE @db sysname = N'mgc', @n int = 1 + 2", "DECLARE @db sysname = N'mgc', @n int = 1 + 2;\n"},
		{"declare max", "declare @s nvarchar(max), @d decimal(18, 2), @t datetime2(0)",
			"DECLARE @s nvarchar(max), @d decimal(18, 2), @t datetime2(0);\n"},
		{"set var", "SET @a = @a + 1", "SET @a = @a + 1;\n"},
		{"set compound", "SET @a += 1", "SET @a += 1;\n"},
		{"select assign", "SELECT @msg = 'Unexpected result (' + CAST(@rc AS VARCHAR(5)) + ').'",
			"SELECT @msg = 'Unexpected result (' + CAST(@rc AS varchar(5)) + ').';\n"},
	})
	d := mustParseOne[*DeclareStmt](t, "DECLARE @s nvarchar(max), @d decimal(18,2)")
	if d.Vars[0].Type.Length != -1 || d.Vars[1].Type.Precision != 18 || d.Vars[1].Type.Scale != 2 {
		t.Errorf("types: %+v %+v", d.Vars[0].Type, d.Vars[1].Type)
	}
}
