package connection

import (
	"context"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/cmdlet/cmdlettest"
)

// memFS is an in-memory FS whose files carry modes.
type memFS struct {
	mu    sync.Mutex
	files fstest.MapFS
}

func newMemFS() *memFS { return &memFS{files: fstest.MapFS{}} }

func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files.Stat(trim(name))
}

func (m *memFS) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files.ReadFile(trim(name))
}

func (m *memFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[trim(name)] = &fstest.MapFile{Data: data, Mode: perm}
	return nil
}

func (m *memFS) put(name, data string, perm fs.FileMode) { _ = m.WriteFile(name, []byte(data), perm) }

func trim(name string) string {
	for len(name) > 0 && name[0] == '/' {
		name = name[1:]
	}
	return name
}

// fakeClock records the retry waits and never sleeps.
type fakeClock struct {
	mu    sync.Mutex
	waits []time.Duration
	now   time.Time // zero: 2024-01-01
}

func (c *fakeClock) Now() time.Time {
	if !c.now.IsZero() {
		return c.now
	}
	return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	return ctx.Err()
}

// fixture is a session with a recording host and a manager over fakes.
type fixture struct {
	host   *cmdlettest.Host
	sess   *cmdlet.Session
	m      *Manager
	env    map[string]string
	fs     *memFS
	clock  *fakeClock
	dialer *netDialer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{host: &cmdlettest.Host{}, env: map[string]string{"HOME": "/home/admin"}, fs: newMemFS(),
		clock: &fakeClock{}, dialer: &netDialer{}}
	f.sess = cmdlettest.NewSession(f.host)
	f.sess.Getenv = func(k string) string { return f.env[k] }
	f.m = NewManager(f.sess)
	f.m.FS, f.m.Clock, f.m.Dialer, f.m.CheckFileMode = f.fs, f.clock, f.dialer, true
	f.m.ConnectTimeout = 5 * time.Second
	Install(f.sess, f.m)
	t.Cleanup(func() { f.m.Close() })
	return f
}

// ctx returns a command context for a cmdlet run with the given prefs.
func (f *fixture) ctx(prefs func(*cmdlet.Prefs)) *cmdlet.Context {
	p := f.sess.Prefs
	if prefs != nil {
		prefs(&p)
	}
	cmd := &cmdlet.Command{Info: cmdlet.Info{Name: "Test-Fixture"}}
	return &cmdlet.Context{Context: context.Background(), Session: f.sess, Command: cmd, Prefs: p}
}
