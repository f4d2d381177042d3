package cms

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"pcsh/modules/topology"
)

func seeded(t *testing.T) *Store {
	t.Helper()
	tp, err := topology.Load(context.Background(), "../../topology/testdata/topology.lua")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if wrote, err := s.Seed(tp, false); err != nil || !wrote {
		t.Fatalf("seed: %v %v", wrote, err)
	}
	return s
}

func TestSeedFromTopology(t *testing.T) {
	s := seeded(t)
	doc, err := s.Read()
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pool("PC.contoso.com")
	if p == nil || p.PoolState != "Normal" || len(p.Servers) != 8 || len(p.ActiveServers) != 4 || len(p.InactiveServers()) != 4 {
		t.Fatalf("bad seed: %+v", p)
	}
	if wrote, _ := s.Seed(&topology.Topology{}, false); wrote {
		t.Fatal("a second seed must not overwrite")
	}
}

// TestUnseededStore: opening and reading a store that does not exist
// reports ErrNotSeeded and creates nothing (-WhatIf reads this way).
func TestUnseededStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cms")
	s, _ := Open(dir)
	if _, err := s.Read(); !errors.Is(err, ErrNotSeeded) {
		t.Fatalf("want ErrNotSeeded, got %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("Open and Read created %s: %v", dir, err)
	}
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	s := seeded(t)
	boom := errors.New("boom")
	err := s.Update(func(d *Document) error { d.Pools[0].PoolState = "FailedOver"; return boom })
	doc, _ := s.Read()
	if !errors.Is(err, boom) || doc.Pools[0].PoolState != "Normal" {
		t.Fatalf("a failed update must not be written: %v %+v", err, doc.Pools[0])
	}
}

// TestCheckedWriteRefused: a write check's refusal (a full disk) fails
// the update with its error, the committed document stays as it was and
// readers go on; once the check passes, updates are written again.
func TestCheckedWriteRefused(t *testing.T) {
	s := seeded(t)
	full := errors.New("112(There is not enough space on the disk.)")
	refuse := true
	s.CheckWrites(func(path string) error {
		if filepath.Base(path) != dataFile {
			t.Errorf("checked %s, want the document", path)
		}
		if refuse {
			return full
		}
		return nil
	})
	err := s.Update(func(d *Document) error { d.Pools[0].PoolState = "FailedOver"; return nil })
	doc, rerr := s.Read()
	if !errors.Is(err, full) || rerr != nil || doc.Pools[0].PoolState != "Normal" {
		t.Fatalf("a refused write must change nothing: %v %v %+v", err, rerr, doc.Pools[0])
	}
	if tmps, _ := filepath.Glob(filepath.Join(s.Dir(), ".cms-*")); len(tmps) != 0 {
		t.Fatalf("a refused write left %v", tmps)
	}
	refuse = false
	if err := s.Update(func(d *Document) error { d.Pools[0].PoolState = "FailedOver"; return nil }); err != nil {
		t.Fatal(err)
	}
	if doc, _ := s.Read(); doc.Pools[0].PoolState != "FailedOver" {
		t.Fatalf("the healed store did not take the update: %+v", doc.Pools[0])
	}
}

// addServers appends n distinct servers, one update each.
func addServers(s *Store, tag string, n int) error {
	for i := 0; i < n; i++ {
		err := s.Update(func(d *Document) error {
			d.Pools[0].Servers = append(d.Pools[0].Servers, fmt.Sprintf("%s-%d", tag, i))
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func TestConcurrentWritersLoseNothing(t *testing.T) {
	s := seeded(t)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other, _ := Open(s.Dir())
			if err := addServers(other, "g"+strconv.Itoa(w), 25); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	assertServers(t, s, 8+4*25)
}

// TestConcurrentProcessesLoseNothing runs writers in separate processes
// (this test binary re-executed), as concurrent pcsh runs would be.
func TestConcurrentProcessesLoseNothing(t *testing.T) {
	s := seeded(t)
	var cmds []*exec.Cmd
	for w := 0; w < 3; w++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWriterProcess$")
		cmd.Env = append(os.Environ(), "CMS_WRITER_DIR="+s.Dir(), "CMS_WRITER_TAG=p"+strconv.Itoa(w))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	assertServers(t, s, 8+3*30)
}

// TestWriterProcess is the child of TestConcurrentProcessesLoseNothing.
func TestWriterProcess(t *testing.T) {
	dir := os.Getenv("CMS_WRITER_DIR")
	if dir == "" {
		t.Skip("only run as a child process")
	}
	s, _ := Open(dir)
	if err := addServers(s, os.Getenv("CMS_WRITER_TAG"), 30); err != nil {
		t.Fatal(err)
	}
}

func assertServers(t *testing.T, s *Store, want int) {
	t.Helper()
	doc, err := s.Read()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(doc.Pools[0].Servers); got != want {
		t.Fatalf("lost updates: %d servers, want %d", got, want)
	}
}
