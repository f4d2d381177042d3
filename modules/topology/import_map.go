package topology

import (
	"fmt"
	"strconv"
	"strings"
)

// ImportOptions are what the caller supplies that the file does not hold.
type ImportOptions struct {
	ServerSite map[string]string // server FQDN (lower case) → site name
	SqlVersion string            // for every imported SQL store
	SqlEdition string
}

// mapper turns the dialect-neutral graph into a topology document,
// recording each unverified reading and each field it cannot map.
type mapper struct {
	g         *xgraph
	opts      ImportOptions
	res       *ImportResult
	storeList []any
	storeName map[string]string // SQL instance key → topology name
	used      map[string]bool
	nextHops  map[string]bool // cluster FQDNs chat pools use as next hop
}

// The role names of the services the import reads (notes §4.1).
const (
	rolePChat      = "PersistentChatService"
	rolePChatStore = "PersistentChatStore"
	rolePChatComp  = "PersistentChatComplianceStore"
	roleRegistrar  = "Registrar"
	roleFileStore  = "FileStore"
)

func (m *mapper) unverified(field, value, element, reading string) {
	m.res.Unverified = append(m.res.Unverified, ImportMapping{Field: field, Value: value, Element: element, Reading: reading})
}

func (m *mapper) gap(field, element string, required bool, supply, format string, args ...any) {
	if supply == "" {
		supply = "-Override"
	}
	m.res.Unmapped = append(m.res.Unmapped, ImportGap{Field: field, Element: element, Required: required,
		Supply: supply, Reason: fmt.Sprintf(format, args...)})
}

// document builds the whole document.
func (m *mapper) document() *docTable {
	m.storeName, m.used, m.nextHops = map[string]string{}, map[string]bool{}, map[string]bool{}
	var pools []any
	for _, sv := range m.g.services {
		if sv.role == rolePChat {
			if p := m.pool(sv); p != nil {
				pools = append(pools, p)
			}
		}
	}
	var sites []any
	for _, s := range m.g.sites {
		sites = append(sites, m.site(s))
	}
	doc := newDocTable()
	doc.set("sites", orEmpty(sites))
	doc.set("chatPools", orEmpty(pools))
	doc.set("sqlStores", orEmpty(m.storeList))
	m.res.Sites, m.res.ChatPools, m.res.SqlStores = len(sites), len(pools), len(m.storeList)
	return doc
}

func orEmpty(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

// site maps a central site; its Front End pool is the cluster running the
// site's Registrar, the one a chat pool uses as next hop when there are
// several.
func (m *mapper) site(s *xsite) *docTable {
	t := newDocTable()
	name := s.name
	if name == "" {
		m.gap("sites["+s.id+"].name", s.path, true, "", "the site has no Name")
	}
	t.set("name", name)
	field := "sites[" + name + "].frontEnd"
	var fes []string
	seen := map[string]bool{}
	for _, sv := range m.g.services {
		if sv.role != roleRegistrar || sv.siteID != s.id {
			continue
		}
		if c := m.g.clusters[sv.installedOn]; c != nil && !seen[strings.ToLower(c.fqdn)] {
			seen[strings.ToLower(c.fqdn)] = true
			fes = append(fes, c.fqdn)
		}
	}
	var hop []string
	for _, fe := range fes {
		if m.nextHops[strings.ToLower(fe)] {
			hop = append(hop, fe)
		}
	}
	switch {
	case len(fes) == 1:
		t.set("frontEnd", fes[0])
	case len(hop) == 1:
		t.set("frontEnd", hop[0])
	case len(fes) == 0:
		m.gap(field, s.path, true, "", "no Registrar service runs in this site")
	default:
		m.gap(field, s.path, true, "", "the site runs several Registrar pools (%s) and no chat pool uses one of them as next hop", strings.Join(fes, ", "))
	}
	return t
}

// pool maps one PersistentChatService: its cluster, servers, port, next
// hop, file store and stores.
func (m *mapper) pool(sv *xservice) *docTable {
	c := m.g.clusters[sv.installedOn]
	if c == nil || c.fqdn == "" {
		m.gap("chatPools", sv.path, true, "", "the Persistent Chat service's InstalledOn names no cluster with an Fqdn")
		return nil
	}
	p := newDocTable()
	field := "chatPools[" + c.fqdn + "]"
	p.set("fqdn", c.fqdn)
	m.poolPort(p, field, sv)
	deps := m.poolDeps(sv, field)
	m.nextHop(p, field, sv, deps[roleRegistrar])
	m.fileStore(p, field, sv, deps[roleFileStore])
	m.singleComputer(p, field, c)
	m.gap(field+".defaultFor", sv.path, false, "", "the site default ('Use this pool as default for site') has no known element in the topology")
	p.set("servers", m.servers(field, c))
	stores, backup := m.storeSet(field+".stores", sv, deps[rolePChatStore], true)
	if stores != nil {
		p.set("stores", stores)
	}
	comp, _ := m.storeSet(field+".complianceStores", sv, deps[rolePChatComp], false)
	p.set("disasterRecovery", backup)
	m.unverified(field+".disasterRecovery", strconv.FormatBool(backup), sv.path,
		"no 'Use backup SQL Server stores' flag is known (Q4): derived from whether a backup store was found (L2: disaster recovery ⇔ backup store)")
	p.set("compliance", comp != nil)
	m.unverified(field+".compliance", strconv.FormatBool(comp != nil), sv.path,
		"no 'Enable compliance' flag is known (Q4): derived from whether a PersistentChatComplianceStore dependency was found (L1: compliance ⇔ compliance stores)")
	if comp != nil {
		p.set("complianceStores", comp)
	}
	return p
}

// poolDeps groups the service's dependencies by the target's role.
func (m *mapper) poolDeps(sv *xservice, field string) map[string][]xdep {
	out := map[string][]xdep{}
	for _, d := range sv.deps {
		t := m.g.byKey[d.target]
		if t == nil {
			m.gap(field, d.path, false, "", "the dependency names a service the file does not hold (%s)", d.target)
			continue
		}
		out[t.role] = append(out[t.role], d)
	}
	return out
}

func (m *mapper) poolPort(p *docTable, field string, sv *xservice) {
	ports := sv.ports
	if len(ports) > 1 {
		var mtls []xport
		for _, pt := range ports {
			if strings.EqualFold(pt.protocol, "Mtls") {
				mtls = append(mtls, pt)
			}
		}
		ports = mtls
	}
	if len(ports) != 1 {
		m.gap(field+".port", sv.path+"/Ports", false, "", "%d candidate Port elements (one Mtls port expected, Q5); the document's default 5041 applies", len(ports))
		return
	}
	n, err := strconv.Atoi(ports[0].port)
	if err != nil || n < 1 || n > 65535 {
		m.gap(field+".port", ports[0].path, false, "", "the Port attribute %q is not a port number", ports[0].port)
		return
	}
	p.set("port", n)
	m.unverified(field+".port", ports[0].port, ports[0].path,
		"the service's only "+orWord(ports[0].protocol, "")+" Port read as the Persistent Chat port; its Owner and Usage names are unknown (Q5)")
}

func orWord(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (m *mapper) nextHop(p *docTable, field string, sv *xservice, deps []xdep) {
	if len(deps) != 1 {
		m.gap(field+".nextHop", sv.path+"/DependsOn", true, "", "%d dependencies on a Registrar service (one expected)", len(deps))
		return
	}
	c := m.g.clusters[m.g.byKey[deps[0].target].installedOn]
	if c == nil {
		m.gap(field+".nextHop", deps[0].path, true, "", "the Registrar service runs on no cluster in the file")
		return
	}
	p.set("nextHop", c.fqdn)
	m.nextHops[strings.ToLower(c.fqdn)] = true
	m.unverified(field+".nextHop", c.fqdn, deps[0].path,
		"the dependency on a Registrar read as the next hop Front End pool (the notes' §4.2 model; no Persistent Chat export seen)")
}

func (m *mapper) fileStore(p *docTable, field string, sv *xservice, deps []xdep) {
	if len(deps) != 1 {
		m.gap(field+".fileStore", sv.path+"/DependsOn", true, "", "%d dependencies on a FileStore service (one expected)", len(deps))
		return
	}
	fs := m.g.byKey[deps[0].target]
	c := m.g.clusters[fs.installedOn]
	if c == nil || fs.share == "" {
		m.gap(field+".fileStore", fs.path, true, "", "the FileStore service has no cluster or no FileStoreService/@ShareName")
		return
	}
	unc := `\\` + c.fqdn + `\` + fs.share
	p.set("fileStore", unc)
	m.unverified(field+".fileStore", unc, deps[0].path,
		"the dependency on a FileStore read as the pool's file store (the notes' §4.2 model), its UNC as \\\\<cluster Fqdn>\\<ShareName> [inferred]")
}

func (m *mapper) singleComputer(p *docTable, field string, c *xcluster) {
	switch {
	case c.singleKnown:
		p.set("singleComputer", c.single)
	case len(c.machines) > 1:
		p.set("singleComputer", false)
	default:
		m.gap(field+".singleComputer", c.path, false, "",
			"one machine and no IsSingleMachineOnly attribute (the published form has none): a Single Computer Pool cannot be told from a one-server pool; the default false applies")
	}
}

// servers maps the pool's machines; the site of each comes from
// -ServerSite, as the topology does not record it (notes §6).
func (m *mapper) servers(field string, c *xcluster) []any {
	var out []any
	for _, mc := range c.machines {
		fqdn := mc.fqdn
		if fqdn == "" {
			fqdn = c.fqdn // a single-machine cluster's Machine has no Fqdn [seen]
		}
		s := newDocTable()
		s.set("fqdn", fqdn)
		f := field + ".servers[" + fqdn + "].site"
		m.gap(f, mc.path, true, "-ServerSite @{'"+fqdn+"'='SITE'}",
			"which data center a server of a (possibly stretched) pool is in is not in the topology (notes §6)")
		if site := m.opts.ServerSite[strings.ToLower(fqdn)]; site != "" {
			s.set("site", site)
			m.res.Unmapped[len(m.res.Unmapped)-1].SuppliedBy = "-ServerSite"
		}
		out = append(out, s)
	}
	return orEmpty(out)
}
