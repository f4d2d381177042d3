package backup

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
	"pcsh/runtime/shell"
)

// fakeSQL answers RESTORE HEADERONLY from canned files and sys.databases
// from canned states, fails Exec batches that contain a chosen text, and
// logs every batch ("instance: batch").
type fakeSQL struct {
	mu     sync.Mutex
	log    []string
	files  map[string][]set         // path → its sets
	states map[string]DatabaseState // "instance/db" → state
	fail   map[string]int32         // batch substring → SQL error number
	folder map[string][]string      // folder → files
}

func newFake() *fakeSQL {
	return &fakeSQL{files: map[string][]set{}, states: map[string]DatabaseState{}, fail: map[string]int32{}, folder: map[string][]string{}}
}

// file adds a backup file holding sets (their Path and Position are set).
func (f *fakeSQL) file(path string, sets ...set) *fakeSQL {
	for i := range sets {
		sets[i].Path, sets[i].Position = path, int64(i+1)
		if sets[i].Database == "" {
			sets[i].Database = "mgc"
		}
	}
	f.files[path] = sets
	return f
}

func (f *fakeSQL) Query(_ *cmdlet.Context, instance, q string, args ...any) (*connection.Result, error) {
	f.record(instance, q)
	switch q {
	case headerQuery:
		sets, ok := f.files[fmt.Sprint(args[0])]
		if !ok {
			return nil, mssql.Error{Number: 3201, Class: 16, Message: "Cannot open backup device '" + fmt.Sprint(args[0]) + "'."}
		}
		return headerResult(sets), nil
	case stateQuery:
		st, ok := f.states[instance+"/"+fmt.Sprint(args[0])]
		if !ok {
			return &connection.Result{}, nil
		}
		return &connection.Result{Sets: []connection.ResultSet{{Rows: [][]any{{st.Database, st.State, st.InStandby, st.RecoveryModel}}}}}, nil
	}
	return &connection.Result{}, nil
}

func (f *fakeSQL) Exec(_ *cmdlet.Context, instance, q string, args ...any) (*connection.Result, error) {
	f.record(instance, q)
	for s, n := range f.fail {
		if strings.Contains(q, s) {
			return nil, mssql.Error{Number: n, Class: 16, Message: "injected"}
		}
	}
	return &connection.Result{}, nil
}

func (f *fakeSQL) record(instance, q string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = append(f.log, instance+": "+q)
}

// batches returns the logged batches that contain s.
func (f *fakeSQL) batches(s string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(f.log), func(l string) bool { return !strings.Contains(l, s) })
}

// list is the fake Lister.
func (f *fakeSQL) list(_ *cmdlet.Context, folder string) ([]string, error) {
	files, ok := f.folder[folder]
	if !ok {
		return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "FolderNotReadable", folder, "no such folder")
	}
	return files, nil
}

// headerResult renders sets as RESTORE HEADERONLY rows (LSNs and sizes as
// text, as connection returns numerics).
func headerResult(sets []set) *connection.Result {
	rs := connection.ResultSet{Columns: []string{"BackupType", "Position", "DatabaseName", "BackupSize", "FirstLSN", "LastLSN",
		"DatabaseBackupLSN", "BackupStartDate", "BackupFinishDate", "HasBackupChecksums", "IsCopyOnly"}}
	for _, s := range sets {
		rs.Rows = append(rs.Rows, []any{s.BackupType, s.Position, s.Database, fmt.Sprint(s.Size), s.FirstLSN, s.LastLSN,
			s.DatabaseBackupLSN, s.Start, s.Finish, s.Checksum, s.CopyOnly})
	}
	return &connection.Result{Sets: []connection.ResultSet{rs}}
}

// session returns a session over the fake with a recording host.
func (f *fakeSQL) session() (*cmdlet.Session, *cmdlettest.Host) {
	h := &cmdlettest.Host{}
	s := cmdlettest.NewSession(h)
	Use(s, &State{SQL: f, List: f.list})
	return s, h
}

// outcome is what one command line produced.
type outcome struct {
	objs []*cmdlet.Object
	err  error
	host string
}

// run parses one command line, as the REPL would, and runs it on s.
func run(t testing.TB, s *cmdlet.Session, h *cmdlettest.Host, line string) outcome {
	t.Helper()
	pls, err := shell.Parse(line)
	if err != nil || len(pls) != 1 || len(pls[0].Calls) != 1 {
		t.Fatalf("%q: %v", line, err)
	}
	call := pls[0].Calls[0]
	cmd, ok := s.Registry.Lookup(call.Name)
	if !ok {
		t.Fatalf("%s is not registered", call.Name)
	}
	objs, _, err := s.Invoke(context.Background(), s.Prefs, cmd, shell.Args(cmd, call.Elems), nil)
	o := outcome{err: err, host: h.Text()}
	for _, v := range objs {
		if obj, ok := v.(*cmdlet.Object); ok {
			o.objs = append(o.objs, obj)
		}
	}
	return o
}

// prop returns an object's property as text.
func prop(o *cmdlet.Object, name string) string {
	v, ok := o.Get(name)
	if !ok {
		return ""
	}
	return fmt.Sprint(v)
}

// idOf returns the ErrorId of a terminating error, or "".
func idOf(err error) string {
	if err == nil {
		return ""
	}
	return cmdlet.AsRecord(err).ErrorID
}

// full and log build sets with LSNs.
func full(first, last string) set {
	return set{BackupType: headerFull, FirstLSN: first, LastLSN: last, DatabaseBackupLSN: "0", Finish: time.Unix(0, 0)}
}

func logSet(first, last string) set {
	return set{BackupType: headerLog, FirstLSN: first, LastLSN: last, DatabaseBackupLSN: "100"}
}
