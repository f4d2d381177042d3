package logship

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// handler answers one batch on a fake instance: nil, nil means "no
// result sets, success".
type handler func(q string, args []any) (*connection.Result, error)

// fakeSQL is the fake SQL layer: instances by name, each answering
// through handlers matched by a substring of the batch, and a log of
// every batch in order ("instance: batch").
type fakeSQL struct {
	mu       sync.Mutex
	log      []string
	rules    map[string][]rule // by instance; "*" for every instance
	down     map[string]bool
	latency  time.Duration
	probeErr error
}

type rule struct {
	contains string
	h        handler
}

func newFake() *fakeSQL { return &fakeSQL{rules: map[string][]rule{}, down: map[string]bool{}} }

// on adds a rule for instance ("*" for all) when the batch contains s.
func (f *fakeSQL) on(instance, s string, h handler) *fakeSQL {
	f.rules[instance] = append(f.rules[instance], rule{s, h})
	return f
}

// rows returns a handler answering one result set.
func rows(r ...[]any) handler {
	return func(string, []any) (*connection.Result, error) {
		return &connection.Result{Sets: []connection.ResultSet{{Rows: r}}}, nil
	}
}

// sqlErr returns a handler failing with a SQL Server error.
func sqlErr(n int32, msg string) handler {
	return func(string, []any) (*connection.Result, error) {
		return nil, mssql.Error{Number: n, Class: 16, State: 1, Message: msg}
	}
}

// fakeServer is one fake instance.
type fakeServer struct {
	f    *fakeSQL
	name string
}

func (f *fakeSQL) dial(_ *cmdlet.Context, instance string) (Server, error) {
	return &fakeServer{f: f, name: instance}, nil
}

func (s *fakeServer) Name() string { return s.name }

func (s *fakeServer) Query(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	return s.run(q, args)
}

func (s *fakeServer) Exec(ctx *cmdlet.Context, q string, args ...any) (*connection.Result, error) {
	return s.run(q, args)
}

func (s *fakeServer) run(q string, args []any) (*connection.Result, error) {
	if s.f.latency > 0 {
		time.Sleep(s.f.latency)
	}
	s.f.mu.Lock()
	s.f.log = append(s.f.log, s.name+": "+q)
	down := s.f.down[s.name]
	rules := append(append([]rule{}, s.f.rules[s.name]...), s.f.rules["*"]...)
	s.f.mu.Unlock()
	if down {
		return nil, cmdlet.Errorf(cmdlet.CategoryConnectionError, "SqlConnectionFailed", s.name,
			"Cannot connect to %s: dial tcp: connection refused.", s.name)
	}
	for _, r := range rules {
		if strings.Contains(q, r.contains) {
			return r.h(q, args)
		}
	}
	return &connection.Result{}, nil
}

// batches returns the logged batches that contain s.
func (f *fakeSQL) batches(s string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, l := range f.log {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return out
}

// session returns a session over the fake with a recording host.
func (f *fakeSQL) session() (*cmdlet.Session, *cmdlettest.Host) {
	h := &cmdlettest.Host{}
	s := cmdlettest.NewSession(h)
	Use(s, &State{Dial: f.dial, Probe: func(context.Context, string, time.Duration) error { return f.probeErr }})
	return s, h
}

// result is what one cmdlet call produced.
type result struct {
	objs []*cmdlet.Object
	errs []*cmdlet.ErrorRecord
	err  error
	host string
}

// invoke runs a command on s with named arguments and prefs.
func invoke(t testing.TB, s *cmdlet.Session, h *cmdlettest.Host, name string, prefs func(*cmdlet.Prefs), kv ...any) result {
	t.Helper()
	cmd, ok := s.Registry.Lookup(name)
	if !ok {
		t.Fatalf("%s is not registered", name)
	}
	var a cmdlet.Args
	for i := 0; i+1 < len(kv); i += 2 {
		a.Named = append(a.Named, cmdlet.NamedArg{Name: kv[i].(string), Value: kv[i+1]})
	}
	p := s.Prefs
	if prefs != nil {
		prefs(&p)
	}
	objs, errs, err := s.Invoke(context.Background(), p, cmd, a, nil)
	r := result{errs: errs, err: err, host: h.Text()}
	for _, o := range objs {
		if obj, ok := o.(*cmdlet.Object); ok {
			r.objs = append(r.objs, obj)
		}
	}
	return r
}

func force(p *cmdlet.Prefs)  { p.Force = true }
func whatIf(p *cmdlet.Prefs) { p.WhatIf = true }

// prop returns an object's property as text.
func prop(o *cmdlet.Object, name string) string {
	v, ok := o.Get(name)
	if !ok {
		return ""
	}
	return fmt.Sprint(v)
}

// errorID returns the ErrorId of a terminating error, or "".
func errorID(err error) string {
	if err == nil {
		return ""
	}
	return cmdlet.AsRecord(err).ErrorID
}
