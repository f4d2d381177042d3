package fault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// FileName is the plan's file name inside the lab directory.
const FileName = "faults.json"

// Link is a cut between two sites.
type Link struct {
	A string `json:"a"`
	B string `json:"b"`
}

// Plan is the set of faults in force.
type Plan struct {
	// Isolated instances or sites: no traffic in or out, the admin's
	// included.
	Isolated []string `json:"isolated,omitempty"`
	// Cut links between sites: traffic across them is dropped.
	Cut []Link `json:"cut,omitempty"`
	// Slow adds latency, in milliseconds, to traffic to an instance or site.
	Slow map[string]int `json:"slow,omitempty"`
	// DiskFull lists directories whose writes fail as if the disk were full.
	DiskFull []string `json:"diskFull,omitempty"`
}

// Load reads the plan from the lab directory; a missing file is an empty
// plan.
func Load(dir string) (Plan, error) {
	var p Plan
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return p, fmt.Errorf("%s: %w", FileName, err)
	}
	return p, nil
}

// Save writes the plan atomically (temp file, fsync, rename).
func Save(dir string, p Plan) error {
	p.normalize()
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, FileName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, FileName))
}

func (p *Plan) normalize() {
	sort.Strings(p.Isolated)
	p.Isolated = slices.Compact(p.Isolated)
	sort.Strings(p.DiskFull)
	p.DiskFull = slices.Compact(p.DiskFull)
	for i, l := range p.Cut {
		if l.B < l.A {
			p.Cut[i] = Link{l.B, l.A}
		}
	}
	sort.Slice(p.Cut, func(i, j int) bool { return p.Cut[i].A+"\x00"+p.Cut[i].B < p.Cut[j].A+"\x00"+p.Cut[j].B })
	p.Cut = slices.Compact(p.Cut)
	if len(p.Slow) == 0 {
		p.Slow = nil
	}
}

// Isolate cuts a target (instance or site) off from everything.
func (p *Plan) Isolate(target string) { p.Isolated = append(p.Isolated, target) }

// CutLink cuts the link between two sites.
func (p *Plan) CutLink(a, b string) { p.Cut = append(p.Cut, Link{a, b}) }

// SetSlow adds latency to traffic to a target; 0 removes it.
func (p *Plan) SetSlow(target string, ms int) {
	if p.Slow == nil {
		p.Slow = map[string]int{}
	}
	if ms <= 0 {
		delete(p.Slow, target)
		return
	}
	p.Slow[target] = ms
}

// FillDisk makes writes under dir fail.
func (p *Plan) FillDisk(dir string) { p.DiskFull = append(p.DiskFull, filepath.Clean(dir)) }

// Heal removes every fault that names target: isolation, slowness, full
// disks under it and, for a site or "link", cut links. "all" heals
// everything.
func (p *Plan) Heal(target string) {
	if target == "all" {
		*p = Plan{}
		return
	}
	p.Isolated = slices.DeleteFunc(p.Isolated, func(s string) bool { return s == target })
	p.Cut = slices.DeleteFunc(p.Cut, func(l Link) bool { return target == "link" || l.A == target || l.B == target })
	delete(p.Slow, target)
	p.DiskFull = slices.DeleteFunc(p.DiskFull, func(d string) bool { return d == filepath.Clean(target) })
}
