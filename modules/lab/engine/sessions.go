package engine

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// firstUserSpid is the first session id handed to user sessions; lower
// ids belong to system processes.
const firstUserSpid = 51

// maxSpid is the largest valid session id (KILL's 6101 range).
const maxSpid = 32767

// sessionRegistry tracks the open sessions by spid.
type sessionRegistry struct {
	mu   sync.Mutex
	byID map[int32]*Session
}

func newSessionRegistry() sessionRegistry {
	return sessionRegistry{byID: map[int32]*Session{}}
}

// add registers s under the lowest free user spid.
func (r *sessionRegistry) add(s *Session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := int32(firstUserSpid)
	for r.byID[id] != nil {
		id++
	}
	s.spid = id
	r.byID[id] = s
}

// remove unregisters s.
func (r *sessionRegistry) remove(s *Session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byID[s.spid] == s {
		delete(r.byID, s.spid)
	}
}

// get returns the session with spid, or nil.
func (r *sessionRegistry) get(spid int32) *Session {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byID[spid]
}

// list returns the sessions ordered by spid.
func (r *sessionRegistry) list() []*Session {
	r.mu.Lock()
	out := make([]*Session, 0, len(r.byID))
	for _, s := range r.byID {
		out = append(out, s)
	}
	r.mu.Unlock()
	slices.SortFunc(out, func(a, b *Session) int { return int(a.spid - b.spid) })
	return out
}

// SessionInfo is what sys.dm_exec_sessions and sp_who2 show of a session.
type SessionInfo struct {
	SessionID   int32
	LoginName   string
	HostName    string
	ProgramName string
	Database    string
	Status      string // "sleeping", "running"
	LoginTime   time.Time
	LastBatch   time.Time
	TranCount   int
	ClientPID   uint32
}

// Sessions returns the open sessions ordered by spid.
func (i *Instance) Sessions() []SessionInfo {
	var out []SessionInfo
	for _, s := range i.sessions.list() {
		out = append(out, s.Info())
	}
	return out
}

// HasSession reports whether s is still registered with i: KILL
// unregisters the sessions it ends.
func (i *Instance) HasSession(s *Session) bool { return s != nil && i.sessions.get(s.spid) == s }

// usersOf returns the sessions other than except whose current database
// is name.
func (i *Instance) usersOf(name string, except *Session) []*Session {
	var out []*Session
	for _, s := range i.sessions.list() {
		if s != except && !s.killed.Load() && equalFold(s.Database(), name) {
			out = append(out, s)
		}
	}
	return out
}

// Kill ends session spid on behalf of by, as KILL does: its open
// transaction is rolled back and its next request fails.
func (i *Instance) Kill(by *Session, spid int32) error {
	if spid < 1 || spid > maxSpid {
		return Raise(6101, spid, maxSpid)
	}
	if by != nil && by.spid == spid {
		return Raise(6104)
	}
	if spid < firstUserSpid {
		return Raise(6107)
	}
	s := i.sessions.get(spid)
	if s == nil {
		return Raise(6106, spid)
	}
	s.kill()
	return nil
}

// killedFlag marks a session killed; it is separate so Session stays small.
type killedFlag = atomic.Bool
