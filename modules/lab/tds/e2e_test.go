package tds

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

func TestPingAndSelectOne(t *testing.T) {
	for _, opts := range []string{"", "encrypt=disable", "encrypt=false;TrustServerCertificate=true", "encrypt=true;TrustServerCertificate=true", "encrypt=disable;packet size=512"} {
		t.Run(opts, func(t *testing.T) {
			db := openDB(t, newFake(), opts)
			if err := db.Ping(); err != nil {
				t.Fatalf("ping: %v", err)
			}
			var n int
			if err := db.QueryRow("SELECT 1").Scan(&n); err != nil || n != 1 {
				t.Fatalf("select 1 = %d, %v", n, err)
			}
		})
	}
}

func TestWrongPassword(t *testing.T) {
	_, port := startTCP(t, newFake(), Config{})
	db, _ := sql.Open("sqlserver", "server=127.0.0.1;user id=sa;password=nope;encrypt=disable;port="+itoa(port))
	defer db.Close()
	err := db.Ping()
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 18456 {
		t.Fatalf("ping with a wrong password: %v, want error 18456", err)
	}
}

func TestMultipleResultSets(t *testing.T) {
	db := openDB(t, newFake(), "encrypt=disable")
	rows, err := db.Query("multi")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int
	for {
		for rows.Next() {
			var n int
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil || len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("result sets %v, %v; want [1 2]", got, err)
	}
}

func TestBatchErrorKeepsConnection(t *testing.T) {
	h := newFake()
	db := openDB(t, h, "encrypt=disable")
	db.SetMaxOpenConns(1)
	for _, q := range []string{"fail", "panic"} {
		_, err := db.Exec(q)
		var me mssql.Error
		if !errors.As(err, &me) {
			t.Fatalf("%s: %v, want mssql.Error", q, err)
		}
	}
	var n int
	if err := db.QueryRow("select 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
	assertOneLogin(t, h)
}

func TestEnvChangesAndTransactions(t *testing.T) {
	db := openDB(t, newFake(), "encrypt=disable")
	db.SetMaxOpenConns(1)
	for _, q := range []string{"use db2", "partner", "info"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("select 1").Scan(&n); err != nil {
		t.Fatalf("query in transaction: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestAttentionCancelsLongBatch(t *testing.T) {
	h := newFake()
	db := openDB(t, h, "encrypt=disable")
	db.SetMaxOpenConns(1)
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		go func() { <-h.started; cancel() }()
		rows, err := db.QueryContext(ctx, "wait")
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled batch: %v, want context.Canceled", err)
		}
		var n int
		if err := db.QueryRow("select 1").Scan(&n); err != nil || n != 1 {
			t.Fatalf("select 1 after attention = %d, %v", n, err)
		}
	}
	assertOneLogin(t, h)
}

func TestQueryRowRacesAttention(t *testing.T) {
	h := newFake()
	db := openDB(t, h, "encrypt=disable")
	db.SetMaxOpenConns(1)
	for i := 0; i < 200; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		var n int
		err := db.QueryRowContext(ctx, "select 1").Scan(&n)
		cancel()
		if err != nil {
			t.Fatalf("iteration %d: %v", i, err)
		}
	}
	assertOneLogin(t, h)
}

func TestResetConnection(t *testing.T) {
	h := newFake()
	db := openDB(t, h, "encrypt=disable")
	db.SetMaxOpenConns(1)
	for i := 0; i < 3; i++ {
		var n int
		if err := db.QueryRow("select 1").Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	if h.resets.Load() == 0 {
		t.Fatal("pooled connection reuse did not reset the session")
	}
}

// assertOneLogin fails when the pool had to reconnect, which means the
// server broke a connection.
func assertOneLogin(t *testing.T, h *fakeHandler) {
	t.Helper()
	if got := h.logins.Load(); got != 1 {
		t.Fatalf("%d logins, want 1: a connection was dropped", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
