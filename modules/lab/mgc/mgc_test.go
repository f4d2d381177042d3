package mgc_test

import (
	"context"
	"testing"
	"time"

	"pcsh/modules/lab/labtest"
	"pcsh/modules/lab/mgc"
)

func TestCreateAndPost(t *testing.T) {
	inst := labtest.Start(t, "DC1-SQL1")
	db := inst.Open(t, "master")
	ctx := context.Background()
	if err := mgc.Create(ctx, db); err != nil {
		t.Fatal(err)
	}
	var model string
	if err := db.QueryRow("SELECT recovery_model_desc FROM sys.databases WHERE name = 'mgc'").Scan(&model); err != nil || model != "FULL" {
		t.Fatalf("mgc recovery model %q: %v", model, err)
	}
	p := mgc.Poster{Server: "pc1.lab.local", UserID: 7, Now: func() time.Time { return time.Unix(1700000000, 0) }}
	for i := 1; i <= 3; i++ {
		id, err := p.Post(ctx, db, "hello")
		if err != nil || id != int64(i) {
			t.Fatalf("post %d: id %d, %v", i, id, err)
		}
	}
	if n, err := mgc.Count(ctx, db); err != nil || n != 3 {
		t.Fatalf("count %d: %v", n, err)
	}
	var content string
	if err := db.QueryRow("SELECT content FROM mgc.dbo.tblChat WHERE chatId = 2").Scan(&content); err != nil || content != "[pc1.lab.local] hello" {
		t.Fatalf("content %q: %v", content, err)
	}
	if err := mgc.Create(ctx, db); err == nil {
		t.Fatal("creating mgc twice must fail (1801)")
	}
}
