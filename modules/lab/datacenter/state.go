package datacenter

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"pcsh/runtime/atomicfile"
	"time"
)

// StateFile is the lab description `pcsh lab up` writes: instances,
// addresses, sites, DSNs and process ids.
const StateFile = "lab.json"

// Running is one instance of a started lab.
type Running struct {
	Instance
	Host    string    `json:"host"`    // e.g. dc1-sql1.lab.local
	DSN     string    `json:"dsn"`     // go-mssqldb URL without the password
	PID     int       `json:"pid"`     // 0 when stopped
	DataDir string    `json:"dataDir"` // the instance's data directory
	LogFile string    `json:"logFile"` // its stdout and stderr
	Started time.Time `json:"started"`
}

// State is the content of lab.json.
type State struct {
	Dir       string            `json:"dir"`
	Layout    Layout            `json:"layout"`
	Instances []Running         `json:"instances"`
	Share     string            `json:"share"`     // log shipping share as a UNC path (hosted in Layout.ShareSite)
	ShareDir  string            `json:"shareDir"`  // the lab directory behind the share
	SharesDir string            `json:"sharesDir"` // root of every UNC path the lab instances resolve
	CopyDirs  map[string]string `json:"copyDirs"`  // instance → copy directory
	CMSDir    string            `json:"cmsDir"`    // the lab Central Management Store
	Password  string            `json:"-"`
}

// ReadState reads DIR/lab.json.
func ReadState(dir string) (*State, error) {
	data, err := os.ReadFile(filepath.Join(dir, StateFile))
	if err != nil {
		return nil, fmt.Errorf("no lab in %s (run pcsh lab up --dir %s): %w", dir, dir, err)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, StateFile), err)
	}
	return &s, nil
}

// Write saves lab.json atomically.
func (s *State) Write() error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(filepath.Join(s.Dir, StateFile), append(data, '\n'), 0o644)
}

// Find returns the running instance with this name or host name.
func (s *State) Find(name string) (*Running, bool) {
	for i := range s.Instances {
		r := &s.Instances[i]
		if r.Name == name || r.Host == name {
			return r, true
		}
	}
	return nil, false
}

// Targets resolves a fault target: an instance (by name or host), a site
// (all its instances) or "all".
func (s *State) Targets(target string) ([]*Running, error) {
	if r, ok := s.Find(target); ok {
		return []*Running{r}, nil
	}
	var out []*Running
	for i := range s.Instances {
		if target == "all" || s.Instances[i].Site == target {
			out = append(out, &s.Instances[i])
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no instance or site named %q in this lab", target)
	}
	return out, nil
}

// IsSite reports whether name is a site of the layout.
func (s *State) IsSite(name string) bool { return s.Layout.hasSite(name) }
