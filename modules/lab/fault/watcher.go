package fault

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Watcher keeps an instance's view of the plan current by polling the
// plan file, and tells listeners when it changes.
type Watcher struct {
	World World
	Self  string
	dir   string

	mu      sync.RWMutex
	plan    Plan
	modTime time.Time
	subs    []func()
}

// NewWatcher returns a watcher over the plan in dir for the instance self.
func NewWatcher(dir, self string, w World) *Watcher {
	wt := &Watcher{World: w, Self: self, dir: dir}
	wt.reload()
	return wt
}

// Run polls the plan file every interval until ctx ends.
func (w *Watcher) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.reload()
		}
	}
}

func (w *Watcher) reload() {
	st, err := os.Stat(filepath.Join(w.dir, FileName))
	var mt time.Time
	if err == nil {
		mt = st.ModTime()
	}
	w.mu.RLock()
	same := mt.Equal(w.modTime)
	w.mu.RUnlock()
	if same {
		return
	}
	p, err := Load(w.dir)
	if err != nil {
		return // keep the last good plan; a torn write is retried next tick
	}
	w.mu.Lock()
	w.plan, w.modTime = p, mt
	subs := append([]func(){}, w.subs...)
	w.mu.Unlock()
	for _, f := range subs {
		f()
	}
}

// Plan returns the plan in force.
func (w *Watcher) Plan() Plan {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.plan
}

// OnChange registers f to run after every plan change.
func (w *Watcher) OnChange(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.subs = append(w.subs, f)
}

// Allowed reports whether traffic from remote may reach this instance now.
func (w *Watcher) Allowed(remote string) bool { return w.World.Allowed(w.Plan(), w.Self, remote) }

// Delay returns the latency to add to this instance's traffic to remote
// now.
func (w *Watcher) Delay(remote string) time.Duration { return w.World.Delay(w.Plan(), w.Self, remote) }

// CheckWrite returns the OS error a write to path gets under the plan:
// ErrDiskFull for a full disk, ErrNetPath for a share across a cut link,
// nil otherwise.
func (w *Watcher) CheckWrite(path string) error {
	if w == nil {
		return nil
	}
	p := w.Plan()
	if !w.World.ShareReachable(p, w.Self, path) {
		return ErrNetPath
	}
	if w.World.DiskFull(p, path) {
		return ErrDiskFull
	}
	return nil
}

// CheckRead returns ErrNetPath when path is a share across a cut link.
func (w *Watcher) CheckRead(path string) error {
	if w == nil || w.World.ShareReachable(w.Plan(), w.Self, path) {
		return nil
	}
	return ErrNetPath
}
