package connection

import (
	"context"
	"sync"
	"time"
)

// DefaultCancelGrace is how long a statement whose context ended (its
// command timeout passed, or the caller cancelled) may still take:
// go-mssqldb sends an attention and waits for the server to acknowledge
// it. A server that answers does so in milliseconds; one behind a
// partition never does, and the driver's own wait for it (5 s, twice) is
// cut short by closing the socket when the grace is over.
const DefaultCancelGrace = time.Second

// watchdog runs abort once its context has ended and a grace has passed,
// unless it is stopped first.
type watchdog struct {
	stopAfter func() bool
	mu        sync.Mutex
	timer     *time.Timer
	stopped   bool
	fired     bool
}

// watch starts a watchdog over ctx.
func watch(ctx context.Context, grace time.Duration, abort func()) *watchdog {
	w := &watchdog{}
	w.stopAfter = context.AfterFunc(ctx, func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if !w.stopped {
			w.timer = time.AfterFunc(grace, func() { w.bite(abort) })
		}
	})
	return w
}

// bite aborts, unless the watchdog was stopped in the meantime.
func (w *watchdog) bite(abort func()) {
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		return
	}
	w.fired = true
	w.mu.Unlock()
	abort()
}

// stop ends the watch and reports whether it aborted.
func (w *watchdog) stop() bool {
	w.stopAfter()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	if w.timer != nil {
		w.timer.Stop()
	}
	return w.fired
}
