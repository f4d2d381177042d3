package chatpool

import (
	"sync"
	"testing"
	"time"
)

// sourceOpener is a fakeOpener that records the source address of each
// open through OpenFrom.
type sourceOpener struct {
	*fakeOpener
	mu      sync.Mutex
	sources []string
}

func (o *sourceOpener) OpenFrom(t Target, source string) (Database, error) {
	o.mu.Lock()
	o.sources = append(o.sources, source)
	o.mu.Unlock()
	return o.Open(t)
}

// TestServerConnectsFromItsAddress: a server with a source address opens
// its database through OpenFrom with that address (so the lab's fault
// plane places it in its site); one without opens as before.
func TestServerConnectsFromItsAddress(t *testing.T) {
	o := &sourceOpener{fakeOpener: newFakeOpener("dc1-sql1", "dc2-sql1")}
	p, err := New(ctx, Config{FQDN: "pc.lab.local", CMS: newFakeCMS(8, 4), Targets: labTargets, Opener: o,
		Sources: map[string]string{"pc1.lab.local": "127.0.1.1"}, PostTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	for i, fqdn := range []string{"PC1.lab.local", "pc2.lab.local"} {
		sess, err := p.Server(fqdn).Connect("c1")
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.Post(ctx, msg(int64(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	if len(o.sources) != 1 || o.sources[0] != "127.0.1.1" {
		t.Fatalf("OpenFrom sources %v, want only pc1's 127.0.1.1", o.sources)
	}
}
