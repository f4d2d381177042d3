package sqltype

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// storageLayers are the lab packages that store and run what the executor
// evaluates; they work on sqltype values and never reach the wire.
var storageLayers = []string{
	"pcsh/modules/lab/engine",
	"pcsh/modules/lab/agent",
	"pcsh/modules/lab/mirror",
	"pcsh/modules/lab/logship",
	"pcsh/modules/lab/principals",
	"pcsh/modules/lab/sqltype",
	"pcsh/modules/lab/bincode",
	"pcsh/modules/lab/sqldb",
	"pcsh/modules/lab/backupmedia",
}

// groundFloor are the lab packages under the engine: the SQL types, the
// field codec, the database facts and the backup file format. They import
// only each other, never the engine or anything built on it.
var groundFloor = []string{
	"pcsh/modules/lab/sqltype",
	"pcsh/modules/lab/bincode",
	"pcsh/modules/lab/sqldb",
	"pcsh/modules/lab/backupmedia",
}

// TestStorageLayersDoNotImportTDS: go list -deps of the engine, Agent,
// mirroring, log shipping and principals packages shows no TDS package.
func TestStorageLayersDoNotImportTDS(t *testing.T) {
	for _, pkg := range storageLayers {
		for _, dep := range deps(t, pkg) {
			if dep == "pcsh/modules/lab/tds" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}

// TestGroundFloorImportsNoEngine: go list -deps of the backup media
// package and the packages under it shows no engine package, nor any
// pcsh package but the ground floor's.
func TestGroundFloorImportsNoEngine(t *testing.T) {
	for _, pkg := range groundFloor {
		for _, dep := range deps(t, pkg) {
			if strings.HasPrefix(dep, "pcsh/") && !slices.Contains(groundFloor, dep) {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}

// deps returns go list -deps of pkg (its non-test imports, transitively).
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		if os.Getenv("CI") == "1" {
			t.Fatal("no go command on PATH")
		}
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}
