package topology

import (
	"fmt"
	"strings"
)

// resolve checks names and references and fills in derived defaults.
func (d *decoder) resolve(t *Topology) {
	d.unique(t)
	d.siteRefs(t)
	for i, p := range t.ChatPools {
		d.poolRefs(t, p, fmt.Sprintf("chatPools[%d]", i+1))
	}
	applyStoreDefaults(t)
}

// unique reports duplicate site names, pool FQDNs, server FQDNs and store
// names.
func (d *decoder) unique(t *Topology) {
	seen := map[string]string{}
	check := func(kind, name, path string) {
		key := kind + "\x00" + strings.ToLower(name)
		if first, dup := seen[key]; dup {
			d.fail(path, "", "duplicate %s %q (first defined at %s)", kind, name, first)
			return
		}
		seen[key] = path
	}
	for i, s := range t.Sites {
		check("site", s.Name, fmt.Sprintf("sites[%d].name", i+1))
	}
	for i, p := range t.ChatPools {
		check("pool", p.FQDN, fmt.Sprintf("chatPools[%d].fqdn", i+1))
		for j, s := range p.Servers {
			check("server", s.FQDN, fmt.Sprintf("chatPools[%d].servers[%d].fqdn", i+1, j+1))
		}
	}
	for i, s := range t.SqlStores {
		check("SQL store", s.Name, fmt.Sprintf("sqlStores[%d].name", i+1))
	}
}

func (d *decoder) siteRefs(t *Topology) {
	for i, s := range t.Sites {
		for j, n := range s.LowLatency {
			d.siteRef(t, n, fmt.Sprintf("sites[%d].lowLatency[%d]", i+1, j+1))
		}
	}
	for i, s := range t.SqlStores {
		d.siteRef(t, s.Site, fmt.Sprintf("sqlStores[%d].site", i+1))
	}
}

func (d *decoder) poolRefs(t *Topology, p *ChatPool, path string) {
	if t.SiteOfFrontEnd(p.NextHop) == nil {
		d.fail(path+".nextHop", suggestHint(p.NextHop, frontEnds(t)), "no site has the Front End pool %q", p.NextHop)
	}
	for j, n := range p.DefaultFor {
		d.siteRef(t, n, fmt.Sprintf("%s.defaultFor[%d]", path, j+1))
	}
	for j, s := range p.Servers {
		s.Pool = p.FQDN
		d.siteRef(t, s.Site, fmt.Sprintf("%s.servers[%d].site", path, j+1))
	}
	d.storeRefs(t, &p.Stores, path+".stores")
	if p.ComplianceStores != nil {
		d.storeRefs(t, p.ComplianceStores, path+".complianceStores")
	}
}

func (d *decoder) storeRefs(t *Topology, s *StoreSet, path string) {
	for _, r := range s.roles() {
		if r.Name != "" && t.Store(r.Name) == nil {
			d.fail(path+"."+r.Role, suggestHint(r.Name, storeNames(t)), "no SQL store is named %q", r.Name)
		}
	}
}

func (d *decoder) siteRef(t *Topology, name, path string) {
	if t.Site(name) == nil {
		d.fail(path, suggestHint(name, siteNames(t)), "no site is named %q", name)
	}
}

func siteNames(t *Topology) []string {
	out := make([]string, len(t.Sites))
	for i, s := range t.Sites {
		out[i] = s.Name
	}
	return out
}

func storeNames(t *Topology) []string {
	out := make([]string, len(t.SqlStores))
	for i, s := range t.SqlStores {
		out[i] = s.Name
	}
	return out
}

func frontEnds(t *Topology) []string {
	out := make([]string, len(t.Sites))
	for i, s := range t.Sites {
		out[i] = s.FrontEnd
	}
	return out
}

// applyStoreDefaults derives the AD domain from the host name and the
// mirroring port from the role: 7022 for a witness, 5022 otherwise (R1).
func applyStoreDefaults(t *Topology) {
	witness := map[string]bool{}
	for _, p := range t.ChatPools {
		for _, set := range p.storeSets() {
			witness[set.Witness] = true
			witness[set.BackupWitness] = true
		}
	}
	for _, s := range t.SqlStores {
		if s.Domain == "" {
			_, s.Domain, _ = strings.Cut(strings.ToLower(s.Host), ".")
		}
		if s.MirroringPort == 0 {
			s.MirroringPort = 5022
			if witness[s.Name] {
				s.MirroringPort = 7022
			}
		}
	}
}

// storeSets returns the pool's mgc store set and, when defined, its
// mgccomp store set.
func (p *ChatPool) storeSets() []*StoreSet {
	if p.ComplianceStores == nil {
		return []*StoreSet{&p.Stores}
	}
	return []*StoreSet{&p.Stores, p.ComplianceStores}
}
