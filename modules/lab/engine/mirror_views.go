package engine

import (
	"strings"
	"sync"

	"pcsh/modules/lab/sqltype"
)

// extensions are the per-instance hooks other lab modules register: extra
// system views and the live mirroring state.
type extensions struct {
	mu      sync.RWMutex
	views   map[string]func() Relation
	overlay func(db string, m *Mirroring) *Mirroring
}

// NewRelation returns a materialized relation of cols and rows, for
// modules that provide system views.
func NewRelation(cols []sqltype.Column, rows []Row) Relation {
	return &staticRelation{cols: cols, rows: rows}
}

// RegisterSystemView makes name (for example "sys.tcp_endpoints") a system
// view of this instance, materialized by fn on each read; it also resolves
// as master.<name>. A nil fn removes it. Built-in views take precedence.
func (i *Instance) RegisterSystemView(name string, fn func() Relation) {
	i.ext.mu.Lock()
	defer i.ext.mu.Unlock()
	if i.ext.views == nil {
		i.ext.views = map[string]func() Relation{}
	}
	key := strings.ToLower(name)
	if fn == nil {
		delete(i.ext.views, key)
		return
	}
	i.ext.views[key] = fn
}

// registeredView returns the registered view called name (lower case).
func (i *Instance) registeredView(name string) Relation {
	i.ext.mu.RLock()
	fn := i.ext.views[strings.TrimPrefix(name, "master.")]
	i.ext.mu.RUnlock()
	if fn == nil {
		return nil
	}
	return fn()
}

// SetMirroringOverlay installs the function sys.database_mirroring uses to
// show a mirrored database's live state: it receives a copy of the stored
// row and returns the row to show. The mirroring module keeps the fast
// moving values (state, witness state, LSNs) live instead of persisting
// every change.
func (i *Instance) SetMirroringOverlay(fn func(db string, m *Mirroring) *Mirroring) {
	i.ext.mu.Lock()
	i.ext.overlay = fn
	i.ext.mu.Unlock()
}

// liveMirroring applies the overlay to a database's stored row.
func (i *Instance) liveMirroring(db string, m *Mirroring) *Mirroring {
	i.ext.mu.RLock()
	fn := i.ext.overlay
	i.ext.mu.RUnlock()
	if fn == nil || m == nil {
		return m
	}
	c := *m
	return fn(db, &c)
}
