package topology

import (
	"errors"
	"strings"
)

// readTopologyBuilder reads a Topology Builder file (.tbxml): sites with
// their clusters and SQL instances nested, services flat after them, every
// reference a UniqueId GUID (notes §3).
func readTopologyBuilder(root *xnode) (*xgraph, error) {
	part := root.under(nsTopologyBuilder, "NewTopology").child(nsWritable, "PartialTopology")
	if root.under(nsTopologyBuilder, "NewTopology") == nil || part == nil {
		return nil, errors.New("the Topology Builder file has no NewTopology/PartialTopology")
	}
	g := newGraph("TopologyBuilder")
	sqlNodes := map[string]*xnode{}
	for _, s := range part.under(nsWritable, "CentralSites").children(nsWritable, "CentralSite") {
		site := &xsite{id: s.attr("SiteId"), name: textOf(s.child(nsTopology, "Name")), path: s.path}
		g.sites = append(g.sites, site)
		for _, c := range s.under(nsWritable, "Clusters").children(nsWritable, "Cluster") {
			cl := &xcluster{key: guidKey(c.attr("UniqueId")), siteID: site.id, fqdn: c.attr("Fqdn"), path: c.path,
				single: strings.EqualFold(c.attr("IsSingleMachineOnly"), "true"), singleKnown: c.hasAttr("IsSingleMachineOnly")}
			for _, m := range c.under(nsWritable, "Machines").children(nsWritable, "Machine") {
				cl.machines = append(cl.machines, xmachine{fqdn: m.attr("Fqdn"), path: m.path})
			}
			g.clusters[cl.key] = cl
			for _, q := range c.under(nsWritable, "SqlInstances").children(nsWritable, "SqlInstance") {
				sq := &xsql{key: guidKey(q.attr("UniqueId")), cluster: cl.key, name: q.attr("Name"), path: q.path}
				readSQLAttrs(sq, q)
				g.sqls[sq.key] = sq
				sqlNodes[sq.key] = q
			}
		}
	}
	for key, n := range sqlNodes {
		g.sqls[key].refs = g.guidRefs(n)
	}
	for _, s := range part.under(nsWritable, "Services").children(nsWritable, "Service") {
		sv := &xservice{key: guidKey(s.attr("UniqueId")), role: s.attr("RoleName"), path: s.path,
			installedOn: guidKey(s.attr("InstalledOn")), ports: readPorts(s), share: shareName(s), refs: g.guidRefs(s)}
		if c := g.clusters[sv.installedOn]; c != nil {
			sv.siteID = c.siteID
		} else if q := g.sqls[sv.installedOn]; q != nil && g.clusters[q.cluster] != nil {
			sv.siteID = g.clusters[q.cluster].siteID
		}
		for _, d := range s.under(nsWritable, "DependsOn").children(nsWritable, "Dependency") {
			sv.deps = append(sv.deps, xdep{target: guidKey(d.attr("ServiceUniqueId")), usage: d.attr("Usage"), path: d.path})
		}
		g.addService(sv)
	}
	return g, nil
}

// guidKey normalizes a GUID reference; "" stays "".
func guidKey(s string) string {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "{}"))
	if s == "" {
		return ""
	}
	return "guid:" + s
}

// guidRefs finds attributes, on n or on its child elements, whose value is
// the GUID of a SQL instance: the unverified places a mirror or witness
// may be recorded (Q2). The attribute's or element's name classifies it.
func (g *xgraph) guidRefs(n *xnode) []xref {
	var out []xref
	scan := func(e *xnode, named string) {
		for _, a := range e.attrs {
			if a.Name.Local == "UniqueId" || a.Name.Local == "InstalledOn" {
				continue
			}
			if k := guidKey(a.Value); g.sqls[k] != nil {
				kind := refKind(a.Name.Local)
				if kind == "" {
					kind = refKind(named)
				}
				out = append(out, xref{kind: kind, target: k, via: a.Name.Local, path: e.path + "/@" + a.Name.Local})
			}
		}
	}
	scan(n, "")
	for _, k := range n.kids {
		scan(k, k.name.Local)
	}
	return out
}
