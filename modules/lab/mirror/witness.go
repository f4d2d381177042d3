package mirror

import (
	"strings"
	"sync"
	"time"

	"pcsh/modules/lab/engine"
)

// witnessStore is the witness role of this instance: one entry per
// mirroring session it watches (sys.database_mirroring_witnesses), kept
// in memory; partners report their state again when they reconnect.
type witnessStore struct {
	srv     *Server
	mu      sync.Mutex
	entries map[[16]byte]*witnessEntry
	conns   map[*frameConn]struct{}
}

// witnessEntry is what the witness knows of one session.
type witnessEntry struct {
	db           string
	guid, family [16]byte
	principal    string // server names
	mirror       string
	roleSeq      int32
	safety       uint8
	safetySeq    int32
	suspended    bool
	suspendedSeq int32
	synced       bool
	timeout      time.Duration
	heard        map[string]time.Time // partner server name → last frame
	links        map[string]*frameConn
}

func newWitnessStore(srv *Server) *witnessStore {
	return &witnessStore{srv: srv, entries: map[[16]byte]*witnessEntry{}, conns: map[*frameConn]struct{}{}}
}

// serve runs a partner's witness connection.
func (w *witnessStore) serve(fc *frameConn, h *Frame) {
	if h.Nonce == w.srv.nonce {
		refuse(fc, 1429)
		return
	}
	now := w.srv.cfg.Clock.Now()
	w.mu.Lock()
	e := w.entries[h.GUID]
	if e != nil && !e.partner(h.Server) {
		w.mu.Unlock()
		refuse(fc, 1416, h.DB)
		return
	}
	if e == nil {
		e = &witnessEntry{db: h.DB, guid: h.GUID, family: h.Family, roleSeq: h.RoleSeq,
			heard: map[string]time.Time{}, links: map[string]*frameConn{}}
		w.entries[h.GUID] = e
	}
	if old := e.links[h.Server]; old != nil {
		old.close()
	}
	e.links[h.Server], e.heard[h.Server] = fc, now
	e.observe(h, now)
	w.conns[fc] = struct{}{}
	w.mu.Unlock()
	if fc.send(&Frame{Type: FrameWelcome, DB: h.DB, Server: w.srv.cfg.ServerName, Nonce: w.srv.nonce}) != nil {
		return
	}
	for {
		f, err := fc.recv()
		if err != nil {
			break
		}
		if v := w.handle(h.GUID, h.Server, fc, f); v != nil && fc.send(v) != nil {
			break
		}
	}
	w.mu.Lock()
	delete(w.conns, fc)
	if e := w.entries[h.GUID]; e != nil && e.links[h.Server] == fc {
		delete(e.links, h.Server)
	}
	w.mu.Unlock()
}

// handle applies one partner frame and returns the verdict.
func (w *witnessStore) handle(guid [16]byte, from string, fc *frameConn, f *Frame) *Frame {
	now := w.srv.cfg.Clock.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	e := w.entries[guid]
	if e == nil || e.links[from] != fc {
		return nil
	}
	e.heard[from] = now
	if f.Op == OpRemove {
		delete(w.entries, guid)
		for _, l := range e.links {
			l.closeGently()
		}
		return nil
	}
	e.observe(f, now)
	return e.decide(f, from, now)
}

// observe takes a partner's status: a principal with a newer (or the
// current) role sequence is the principal; its synchronized flag is the
// partner_sync_state.
func (e *witnessEntry) observe(f *Frame, now time.Time) {
	e.timeout = time.Duration(max(f.Timeout, minTimeout)) * time.Second
	if f.Role != engine.MirrorRolePrincipal || f.RoleSeq < e.roleSeq ||
		f.RoleSeq == e.roleSeq && e.principal != "" && e.principal != f.Server {
		if f.Role == engine.MirrorRoleMirror && f.RoleSeq >= e.roleSeq && f.Server != e.principal {
			e.mirror = f.Server
		}
		return
	}
	e.roleSeq, e.principal, e.mirror = f.RoleSeq, f.Server, f.Partner
	e.safety, e.safetySeq = f.Safety, f.SafetySeq
	if suspended := f.Flags&FlagSuspended != 0; suspended != e.suspended {
		e.suspended, e.suspendedSeq = suspended, e.suspendedSeq+1
	}
	e.synced = f.Flags&FlagSynced != 0
}

// partner reports whether server may speak for the session: one of its
// two partners, or anyone while the witness does not know both yet. A
// third instance holding the session's GUID (a copy restored from the
// principal's backups before restores dropped the mirroring row) is not.
func (e *witnessEntry) partner(server string) bool {
	return e.principal == "" || e.mirror == "" || strings.EqualFold(e.principal, server) ||
		strings.EqualFold(e.mirror, server)
}

// alive reports whether the witness hears partner name.
func (e *witnessEntry) alive(name string, now time.Time) bool {
	return name != "" && e.links[name] != nil && now.Sub(e.heard[name]) <= e.timeout
}

// decide answers a request: automatic failover only for the mirror of a
// synchronized SAFETY FULL session whose principal the witness no longer
// hears; running exposed only for the current principal; forced service
// only when the principal is gone.
func (e *witnessEntry) decide(f *Frame, from string, now time.Time) *Frame {
	other := e.principal
	if from == e.principal {
		other = e.mirror
	}
	v := &Frame{Type: FrameVerdict, Op: f.Op, DB: e.db, RoleSeq: e.roleSeq, Partner: e.principal}
	sees := e.alive(other, now)
	if sees {
		v.Flags |= FlagSeesOther
	}
	grant := false
	switch f.Op {
	case OpRequestFailover:
		grant = from == e.mirror && f.RoleSeq == e.roleSeq && !sees && e.synced && e.safety == SafetyFull &&
			!e.suspended
	case OpRequestForce:
		grant = from != e.principal && f.RoleSeq == e.roleSeq && !sees
	case OpRequestExposed:
		grant = from == e.principal && f.RoleSeq == e.roleSeq
		if grant {
			e.synced = false
		}
	}
	if grant && f.Op != OpRequestExposed {
		e.roleSeq, e.principal, e.mirror, e.synced = e.roleSeq+1, from, e.principal, false
		v.RoleSeq, v.Partner = e.roleSeq, from
	}
	if grant {
		v.Flags |= FlagGranted
	}
	return v
}

// close drops every witness connection.
func (w *witnessStore) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for fc := range w.conns {
		fc.close()
	}
}
