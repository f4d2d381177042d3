package topology

import (
	"context"
	"errors"
	"testing"
)

// FuzzImport feeds arbitrary bytes to the XML import: it must return a
// result or an ImportError, never panic, and a document it loads must
// load again from its own text.
func FuzzImport(f *testing.F) {
	f.Add([]byte(`<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><Sites/></Topology>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, tp, err := Import(context.Background(), "fuzz.xml", data, ImportOptions{SqlVersion: "2012", SqlEdition: "Enterprise"}, nil)
		if err != nil {
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error without an id: %v", err)
			}
			return
		}
		if tp != nil {
			if _, err := Parse(context.Background(), "again.lua", res.Document); err != nil {
				t.Fatalf("the document does not load again: %v\n%s", err, res.Document)
			}
		}
	})
}
