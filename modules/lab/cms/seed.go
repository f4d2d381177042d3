package cms

import (
	"pcsh/modules/topology"
)

// FromTopology builds a document from a topology: each pool with its
// documented state, servers and active servers.
func FromTopology(t *topology.Topology) *Document {
	doc := &Document{}
	for _, p := range t.ChatPools {
		cp := &Pool{FQDN: p.FQDN, PoolState: p.State, ActiveServers: p.ActiveServers()}
		for _, s := range p.Servers {
			cp.Servers = append(cp.Servers, s.FQDN)
		}
		if cp.ActiveServers == nil {
			cp.ActiveServers = []string{}
		}
		doc.Pools = append(doc.Pools, cp)
	}
	return doc
}

// Seed writes the document built from t unless the store already holds
// one (or replace is set). It reports whether it wrote.
func (s *Store) Seed(t *topology.Topology, replace bool) (bool, error) {
	wrote := false
	err := s.locked(true, func() error {
		if s.Seeded() && !replace {
			return nil
		}
		wrote = true
		return s.save(FromTopology(t))
	})
	return wrote, err
}
