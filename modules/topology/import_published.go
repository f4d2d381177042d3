package topology

import (
	"errors"
	"strings"
)

// readPublished reads the published topology (Get-CsTopology -AsXml):
// flat Sites, Clusters, SqlInstances and Services keyed by ClusterId,
// SqlInstanceId and ServiceId (notes §2).
func readPublished(root *xnode) (*xgraph, error) {
	g := newGraph("Published")
	for _, s := range root.under(nsTopology, "Sites").children(nsTopology, "CentralSite") {
		g.sites = append(g.sites, &xsite{id: s.attr("SiteId"), name: textOf(s.child(nsTopology, "Name")), path: s.path})
	}
	for _, c := range root.under(nsTopology, "Clusters").children(nsTopology, "Cluster") {
		id := c.child(nsTopology, "ClusterId")
		if id == nil {
			return nil, errors.New(c.path + " has no ClusterId")
		}
		cl := &xcluster{key: clusterKey(id), siteID: id.attr("SiteId"), fqdn: c.attr("Fqdn"), path: c.path}
		for _, m := range c.children(nsTopology, "Machine") {
			cl.machines = append(cl.machines, xmachine{fqdn: m.attr("Fqdn"), path: m.path})
		}
		g.clusters[cl.key] = cl
	}
	for _, q := range root.under(nsTopology, "SqlInstances").children(nsTopology, "SqlInstance") {
		id := q.child(nsTopology, "SqlInstanceId")
		if id == nil || id.child(nsTopology, "ClusterId") == nil {
			return nil, errors.New(q.path + " has no SqlInstanceId with a ClusterId")
		}
		sq := &xsql{key: sqlKey(id), cluster: clusterKey(id.child(nsTopology, "ClusterId")), name: id.attr("Name"), path: q.path}
		readSQLAttrs(sq, q)
		sq.refs = publishedRefs(q)
		g.sqls[sq.key] = sq
	}
	for _, s := range root.under(nsTopology, "Services").children(nsTopology, "Service") {
		id := s.child(nsTopology, "ServiceId")
		if id == nil {
			return nil, errors.New(s.path + " has no ServiceId")
		}
		sv := &xservice{key: serviceKey(id), role: id.attr("RoleName"), siteID: id.attr("SiteId"), path: s.path,
			ports: readPorts(s), share: shareName(s), refs: publishedRefs(s)}
		if on := s.child(nsTopology, "InstalledOn"); on != nil {
			if c := on.child(nsTopology, "ClusterId"); c != nil {
				sv.installedOn = clusterKey(c)
			} else if q := on.child(nsTopology, "SqlInstanceId"); q != nil && q.child(nsTopology, "ClusterId") != nil {
				sv.installedOn = sqlKey(q)
			}
		}
		for _, d := range s.under(nsTopology, "DependsOn").children(nsTopology, "Dependency") {
			dep := xdep{usage: d.attr("Usage"), path: d.path}
			if t := d.child(nsTopology, "ServiceId"); t != nil {
				dep.target = serviceKey(t)
			}
			sv.deps = append(sv.deps, dep)
		}
		g.addService(sv)
	}
	return g, nil
}

func clusterKey(id *xnode) string { return "cluster:" + id.attr("SiteId") + ":" + id.attr("Number") }

func sqlKey(id *xnode) string {
	return "sql:" + id.child(nsTopology, "ClusterId").attr("SiteId") + ":" + id.child(nsTopology, "ClusterId").attr("Number") + `\` + id.attr("Name")
}

func serviceKey(id *xnode) string {
	return id.attr("SiteId") + "-" + id.attr("RoleName") + "-" + id.attr("Instance")
}

// publishedRefs finds child elements (any namespace, other than the
// generic ones) that hold a SqlInstanceId: the unverified places a mirror
// or witness may be recorded (Q2).
func publishedRefs(n *xnode) []xref {
	var out []xref
	for _, k := range n.kids {
		switch k.name.Local {
		case "ServiceId", "DependsOn", "InstalledOn", "Ports", "SqlInstanceId":
			continue
		}
		for _, q := range k.kids {
			if q.name.Local == "SqlInstanceId" && q.child(q.name.Space, "ClusterId") != nil {
				id := "sql:" + q.child(q.name.Space, "ClusterId").attr("SiteId") + ":" +
					q.child(q.name.Space, "ClusterId").attr("Number") + `\` + q.attr("Name")
				out = append(out, xref{kind: refKind(k.name.Local), target: id, via: k.name.Local, path: k.path})
			}
		}
	}
	return out
}

func textOf(n *xnode) string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(n.text)
}
