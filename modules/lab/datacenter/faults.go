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
//	partition TARGET     isolate an instance or site; "link" cuts DC1↔DC2
//	heal TARGET          undo partition, slow and disk-full for TARGET ("all": everything)
//	slow TARGET [MS]     add latency (default 200 ms) to traffic to TARGET
//	disk-full TARGET     writes to an instance's data dir (or "share") fail with OS error 112
//
// TARGET is an instance, a site, "link" or "share" as the action allows.
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
	return "", fmt.Errorf("unknown fault %q: use kill, restart, partition, heal, slow or disk-full", action)
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

func (s *State) applyToPlan(p *fault.Plan, action, target string, args []string) (string, error) {
	switch action {
	case "heal":
		p.Heal(target)
		return "healed " + target, nil
	case "partition":
		if target == "link" {
			a, b, err := s.twoSites()
			p.CutLink(a, b)
			return fmt.Sprintf("cut the link %s-%s", a, b), err
		}
		if _, err := s.Targets(target); err != nil {
			return "", err
		}
		p.Isolate(target)
		return "isolated " + target, nil
	case "slow":
		ms := 200
		if len(args) > 0 {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 0 {
				return "", fmt.Errorf("slow: latency %q must be milliseconds", args[0])
			}
			ms = n
		}
		p.SetSlow(target, ms)
		return fmt.Sprintf("added %d ms to %s", ms, target), nil
	}
	return s.fillDisk(p, target)
}

func (s *State) fillDisk(p *fault.Plan, target string) (string, error) {
	if target == "share" {
		p.FillDisk(s.ShareDir)
		return "filled the share " + s.Share, nil
	}
	rs, err := s.Targets(target)
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		p.FillDisk(r.DataDir)
	}
	return "filled the data disks of " + names(rs), nil
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
// processes: members, the admin site and the share's site.
func (s *State) World() fault.World {
	w := fault.World{AdminSite: s.Layout.AdminSite, Shares: map[string]string{}}
	for _, r := range s.Instances {
		w.Members = append(w.Members, fault.Member{Name: r.Name, Site: r.Site, Address: r.Address})
	}
	if len(s.Layout.Sites) > 0 {
		w.Shares[filepath.Clean(s.ShareDir)] = s.Layout.Sites[0].Name
	}
	return w
}
