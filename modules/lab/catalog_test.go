package lab

import (
	"testing"

	"pcsh/modules/lab/engine"
)

// TestMessageCatalogsMerge: every lab package's message catalog, linked
// here, merges without a number defined twice (the merge panics on one)
// and each package's messages are raised with their own text.
func TestMessageCatalogsMerge(t *testing.T) {
	for n, want := range map[int32]string{
		911:   "Database 'x' does not exist. Make sure that the name is entered correctly.", // engine
		3920:  "WITH MARK option only applies to the first BEGIN TRAN WITH MARK statement. The option is ignored.",
		14262: "", // SQL Server Agent: any text
	} {
		e := engine.Raise(n, "x", "y")
		if e.Number != n || (want != "" && e.Message != want) || e.Message == "" {
			t.Errorf("Raise(%d) = %+v", n, e)
		}
	}
}
