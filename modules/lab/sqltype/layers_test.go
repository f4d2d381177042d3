package sqltype

import (
	"os"
	"os/exec"
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
}

// TestStorageLayersDoNotImportTDS: go list -deps of the engine, Agent,
// mirroring, log shipping and principals packages shows no TDS package.
func TestStorageLayersDoNotImportTDS(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		if os.Getenv("CI") == "1" {
			t.Fatal("no go command on PATH")
		}
		t.Skip("no go command on PATH")
	}
	for _, pkg := range storageLayers {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "pcsh/modules/lab/tds" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
