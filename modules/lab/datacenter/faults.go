package datacenter

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"pcsh/modules/lab/fault"
)

// Fault applies one fault action to a target:
//
//	kill TARGET          SIGKILL the instance(s): no flush, no goodbye
//	restart TARGET       start the instance(s) again (stopping them first)
//	partition TARGET     isolate an instance or site; "link" cuts the link between the sites
//	heal TARGET          undo every fault on TARGET (see heal); "all": everything
//	slow TARGET [MS]     add latency (default 200 ms) to traffic to an instance or site, or across "link"
//	disk-full TARGET     writes to the disks of an instance, a site, "share" or "cms" fail with OS error 112
//
// TARGET is an instance (by name or host name), a site, "link", "share",
// "cms" (the lab's Central Management Store: reads go on, every change of
// the pool state or the active servers fails) or "all", as the action
// allows.
func Fault(ctx context.Context, dir, action, target string, args []string, exe string, env []string) (string, error) {
	s, err := ReadState(dir)
	if err != nil {
		return "", err
	}
	switch action {
	case "kill":
		return s.killTargets(target)
	case "restart":
		return s.restartTargets(ctx, target, exe, env)
	case "partition", "heal", "slow", "disk-full":
		return s.planFault(action, target, args)
	}
	return "", unknownFault(action)
}

// unknownFault is the error for an action Fault does not know.
func unknownFault(action string) error {
	return fmt.Errorf("unknown fault %q: use kill, restart, partition, heal, slow or disk-full", action)
}

func (s *State) killTargets(target string) (string, error) {
	rs, err := s.Targets(target)
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		if err := kill(r.PID); err != nil {
			return "", fmt.Errorf("kill %s: %w", r.Name, err)
		}
		r.PID = 0
	}
	return fmt.Sprintf("killed %s", names(rs)), s.Write()
}

func (s *State) restartTargets(ctx context.Context, target, exe string, env []string) (string, error) {
	rs, err := s.Targets(target)
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		if err := stop(r.PID, 10*time.Second); err != nil {
			return "", err
		}
		if err := start(ctx, exe, s.Dir, r, env); err != nil {
			_ = s.Write()
			return "", err
		}
	}
	return fmt.Sprintf("restarted %s", names(rs)), s.Write()
}

func (s *State) planFault(action, target string, args []string) (string, error) {
	p, err := fault.Load(s.Dir)
	if err != nil {
		return "", err
	}
	msg, err := s.applyToPlan(&p, action, target, args)
	if err != nil {
		return "", err
	}
	return msg, fault.Save(s.Dir, p)
}

func (s *State) applyToPlan(p *fault.Plan, action, name string, args []string) (string, error) {
	t, err := s.resolve(action, name, faultTargets[action])
	if err != nil {
		return "", err
	}
	switch action {
	case "heal":
		return s.heal(p, t), nil
	case "partition":
		return s.partition(p, t)
	case "slow":
		return s.slow(p, t, args)
	}
	return s.fillDisk(p, t), nil
}

// partition isolates an instance or a site, or cuts the link.
func (s *State) partition(p *fault.Plan, t target) (string, error) {
	if t.kind != onLink {
		p.Isolate(t.name)
		return "isolated " + t.name, nil
	}
	a, b, err := s.twoSites()
	if err != nil {
		return "", err
	}
	p.CutLink(a, b)
	return fmt.Sprintf("cut the link %s-%s", a, b), nil
}

// DefaultLatencyMs is the latency slow adds when it is not given one.
const DefaultLatencyMs = 200

// slow adds latency to an instance, a site or the link; 0 removes it.
func (s *State) slow(p *fault.Plan, t target, args []string) (string, error) {
	ms := DefaultLatencyMs
	if len(args) > 0 {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 {
			return "", fmt.Errorf("slow: latency %q must be milliseconds", args[0])
		}
		ms = n
	}
	if t.kind != onLink {
		p.SetSlow(t.name, ms)
		return fmt.Sprintf("added %d ms to %s", ms, t.name), nil
	}
	a, b, err := s.twoSites()
	if err != nil {
		return "", err
	}
	p.SetLinkSlow(a, b, ms)
	return fmt.Sprintf("added %d ms to the link %s-%s", ms, a, b), nil
}

// heal undoes every fault on a target: an instance's isolation, latency
// and full disks; a site's, its instances' and, when it hosts the share,
// the share's; the link's cut and latency; the share's or the Central
// Management Store's full disk.
func (s *State) heal(p *fault.Plan, t target) string {
	p.Heal(t.name)
	for _, r := range t.instances {
		p.Heal(r.Name)
	}
	p.ClearDisks(s.disks(t)...)
	return "healed " + t.name
}

// fillDisk makes writes to the target's disks fail.
func (s *State) fillDisk(p *fault.Plan, t target) string {
	for _, d := range s.disks(t) {
		p.FillDisk(d)
	}
	switch t.kind {
	case onShare:
		return "filled the share " + s.Share
	case onCMS:
		return "filled the disk of the Central Management Store"
	}
	return "filled the disks of " + t.name
}

// disks are the directories that belong to a target: an instance's data
// and copy directories, those of a site's instances and the share when
// the site hosts it, the share, or the Central Management Store.
func (s *State) disks(t target) []string {
	var dirs []string
	for _, r := range t.instances {
		dirs = append(dirs, r.DataDir)
		if d := s.CopyDirs[r.Name]; d != "" {
			dirs = append(dirs, d)
		}
	}
	if t.kind == onShare || t.kind == onAll || t.kind == onSite && t.name == s.Layout.shareSite() {
		dirs = append(dirs, s.ShareDir)
	}
	if t.kind == onCMS || t.kind == onAll {
		dirs = append(dirs, s.CMSDir)
	}
	return dirs
}

func (s *State) twoSites() (string, string, error) {
	if len(s.Layout.Sites) != 2 {
		return "", "", fmt.Errorf("partition link needs exactly two sites; name a site instead")
	}
	return s.Layout.Sites[0].Name, s.Layout.Sites[1].Name, nil
}

func names(rs []*Running) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += ", "
		}
		out += r.Name
	}
	return out
}

// World returns the fault plane's view of this lab for the instance
// processes: members, the chat servers as clients in their sites, the
// admin site and the share's site (the layout's
// shareSite: the primary's site unless the layout says otherwise).
func (s *State) World() fault.World {
	w := fault.World{AdminSite: s.Layout.AdminSite, Shares: map[string]string{}}
	for _, r := range s.Instances {
		w.Members = append(w.Members, fault.Member{Name: r.Name, Site: r.Site, Address: r.Address})
	}
	for _, srv := range s.Layout.Pool.Servers {
		if srv.Address != "" {
			w.Clients = append(w.Clients, fault.Member{Name: srv.FQDN, Site: srv.Site, Address: srv.Address})
		}
	}
	if site := s.Layout.shareSite(); site != "" && s.ShareDir != "" {
		w.Shares[filepath.Clean(s.ShareDir)] = site
	}
	return w
}
