package datacenter

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"pcsh/modules/lab/share"
)

// Up starts every instance of the layout in the background, writes
// lab.json and returns the state. On failure the instances already started
// are stopped again.
func Up(ctx context.Context, dir string, l Layout, exe string, env []string) (*State, error) {
	return UpSeeded(ctx, dir, l, exe, env, nil)
}

// UpSeeded is Up that also creates the mgc database on the primary, with
// getenv giving the lab password (nil: no seeding).
func UpSeeded(ctx context.Context, dir string, l Layout, exe string, env []string, getenv func(string) string) (*State, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if old, err := ReadState(dir); err == nil && old.anyAlive() {
		return nil, fmt.Errorf("a lab is already running in %s: see pcsh lab status --dir %s, or pcsh lab down", dir, dir)
	}
	s, err := Describe(dir, l)
	if err != nil {
		return nil, err
	}
	if err := s.writeTopology(); err != nil {
		return nil, err
	}
	for i := range s.Instances {
		if err := start(ctx, exe, dir, &s.Instances[i], env); err != nil {
			_ = s.Write()
			return nil, errors.Join(err, s.stopAll(5*time.Second))
		}
	}
	if err := s.Write(); err != nil {
		return nil, err
	}
	if getenv != nil {
		if err := s.seedChatDatabase(ctx, getenv); err != nil {
			return nil, errors.Join(err, s.stopAll(5*time.Second))
		}
	}
	return s, nil
}

// Describe writes DIR/lab.json for layout l without starting an instance:
// host names, addresses, data directories, the share and the copy
// directories, which it creates. Up starts the instances it describes;
// tests serve them in-process.
func Describe(dir string, l Layout) (*State, error) {
	s := newState(dir, l.withDefaults())
	if err := s.makeDirs(); err != nil {
		return nil, err
	}
	return s, s.Write()
}

func newState(dir string, l Layout) *State {
	shares := share.Map{Root: filepath.Join(dir, "shares")}
	unc := share.UNC("fs."+l.Domain, "pchatlogs")
	s := &State{Dir: dir, Layout: l, Share: unc, ShareDir: shares.Local(unc), SharesDir: shares.Root,
		CMSDir: filepath.Join(dir, "cms"), CopyDirs: map[string]string{}}
	for _, in := range l.Instances() {
		r := Running{Instance: in, Host: l.Host(in), DSN: dsn(in),
			DataDir: filepath.Join(dir, "instances", in.Name), LogFile: filepath.Join(dir, "logs", in.Name+".log")}
		if in.Role == RoleBackup || in.Role == RoleBackupMirror {
			s.CopyDirs[in.Name] = filepath.Join(dir, "copy", in.Name)
		}
		s.Instances = append(s.Instances, r)
	}
	return s
}

// dsn is the go-mssqldb URL of an instance, without the password: the lab
// encrypts with its own self-signed certificate.
func dsn(in Instance) string {
	q := url.Values{"database": {"master"}, "encrypt": {"true"}, "TrustServerCertificate": {"true"}, "app name": {"pcsh"}}
	u := url.URL{Scheme: "sqlserver", User: url.User("sa"), Host: fmt.Sprintf("%s:%d", in.Address, in.Port), RawQuery: q.Encode()}
	return u.String()
}

func (s *State) makeDirs() error {
	dirs := []string{s.ShareDir, s.CMSDir, filepath.Join(s.Dir, "logs"), filepath.Join(s.Dir, "instances")}
	for _, d := range s.CopyDirs {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}

func (s *State) anyAlive() bool {
	for _, r := range s.Instances {
		if alive(r.PID) {
			return true
		}
	}
	return false
}

// Down stops every instance (SIGTERM, then SIGKILL after grace) and
// records them as stopped.
func Down(dir string, grace time.Duration) (*State, error) {
	s, err := ReadState(dir)
	if err != nil {
		return nil, err
	}
	err = s.stopAll(grace)
	return s, errors.Join(err, s.Write())
}

func (s *State) stopAll(grace time.Duration) error {
	var errs []error
	for i := range s.Instances {
		if err := stop(s.Instances[i].PID, grace); err != nil {
			errs = append(errs, fmt.Errorf("stop %s: %w", s.Instances[i].Name, err))
			continue
		}
		s.Instances[i].PID = 0
	}
	return errors.Join(errs...)
}
