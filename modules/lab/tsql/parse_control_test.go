package tsql

import "testing"

// ssmsLogShipping is the shape of the script SSMS generates for the
// primary (anchors-sql-hadr.md §4.1).
const ssmsLogShipping = `DECLARE @LS_BackupJobId	AS uniqueidentifier
DECLARE @LS_PrimaryId	AS uniqueidentifier
DECLARE @SP_Add_RetCode	As int
EXEC @SP_Add_RetCode = master.dbo.sp_add_log_shipping_primary_database
		@database = N'AdventureWorks2012'
		,@backup_directory = N'\\fileserver\LogShippingShare\2012'
		,@backup_share = N'\\fileserver\LogShippingShare\2012'
		,@backup_job_name = N'LSBackup_AdventureWorks2012'
		,@backup_retention_period = 4320
		,@backup_compression = 2
		,@backup_threshold = 60
		,@threshold_alert_enabled = 1
		,@history_retention_period = 5760
		,@backup_job_id = @LS_BackupJobId OUTPUT
		,@primary_id = @LS_PrimaryId OUTPUT
		,@overwrite = 1
IF (@@ERROR = 0 AND @SP_Add_RetCode = 0)
BEGIN
  DECLARE @LS_BackUpScheduleUID As uniqueidentifier
  DECLARE @LS_BackUpScheduleID AS int
  EXEC msdb.dbo.sp_add_schedule @schedule_name =N'LSBackupSchedule_AdventureWorks2012' ,@enabled = 1 ,@freq_type = 4 ,@freq_interval = 1
       ,@freq_subday_type = 4 ,@freq_subday_interval = 15 ,@freq_recurrence_factor = 0 ,@active_start_date = 20220221
       ,@active_end_date = 99991231 ,@active_start_time = 0 ,@active_end_time = 235900
       ,@schedule_uid = @LS_BackUpScheduleUID OUTPUT ,@schedule_id = @LS_BackUpScheduleID OUTPUT
  EXEC msdb.dbo.sp_attach_schedule @job_id = @LS_BackupJobId ,@schedule_id = @LS_BackUpScheduleID
  EXEC msdb.dbo.sp_update_job @job_id = @LS_BackupJobId ,@enabled = 1
END
EXEC master.dbo.sp_add_log_shipping_alert_job
EXEC master.dbo.sp_add_log_shipping_primary_secondary @primary_database = N'AdventureWorks2012' ,@secondary_server = N'SQL2' ,@secondary_database = N'AdventureWorks2012' ,@overwrite = 1`

// dbatoolsRetCheck is the error check dbatools appends (PR #9659).
const dbatoolsRetCheck = `IF (@SP_Add_RetCode <> 0)
BEGIN
    DECLARE @msg VARCHAR(1000);
    SELECT @msg = 'Unexpected result executing sp_add_log_shipping_primary_database ('
        + CAST(@SP_Add_RetCode AS VARCHAR(5)) + ').';
    THROW 51000, @msg, 1;
END`

func TestParseScripts(t *testing.T) {
	b, err := Parse(ssmsLogShipping)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Stmts) != 7 {
		t.Fatalf("got %d statements:\n%s", len(b.Stmts), b)
	}
	exec := b.Stmts[3].(*ExecStmt)
	if exec.ReturnVar != "@SP_Add_RetCode" || exec.Proc.String() != "master.dbo.sp_add_log_shipping_primary_database" ||
		len(exec.Args) != 12 || !exec.Args[9].Output || exec.Args[9].Name != "@backup_job_id" || exec.Line != 4 {
		t.Errorf("exec: %+v", exec)
	}
	if b.Stmts[4].(*IfStmt).Line != 17 {
		t.Errorf("IF line = %d", b.Stmts[4].Position().Line)
	}
	assertRoundTrip(t, b)
	b, err = Parse(dbatoolsRetCheck)
	if err != nil {
		t.Fatal(err)
	}
	assertRoundTrip(t, b)
}

func TestParseExec(t *testing.T) {
	runParseCases(t, []parseCase{
		{"runbook bare arg", "exec sp_delete_log_shipping_secondary_database mgc", "EXEC sp_delete_log_shipping_secondary_database N'mgc';\n"},
		{"implicit exec", "sp_who2", "EXEC sp_who2;\n"},
		{"GO as first statement is a procedure", "GO", "EXEC GO;\n"},
		{"named", "EXEC msdb.dbo.sp_dbmmonitorresults @database_name = 'mgc', @mode = 8, @update_table = 1",
			"EXEC msdb.dbo.sp_dbmmonitorresults @database_name = 'mgc', @mode = 8, @update_table = 1;\n"},
		{"positional mixed", "EXECUTE sp_executesql N'SELECT @p', N'@p int', @p = -1", "EXEC sp_executesql N'SELECT @p', N'@p int', @p = -1;\n"},
		{"defaults", "EXEC p DEFAULT, NULL, 0x0A, 1.5, @x OUT WITH RECOMPILE", "EXEC p DEFAULT, NULL, 0x0A, 1.5, @x OUTPUT WITH RECOMPILE;\n"},
		{"dynamic", "EXEC ('SELECT ' + @c)", "EXEC ('SELECT ' + @c);\n"},
		{"proc var", "EXEC @proc @a = 1", "EXEC @proc @a = 1;\n"},
		{"db..proc", "EXEC master..sp_helpdb", "EXEC master..sp_helpdb;\n"},
		{"insert exec", "INSERT INTO #logshippingstatus EXEC sys.sp_help_log_shipping_monitor",
			"INSERT INTO #logshippingstatus EXEC sys.sp_help_log_shipping_monitor;\n"},
	})
}

func TestParseControlFlow(t *testing.T) {
	runParseCases(t, []parseCase{
		{"if else", "IF @x IS NULL PRINT 'none' ELSE PRINT @x", "IF @x IS NULL PRINT 'none' ELSE PRINT @x;\n"},
		{"if semicolon else", "IF 1 = 1 SELECT 1; ELSE SELECT 2;", "IF 1 = 1 SELECT 1 ELSE SELECT 2;\n"},
		{"if not exists", "IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = N'mgc') CREATE DATABASE mgc",
			"IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = N'mgc') CREATE DATABASE mgc;\n"},
		{"while", "WHILE @i < 10 BEGIN SET @i = @i + 1; IF @i = 5 BREAK ELSE CONTINUE END",
			"WHILE @i < 10 BEGIN SET @i = @i + 1; IF @i = 5 BREAK ELSE CONTINUE; END;\n"},
		{"return", "RETURN", "RETURN;\n"},
		{"return value", "BEGIN RETURN 1 END", "BEGIN RETURN 1; END;\n"},
		{"raiserror", "RAISERROR('Database %s is not mirrored.', 16, 1, @db) WITH NOWAIT",
			"RAISERROR('Database %s is not mirrored.', 16, 1, @db) WITH NOWAIT;\n"},
		{"raiserror msg", "RAISERROR (@msg, 16, 1)", "RAISERROR(@msg, 16, 1);\n"},
		{"throw rethrow", "BEGIN TRY SELECT 1/0 END TRY BEGIN CATCH THROW; END CATCH",
			"BEGIN TRY SELECT 1 / 0; END TRY BEGIN CATCH THROW; END CATCH;\n"},
		{"tran", "BEGIN TRAN; UPDATE t SET a = 1; COMMIT", "BEGIN TRANSACTION;\nUPDATE t SET a = 1;\nCOMMIT TRANSACTION;\n"},
		{"named tran", "BEGIN TRANSACTION t1 ROLLBACK TRAN t1", "BEGIN TRANSACTION t1;\nROLLBACK TRANSACTION t1;\n"},
		{"marked tran", "BEGIN TRAN m1 WITH MARK N'before it' BEGIN TRAN @m WITH MARK COMMIT", "BEGIN TRANSACTION m1 WITH MARK N'before it';\nBEGIN TRANSACTION @m WITH MARK;\nCOMMIT TRANSACTION;\n"},
		{"commit work", "COMMIT WORK", "COMMIT TRANSACTION;\n"},
		{"save", "SAVE TRAN sp1", "SAVE TRANSACTION sp1;\n"},
		{"print", "PRINT N'Mirroring ' + @state", "PRINT N'Mirroring ' + @state;\n"},
		{"kill", "kill 53", "KILL 53;\n"},
		{"kill status", "KILL 54 WITH STATUSONLY", "KILL 54 WITH STATUSONLY;\n"},
		{"waitfor", "WAITFOR DELAY '00:00:05'", "WAITFOR DELAY '00:00:05';\n"},
		{"waitfor time", "WAITFOR TIME @t", "WAITFOR TIME @t;\n"},
		{"checkpoint", "CHECKPOINT; CHECKPOINT 10", "CHECKPOINT;\nCHECKPOINT 10;\n"},
		{"comments", "/* outer /* nested */ still */ SELECT 1 -- trailing\n-- alone\n", "SELECT 1;\n"},
	})
	i := mustParseOne[*IfStmt](t, "IF 1=1\nBEGIN\nPRINT 'a'\nEND\nELSE\nPRINT 'b'")
	if i.Else.Position().Line != 6 || i.Then.(*BlockStmt).Stmts[0].Position().Line != 3 {
		t.Errorf("lines: %d %d", i.Else.Position().Line, i.Then.(*BlockStmt).Stmts[0].Position().Line)
	}
}
