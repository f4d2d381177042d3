package chatpool

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"pcsh/modules/lab/mgc"
)

// The defaults of TrafficConfig.
const (
	DefaultClients = 4
	DefaultRate    = 20.0
)

// TrafficConfig sets the load.
type TrafficConfig struct {
	Clients int     // N clients; 0: DefaultClients
	Rooms   []int   // the rooms' channelIds; nil: Rooms(1)
	Rate    float64 // posts per second over all clients; 0: DefaultRate
	FirstID int64   // the first message id; 0: the start time in microseconds, unique per run
}

// Rooms returns m room ids starting at the lab's drill room (mgc.RoomID).
func Rooms(m int) []int {
	out := make([]int, m)
	for i := range out {
		out[i] = mgc.RoomID + i
	}
	return out
}

// Traffic is a running load generator.
type Traffic struct {
	pool   *Pool
	cfg    TrafficConfig
	clock  Clock
	tokens chan struct{}
	done   chan struct{}
	wg     sync.WaitGroup
	nextID atomic.Int64

	stop    sync.Once
	stopped *Record

	mu  sync.Mutex
	rec Record
}

// StartTraffic creates the rooms that are missing in the database the
// pool uses, then starts the clients and the pacing. Stop ends them.
func StartTraffic(ctx context.Context, p *Pool, cfg TrafficConfig) (*Traffic, error) {
	if cfg.Clients <= 0 {
		cfg.Clients = DefaultClients
	}
	if len(cfg.Rooms) == 0 {
		cfg.Rooms = Rooms(1)
	}
	if cfg.Rate <= 0 {
		cfg.Rate = DefaultRate
	}
	clock := p.Clock()
	if cfg.FirstID == 0 {
		cfg.FirstID = clock.Now().UnixMicro()
	}
	if err := p.EnsureRooms(ctx, cfg.Rooms); err != nil {
		return nil, fmt.Errorf("create the rooms: %w", err)
	}
	t := &Traffic{pool: p, cfg: cfg, clock: clock, tokens: make(chan struct{}, cfg.Clients), done: make(chan struct{})}
	t.nextID.Store(cfg.FirstID)
	t.rec = Record{Start: clock.Now(), Rooms: cfg.Rooms, FirstID: cfg.FirstID}
	for i := 1; i <= cfg.Clients; i++ {
		t.wg.Add(1)
		go func() { defer t.wg.Done(); t.client(ctx, i) }()
	}
	t.wg.Add(1)
	go func() { defer t.wg.Done(); t.pace() }()
	return t, nil
}

// pace hands out one post every 1/Rate seconds to whichever client is
// free; a post due while every client is busy is counted as skipped.
func (t *Traffic) pace() {
	interval := time.Duration(float64(time.Second) / t.cfg.Rate)
	next := t.clock.Now()
	for {
		next = next.Add(interval)
		if d := next.Sub(t.clock.Now()); d > 0 {
			select {
			case <-t.done:
				return
			case <-t.clock.After(d):
			}
		}
		select {
		case <-t.done:
			return
		case t.tokens <- struct{}{}:
		default:
			t.mu.Lock()
			t.rec.Skipped++
			t.mu.Unlock()
		}
	}
}

// client posts whenever pace says so, attached to one server until that
// server refuses it or a post fails, then to another.
func (t *Traffic) client(ctx context.Context, n int) {
	name := fmt.Sprintf("client%d", n)
	var sess *Session
	var lost *Server
	for {
		select {
		case <-t.done:
			return
		case <-ctx.Done():
			return
		case <-t.tokens:
		}
		if sess == nil {
			var err error
			if sess, err = t.pool.Connect(name, lost); err != nil {
				now := t.clock.Now()
				t.fail(Failure{At: now, Sent: now, Kind: FailConnect, Client: n, Error: err.Error()})
				continue
			}
		}
		id := t.nextID.Add(1) - 1
		room := t.cfg.Rooms[int((id-t.cfg.FirstID)%int64(len(t.cfg.Rooms)))]
		sent := t.clock.Now()
		m := Message{ID: id, Room: room, UserID: n, At: sent, Text: fmt.Sprintf("%s message %d", name, id)}
		srv := sess.Server().FQDN()
		if err := sess.Post(ctx, m); err != nil {
			t.fail(Failure{At: t.clock.Now(), Sent: sent, Kind: FailPost, Client: n, Server: srv, Room: room, ID: id, Error: err.Error()})
			lost, sess = sess.Server(), nil
			continue
		}
		ack := Ack{ID: id, Room: room, Client: n, Server: srv, Sent: sent, Acked: t.clock.Now()}
		t.mu.Lock()
		t.rec.Acks = append(t.rec.Acks, ack)
		t.mu.Unlock()
	}
}

func (t *Traffic) fail(f Failure) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rec.Failures = append(t.rec.Failures, f)
}

// Snapshot returns a copy of the record so far.
func (t *Traffic) Snapshot() *Record {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.rec.clone()
	r.End, r.NextID = t.clock.Now(), t.nextID.Load()
	return r
}

// Stop ends the traffic, waits for the posts in flight (each bounded by
// the pool's post timeout) and returns the record. Calling it again
// returns the same record.
func (t *Traffic) Stop() *Record {
	t.stop.Do(func() {
		close(t.done)
		t.wg.Wait()
		t.stopped = t.Snapshot()
	})
	return t.stopped
}
