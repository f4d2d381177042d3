package topology

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// xgraph is what both XML dialects say, keyed the same way: sites,
// clusters (pools and hosts), SQL instances and services with their
// dependencies. The published form keys by composite ids, the Topology
// Builder form by GUIDs; the mapping does not care which.
type xgraph struct {
	dialect  string
	sites    []*xsite
	clusters map[string]*xcluster
	sqls     map[string]*xsql
	services []*xservice
	byKey    map[string]*xservice
}

type xsite struct{ id, name, path string }

type xcluster struct {
	key, siteID, fqdn, path string
	single, singleKnown     bool // Topology Builder's IsSingleMachineOnly
	machines                []xmachine
}

type xmachine struct{ fqdn, path string }

type xsql struct {
	key, cluster, name, path string
	alwaysOn                 bool
	mirroringPort            string // an attribute named like a mirroring port, if any
	portAttr                 string
	refs                     []xref
}

type xservice struct {
	key, role, siteID, installedOn, path string
	share                                string // FileStoreService/@ShareName
	deps                                 []xdep
	ports                                []xport
	refs                                 []xref
}

type xdep struct{ target, usage, path string }

type xport struct{ port, protocol, owner, path string }

// xref is a reference to a SQL instance from a store or an instance,
// classified by the name that carries it (Q2 in the notes).
type xref struct {
	kind, target, via, path string // kind: mirror, witness or "" when the name says neither
}

func newGraph(dialect string) *xgraph {
	return &xgraph{dialect: dialect, clusters: map[string]*xcluster{}, sqls: map[string]*xsql{}, byKey: map[string]*xservice{}}
}

func (g *xgraph) addService(s *xservice) {
	g.services = append(g.services, s)
	if s.key != "" {
		g.byKey[s.key] = s
	}
}

// site returns the site with this id, or nil.
func (g *xgraph) site(id string) *xsite {
	for _, s := range g.sites {
		if s.id == id {
			return s
		}
	}
	return nil
}

var mirrorPortName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)mirror\w*port`) })

// readSQLAttrs reads the attributes of a SqlInstance that both dialects
// may carry: AlwaysOnPrimaryNodeFqdn [seen] and a mirroring port [unverified].
func readSQLAttrs(q *xsql, n *xnode) {
	q.alwaysOn = n.hasAttr("AlwaysOnPrimaryNodeFqdn")
	for _, a := range n.attrs {
		if a.Name.Space == "" && mirrorPortName().MatchString(a.Name.Local) {
			q.mirroringPort, q.portAttr = a.Value, a.Name.Local
		}
	}
}

// refKind classifies the name of an element or attribute that points at
// a SQL instance.
func refKind(name string) string {
	l := strings.ToLower(name)
	switch {
	case strings.Contains(l, "witness"):
		return "witness"
	case strings.Contains(l, "mirror"):
		return "mirror"
	}
	return ""
}

// readPorts reads Ports/Port (ServiceRoles namespace) of a service.
func readPorts(n *xnode) []xport {
	var out []xport
	for _, p := range n.under(nsServiceRoles, "Ports").children(nsServiceRoles, "Port") {
		out = append(out, xport{port: p.attr("Port"), protocol: p.attr("Protocol"), owner: p.attr("Owner"), path: p.path})
	}
	return out
}

// shareName reads FileStoreService/@ShareName (ServiceRoles namespace).
func shareName(n *xnode) string {
	if f := n.child(nsServiceRoles, "FileStoreService"); f != nil {
		return f.attr("ShareName")
	}
	return ""
}

// errDialect is the error for a root element neither dialect has.
func errDialect(n *xnode) error {
	return fmt.Errorf("the root element {%s}%s is neither a published topology ({%s}Topology, Get-CsTopology -AsXml) "+
		"nor a Topology Builder file ({%s}TopologyBuilder, .tbxml)", n.name.Space, n.name.Local, nsTopology, nsTopologyBuilder)
}
