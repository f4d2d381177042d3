package fault

import (
	"net"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Member is one lab instance as the fault plane sees it.
type Member struct {
	Name    string
	Site    string
	Address string // loopback address it listens on and dials from
}

// World is what an instance knows about the lab to judge a connection:
// its instances, the clients that sit in a site (the chat servers), and
// the admin site, where any other address is.
type World struct {
	Members   []Member
	Clients   []Member
	AdminSite string
	Shares    map[string]string // directory → site that hosts it
}

// siteOfAddr returns the site of a source address: an instance's (with
// its name), a client's, or the admin site for any other address.
func (w World) siteOfAddr(ip string) (name, site string) {
	for _, m := range w.Members {
		if m.Address == ip {
			return m.Name, m.Site
		}
	}
	for _, c := range w.Clients {
		if c.Address == ip {
			return "", c.Site
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
	srcName, srcSite := w.siteOfAddr(hostOf(remote))
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

// hostOf is the address part of host:port, or remote itself.
func hostOf(remote string) string {
	if h, _, err := net.SplitHostPort(remote); err == nil {
		return h
	}
	return remote
}

func (w World) cut(p Plan, a, b string) bool {
	return a != b && slices.ContainsFunc(p.Cut, func(l Link) bool { return l.joins(a, b) })
}

// Delay returns the latency to add to traffic from the instance self to
// remote: the instance's or its site's, or the link's when remote is in
// the other site.
func (w World) Delay(p Plan, self, remote string) time.Duration {
	me, _ := w.member(self)
	ms := max(p.Slow[self], p.Slow[me.Site])
	if _, site := w.siteOfAddr(hostOf(remote)); site != me.Site {
		for _, d := range p.SlowLinks {
			if d.joins(me.Site, site) {
				ms = max(ms, d.MS)
			}
		}
	}
	return time.Duration(ms) * time.Millisecond
}

// DiskFull reports whether writes to path fail: a full disk covers its
// directory and everything below it.
func (w World) DiskFull(p Plan, path string) bool {
	return slices.ContainsFunc(p.DiskFull, func(d string) bool { return within(path, d) })
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	path, dir = filepath.Clean(path), filepath.Clean(dir)
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// ShareReachable reports whether the instance self can reach the share
// directory dir across the links in force.
func (w World) ShareReachable(p Plan, self, dir string) bool {
	me, ok := w.member(self)
	if !ok {
		return true
	}
	for share, site := range w.Shares {
		if within(dir, share) {
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
