package datacenter

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strings"
)

// Role is what a SQL instance does in the layout.
type Role string

// The instance roles of the documented layout.
const (
	RolePrimary      Role = "primary"       // principal of mgc
	RoleMirror       Role = "mirror"        // synchronous mirror in the same site
	RoleWitness      Role = "witness"       // optional mirroring witness
	RoleBackup       Role = "backup"        // log shipping secondary in the other site
	RoleBackupMirror Role = "backup-mirror" // mirror of the backup, used after a failover
)

// Instance is one lab SQL instance in a layout.
type Instance struct {
	Name string `json:"name"` // short name, e.g. dc1-sql1
	Role Role   `json:"role"` // what it does
	// Instance names a named instance (e.g. RTC, reached as
	// dc1-sql1.lab.local\RTC through the SQL Server Browser its lab
	// instance runs); "" is the default instance.
	Instance string `json:"instance,omitempty"`
	Address  string `json:"address"` // loopback address, e.g. 127.0.0.2
	Port     int    `json:"port"`    // TDS port, 1433 by default
	Site     string `json:"site"`    // the data center
}

// Site is one data center.
type Site struct {
	Name      string     `json:"name"`
	Instances []Instance `json:"instances"`
}

// ChatServer is one simulated Persistent Chat server of the pool.
// Address is the loopback address its SQL connections come from, so a
// partition judges them by the server's site and not as the admin's
// workstation; empty means 127.0.1.N for the N-th server of the pool.
type ChatServer struct {
	FQDN    string `json:"fqdn"`
	Site    string `json:"site"`
	Active  bool   `json:"active"`
	Address string `json:"address,omitempty"`
}

// ChatPool is the simulated stretched Persistent Chat pool.
type ChatPool struct {
	FQDN    string       `json:"fqdn"`
	Servers []ChatServer `json:"servers"`
}

// Layout describes a lab: sites with instances, the domain their host names
// live in, the pool, and where the admin's workstation and the file server
// of the log shipping share sit (for link partitions).
type Layout struct {
	Domain    string `json:"domain"`
	AdminSite string `json:"adminSite"`
	// ShareSite is the site of the file server behind the log shipping
	// share (\\fs.DOMAIN\pchatlogs); empty means the primary's site,
	// where the backup job writes it.
	ShareSite string   `json:"shareSite,omitempty"`
	Sites     []Site   `json:"sites"`
	Pool      ChatPool `json:"pool"`
}

// Standard returns the documented layout: DC1 holds the primary, its
// mirror and a witness; DC2 holds the backup and its mirror; a stretched
// pool of 8 servers, 4 per site, with DC1's four active (the low
// bandwidth/high latency layout, so the active servers sit with the
// database in use).
func Standard() Layout {
	l := Layout{Domain: "lab.local", AdminSite: "DC2", Pool: ChatPool{FQDN: "pc.lab.local"}}
	l.Sites = []Site{
		{Name: "DC1", Instances: []Instance{
			{Name: "dc1-sql1", Role: RolePrimary, Address: "127.0.0.2"},
			{Name: "dc1-sql2", Role: RoleMirror, Address: "127.0.0.3"},
			{Name: "dc1-witness", Role: RoleWitness, Address: "127.0.0.4"},
		}},
		{Name: "DC2", Instances: []Instance{
			{Name: "dc2-sql1", Role: RoleBackup, Address: "127.0.0.5"},
			{Name: "dc2-sql2", Role: RoleBackupMirror, Address: "127.0.0.6"},
		}},
	}
	for i := 1; i <= 8; i++ {
		site := "DC1"
		if i > 4 {
			site = "DC2"
		}
		l.Pool.Servers = append(l.Pool.Servers, ChatServer{FQDN: fmt.Sprintf("pc%d.lab.local", i), Site: site, Active: i <= 4})
	}
	return l.withDefaults()
}

// LoadLayout reads a layout from a JSON file (pcsh lab up --config).
func LoadLayout(path string) (Layout, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Layout{}, err
	}
	var l Layout
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return Layout{}, fmt.Errorf("%s: %w", path, err)
	}
	l = l.withDefaults()
	return l, l.Validate()
}

func (l Layout) withDefaults() Layout {
	if l.Domain == "" {
		l.Domain = "lab.local"
	}
	l.ShareSite = l.shareSite()
	for i := range l.Pool.Servers {
		if l.Pool.Servers[i].Address == "" {
			l.Pool.Servers[i].Address = fmt.Sprintf("127.0.1.%d", i+1)
		}
	}
	for si := range l.Sites {
		for ii := range l.Sites[si].Instances {
			in := &l.Sites[si].Instances[ii]
			in.Site = l.Sites[si].Name
			if in.Port == 0 {
				in.Port = 1433
			}
		}
	}
	return l
}

// Validate checks names, roles and addresses: unique instance names and
// address:port pairs, loopback addresses only, known roles.
func (l Layout) Validate() error {
	names, addrs := map[string]bool{}, map[string]bool{}
	for _, in := range l.Instances() {
		if in.Name == "" || strings.ContainsAny(in.Name, " /\\.") {
			return fmt.Errorf("instance name %q must be a simple host name", in.Name)
		}
		if names[in.Name] {
			return fmt.Errorf("instance %s is defined twice", in.Name)
		}
		names[in.Name] = true
		ip := net.ParseIP(in.Address)
		if ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("instance %s: address %q must be a loopback address (127.0.0.0/8)", in.Name, in.Address)
		}
		ep := net.JoinHostPort(in.Address, fmt.Sprint(in.Port))
		if addrs[ep] {
			return fmt.Errorf("instance %s: %s is used twice", in.Name, ep)
		}
		addrs[ep] = true
		if err := l.checkNamed(in); err != nil {
			return err
		}
		switch in.Role {
		case RolePrimary, RoleMirror, RoleWitness, RoleBackup, RoleBackupMirror:
		default:
			return fmt.Errorf("instance %s: unknown role %q", in.Name, in.Role)
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("the layout has no instances")
	}
	for _, srv := range l.Pool.Servers {
		if ip := net.ParseIP(srv.Address); srv.Address != "" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("chat server %s: address %q must be a loopback address (127.0.0.0/8)", srv.FQDN, srv.Address)
		}
	}
	if l.ShareSite != "" && !l.hasSite(l.ShareSite) {
		return fmt.Errorf("shareSite %q is not a site of the layout", l.ShareSite)
	}
	return nil
}

// shareSite is the site of the log shipping share: ShareSite, else the
// site of the primary, else the first site.
func (l Layout) shareSite() string {
	if l.ShareSite != "" {
		return l.ShareSite
	}
	for _, s := range l.Sites {
		for _, in := range s.Instances {
			if in.Role == RolePrimary {
				return s.Name
			}
		}
	}
	if len(l.Sites) > 0 {
		return l.Sites[0].Name
	}
	return ""
}

// hasSite reports whether name is a site of the layout.
func (l Layout) hasSite(name string) bool {
	for _, s := range l.Sites {
		if s.Name == name {
			return true
		}
	}
	return false
}

// Instances lists every instance in site order.
func (l Layout) Instances() []Instance {
	var out []Instance
	for _, s := range l.Sites {
		out = append(out, s.Instances...)
	}
	return out
}

// Host returns an instance's host name, e.g. dc1-sql1.lab.local.
func (l Layout) Host(in Instance) string { return in.Name + "." + l.Domain }

// checkNamed checks a named instance: a valid name, and an address of its
// own, since its SQL Server Browser takes UDP 1434 there.
func (l Layout) checkNamed(in Instance) error {
	if err := CheckInstanceName(in.Instance); err != nil {
		return fmt.Errorf("instance %s: %w", in.Name, err)
	}
	if !IsNamed(in.Instance) {
		return nil
	}
	for _, o := range l.Instances() {
		if o.Name != in.Name && o.Address == in.Address {
			return fmt.Errorf("instance %s: the named instance %s needs an address of its own; %s uses %s too "+
				"(the lab runs one SQL Server Browser per address)", in.Name, in.Instance, o.Name, in.Address)
		}
	}
	return nil
}
