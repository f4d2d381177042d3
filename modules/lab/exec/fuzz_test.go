package exec

import (
	"context"
	"errors"
	"testing"
	"time"

	"pcsh/modules/lab/engine"
)

// FuzzBatch feeds arbitrary text to the executor's entry point: it must
// never panic and never hang the session (every request ends within the
// deadline, which cancels loops and waits as an attention would).
func FuzzBatch(f *testing.F) {
	for _, s := range []string{
		"SELECT 1", "SELECT 1/0", "DECLARE @i int = 0; WHILE @i < 3 SET @i += 1; SELECT @i",
		"CREATE TABLE t (id int PRIMARY KEY, s nvarchar(10)); INSERT INTO t VALUES (1, 'a'); SELECT * FROM t",
		"BEGIN TRAN; UPDATE t SET s = s + 'x' WHERE id IN (SELECT id FROM t); ROLLBACK",
		"SELECT CAST('x' AS int)", "BEGIN TRY SELECT 1/0 END TRY BEGIN CATCH SELECT ERROR_MESSAGE() END CATCH",
		"WHILE 1 = 1 PRINT 'x'", "EXEC sp_executesql N'SELECT @a', N'@a int', 1", "RAISERROR('%s %d', 16, 1, 'x')",
		"SELECT TOP (1) name FROM sys.databases ORDER BY 1 DESC", "USE msdb; SELECT COUNT(*) FROM dbo.backupset",
		"SELECT SUBSTRING('abc', -1, 10), REPLICATE('ab', 100000)", "KILL 51", "EXEC ('EXEC (''SELECT 1'')')",
	} {
		f.Add(s)
	}
	u := newUnit(f)
	f.Fuzz(func(t *testing.T, sql string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- u.s.Batch(ctx, sql, &recorder{}) }()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) &&
				!errors.Is(err, engine.ErrSessionKilled) {
				t.Fatalf("%q: %v", sql, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: the session hung", sql)
		}
		u.s.Reset()
	})
}
