package fault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"pcsh/runtime/atomicfile"
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

// joins reports whether l is the link between sites a and b.
func (l Link) joins(a, b string) bool { return l.A == a && l.B == b || l.A == b && l.B == a }

// touches reports whether l ends at site.
func (l Link) touches(site string) bool { return l.A == site || l.B == site }

// ordered returns l with its sites in name order.
func (l Link) ordered() Link {
	if l.B < l.A {
		return Link{l.B, l.A}
	}
	return l
}

// LinkDelay is latency on the link between two sites.
type LinkDelay struct {
	Link
	MS int `json:"ms"`
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
	// SlowLinks add latency, in milliseconds, to traffic across the link
	// between two sites.
	SlowLinks []LinkDelay `json:"slowLinks,omitempty"`
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

// Save writes the plan atomically (atomicfile.WriteAtomic).
func Save(dir string, p Plan) error {
	p.normalize()
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(filepath.Join(dir, FileName), append(data, '\n'), 0o600)
}

func (p *Plan) normalize() {
	sort.Strings(p.Isolated)
	p.Isolated = slices.Compact(p.Isolated)
	sort.Strings(p.DiskFull)
	p.DiskFull = slices.Compact(p.DiskFull)
	for i, l := range p.Cut {
		p.Cut[i] = l.ordered()
	}
	sort.Slice(p.Cut, func(i, j int) bool { return p.Cut[i].A+"\x00"+p.Cut[i].B < p.Cut[j].A+"\x00"+p.Cut[j].B })
	p.Cut = slices.Compact(p.Cut)
	if len(p.Slow) == 0 {
		p.Slow = nil
	}
	if len(p.SlowLinks) == 0 {
		p.SlowLinks = nil
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

// SetLinkSlow adds latency to traffic across the link between sites a
// and b; 0 removes it.
func (p *Plan) SetLinkSlow(a, b string, ms int) {
	p.SlowLinks = slices.DeleteFunc(p.SlowLinks, func(d LinkDelay) bool { return d.joins(a, b) })
	if ms > 0 {
		p.SlowLinks = append(p.SlowLinks, LinkDelay{Link{a, b}.ordered(), ms})
	}
}

// FillDisk makes writes under dir fail.
func (p *Plan) FillDisk(dir string) { p.DiskFull = append(p.DiskFull, filepath.Clean(dir)) }

// ClearDisks frees the full disks at or under any of dirs.
func (p *Plan) ClearDisks(dirs ...string) {
	p.DiskFull = slices.DeleteFunc(p.DiskFull, func(d string) bool { return slices.ContainsFunc(dirs, under(d)) })
}

// under returns a test for whether a directory contains path.
func under(path string) func(dir string) bool {
	return func(dir string) bool { return within(path, dir) }
}

// Heal removes every fault that names target: its isolation and
// slowness and, for a site, the cut or slow links that end at it;
// "link" heals every link and "all" heals everything. Full disks are
// directories: ClearDisks frees them.
func (p *Plan) Heal(target string) {
	if target == "all" {
		*p = Plan{}
		return
	}
	p.Isolated = slices.DeleteFunc(p.Isolated, func(s string) bool { return s == target })
	p.Cut = slices.DeleteFunc(p.Cut, func(l Link) bool { return target == "link" || l.touches(target) })
	p.SlowLinks = slices.DeleteFunc(p.SlowLinks, func(d LinkDelay) bool { return target == "link" || d.touches(target) })
	delete(p.Slow, target)
}

// DiskCheck returns a write check for a process outside the lab's
// instances (pcsh writing the lab's Central Management Store): it reads
// the plan in the lab directory at each call and returns ErrDiskFull for
// a path on a full disk. A plan it cannot read refuses the write too.
func DiskCheck(dir string) func(path string) error {
	return func(path string) error {
		p, err := Load(dir)
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		for _, d := range p.DiskFull {
			if da, err := filepath.Abs(d); err == nil && within(abs, da) {
				return ErrDiskFull
			}
		}
		return nil
	}
}
