package cms

import "strings"

// Pool is one Persistent Chat pool's entry.
type Pool struct {
	FQDN          string   `json:"fqdn"`
	PoolState     string   `json:"poolState"`
	Servers       []string `json:"servers"`
	ActiveServers []string `json:"activeServers"`
}

// Document is the whole store.
type Document struct {
	Pools []*Pool `json:"pools"`
}

// Pool returns the pool with this FQDN (any case), or nil.
func (d *Document) Pool(fqdn string) *Pool {
	for _, p := range d.Pools {
		if strings.EqualFold(p.FQDN, fqdn) {
			return p
		}
	}
	return nil
}

// InactiveServers returns the pool's servers that are not active, in
// server order.
func (p *Pool) InactiveServers() []string {
	var out []string
	for _, s := range p.Servers {
		if !containsFold(p.ActiveServers, s) {
			out = append(out, s)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
