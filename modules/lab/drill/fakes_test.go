package drill

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"pcsh/modules/lab/chatpool"
)

// fakeCMS is a pool of two servers in DC1, both active, Normal.
type fakeCMS struct{}

func (fakeCMS) ReadPool(context.Context) (chatpool.PoolView, error) {
	s := []string{"pc1.test", "pc2.test"}
	return chatpool.PoolView{State: chatpool.StateNormal, Servers: s, Active: s}, nil
}

// memDB is an in-memory mgc: it can refuse posts for a while (an outage)
// and lose committed messages (a forced service with a queued tail).
type memDB struct {
	mu     sync.Mutex
	ids    []int64
	downTo time.Time
}

func (d *memDB) Open(chatpool.Target) (chatpool.Database, error) { return d, nil }

func (d *memDB) Ping(context.Context, chatpool.Identity, time.Time) error { return nil }

func (d *memDB) Post(_ context.Context, m chatpool.Message) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if time.Now().Before(d.downTo) {
		return errors.New("the database is down")
	}
	d.ids = append(d.ids, m.ID)
	return nil
}

func (d *memDB) EnsureRooms(context.Context, []int) error { return nil }

func (d *memDB) MessageIDs(_ context.Context, _ []int, from, to int64) ([]int64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []int64
	for _, id := range d.ids {
		if id >= from && id <= to {
			out = append(out, id)
		}
	}
	return out, nil
}

func (d *memDB) Close() error { return nil }

// fail refuses posts for d and drops the last n committed messages,
// returning their ids.
func (d *memDB) fail(down time.Duration, n int) []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.downTo = time.Now().Add(down)
	n = min(n, len(d.ids))
	lost := slices.Clone(d.ids[len(d.ids)-n:])
	d.ids = d.ids[:len(d.ids)-n]
	slices.Sort(lost)
	return lost
}

// fakePool opens a pool over the fake CMS and db.
func fakePool(db *memDB) PoolOpener {
	return func(ctx context.Context, _ string, _ func(string) string) (*chatpool.Pool, map[string][]string, error) {
		p, err := chatpool.New(ctx, chatpool.Config{FQDN: "pc.test", CMS: fakeCMS{}, Opener: db,
			Targets: chatpool.Targets{Normal: chatpool.Target{Store: "primary"}, FailedOver: chatpool.Target{Store: "backup"}},
			Refresh: 20 * time.Millisecond, PostTimeout: 200 * time.Millisecond})
		if err != nil {
			return nil, nil, err
		}
		p.Start(ctx)
		return p, map[string][]string{"DC1": {"pc1.test", "pc2.test"}}, nil
	}
}
