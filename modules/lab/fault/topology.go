package fault

import (
	"net"
	"path/filepath"
	"strings"
	"time"
)

// Member is one lab instance as the fault plane sees it.
type Member struct {
	Name    string
	Site    string
	Address string // loopback address it listens on and dials from
}

// World is what an instance knows about the lab to judge a connection.
type World struct {
	Members   []Member
	AdminSite string
	Shares    map[string]string // directory → site that hosts it
}

// siteOfAddr returns the site of a source address: an instance's site, or
// the admin site for any other address.
func (w World) siteOfAddr(ip string) (name, site string) {
	for _, m := range w.Members {
		if m.Address == ip {
			return m.Name, m.Site
		}
	}
	return "", w.AdminSite
}

func (w World) member(name string) (Member, bool) {
	for _, m := range w.Members {
		if m.Name == name {
			return m, true
		}
	}
	return Member{}, false
}

// Allowed reports whether traffic from remote (an address, host:port or
// bare IP) may reach the instance named self under plan p.
func (w World) Allowed(p Plan, self string, remote string) bool {
	me, ok := w.member(self)
	if !ok {
		return true
	}
	ip := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		ip = h
	}
	srcName, srcSite := w.siteOfAddr(ip)
	if srcName == self {
		return true
	}
	for _, t := range p.Isolated {
		if t == me.Name || t == srcName && srcName != "" {
			return false
		}
		if t == me.Site && srcSite != me.Site || t == srcSite && srcSite != me.Site {
			return false
		}
	}
	return !w.cut(p, srcSite, me.Site)
}

func (w World) cut(p Plan, a, b string) bool {
	if a == b {
		return false
	}
	for _, l := range p.Cut {
		if l.A == a && l.B == b || l.A == b && l.B == a {
			return true
		}
	}
	return false
}

// Delay returns the latency to add to traffic to the instance.
func (w World) Delay(p Plan, self string) time.Duration {
	me, _ := w.member(self)
	ms := max(p.Slow[self], p.Slow[me.Site])
	return time.Duration(ms) * time.Millisecond
}

// DiskFull reports whether writes to path fail: a full disk covers its
// directory and everything below it.
func (w World) DiskFull(p Plan, path string) bool {
	path = filepath.Clean(path)
	for _, d := range p.DiskFull {
		if path == d || strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// ShareReachable reports whether the instance self can reach the share
// directory dir across the links in force.
func (w World) ShareReachable(p Plan, self, dir string) bool {
	me, ok := w.member(self)
	if !ok {
		return true
	}
	for share, site := range w.Shares {
		d := filepath.Clean(share)
		if filepath.Clean(dir) == d || strings.HasPrefix(filepath.Clean(dir), d+string(filepath.Separator)) {
			return !w.cut(p, me.Site, site) && !isolated(p, me, site)
		}
	}
	return true
}

func isolated(p Plan, me Member, shareSite string) bool {
	for _, t := range p.Isolated {
		if t == me.Name || t == me.Site && shareSite != me.Site || t == shareSite && shareSite != me.Site {
			return true
		}
	}
	return false
}
