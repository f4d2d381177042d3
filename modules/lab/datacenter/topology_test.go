package datacenter

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"pcsh/modules/topology"
)

// TestStandardTopologyPassesEveryRule loads the topology the standard lab
// writes and runs Test-PcTopology's rules on it.
func TestStandardTopologyPassesEveryRule(t *testing.T) {
	dir := t.TempDir()
	s := newState(dir, Standard())
	if err := s.writeTopology(); err != nil {
		t.Fatal(err)
	}
	top, err := topology.Load(context.Background(), filepath.Join(dir, TopologyFile))
	if err != nil {
		data, _ := os.ReadFile(filepath.Join(dir, TopologyFile))
		t.Fatalf("%v\n%s", err, data)
	}
	if f := topology.Check(top, topology.CheckOptions{}); len(f) > 0 {
		t.Fatalf("findings: %+v", f)
	}
}
