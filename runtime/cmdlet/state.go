package cmdlet

import (
	"errors"
	"io"
	"sort"
)

// StateKey names one module's state in a session (its backend, its
// connection pools, the fakes a test injects) and fixes its type: a
// module declares one key per kind of state and reaches it only through
// the key, so no module reads another's state by a string or asserts a
// type.
type StateKey[T any] struct{ name string }

// NewStateKey returns the key for state of type T named name (the
// module's name, which orders Session.Close).
func NewStateKey[T any](name string) StateKey[T] { return StateKey[T]{name: name} }

// Get returns the session's state under the key; ok is false when none
// was set.
func (k StateKey[T]) Get(s *Session) (v T, ok bool) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	v, ok = s.state[k.name].(T)
	return v, ok
}

// Set makes v the session's state under the key (tests inject fakes this
// way).
func (k StateKey[T]) Set(s *Session, v T) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	if s.state == nil {
		s.state = map[string]any{}
	}
	s.state[k.name] = v
}

// Load returns the session's state under the key, making it with create
// on first use. create runs without the session's lock held, so it may
// load other state; if two calls race, the first stored value wins.
func (k StateKey[T]) Load(s *Session, create func() T) T {
	if v, ok := k.Get(s); ok {
		return v
	}
	v := create()
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	if old, ok := s.state[k.name].(T); ok {
		return old
	}
	if s.state == nil {
		s.state = map[string]any{}
	}
	s.state[k.name] = v
	return v
}

// Close closes every module state that holds resources (those that
// implement io.Closer, such as connection pools), in key order, and
// returns the errors joined.
func (s *Session) Close() error {
	s.stateMu.Lock()
	keys := make([]string, 0, len(s.state))
	for k := range s.state {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var closers []io.Closer
	for _, k := range keys {
		if c, ok := s.state[k].(io.Closer); ok {
			closers = append(closers, c)
		}
	}
	s.stateMu.Unlock()
	var errs []error
	for _, c := range closers {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}
