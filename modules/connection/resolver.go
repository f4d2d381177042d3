package connection

import (
	"context"
	"maps"
	"slices"
	"strings"
)

// Endpoint is what a Resolver knows about a named SQL Server instance: where
// to dial it and how to treat it. The topology module returns one per SQL
// store; the lab returns one per lab instance.
type Endpoint struct {
	Name     string // the topology name, e.g. "dc1-sql1"
	Host     string // the DNS name the instance is known by (certificate, SPN)
	Address  string // the address to dial when it differs from Host (lab: 127.0.0.1)
	Instance string // the named instance, "" for the default instance
	Port     int    // 0: 1433, or the SQL Browser for a named instance
	// Partner names the mirroring partner (a topology name or host[\instance]
	// [,port]) used as the failover partner for mirrored databases.
	Partner string
	// TrustServerCertificate skips certificate validation for this instance
	// only: the admin's explicit opt-out (and the lab's self-signed cert).
	TrustServerCertificate bool
	Lab                    bool              // a lab instance: lab credentials are a fallback
	Options                map[string]string // further connection-string keys, lower case
}

// Resolver maps instance names to endpoints. Resolve returns ok=false when
// the name is not one it knows; an error means it knows the name but cannot
// describe it (a broken topology file, say).
type Resolver interface {
	Resolve(ctx context.Context, name string) (ep Endpoint, ok bool, err error)
}

// MapResolver resolves names from a map, case-insensitively. Keys are
// topology names or host names.
type MapResolver map[string]Endpoint

// Resolve returns the endpoint stored under name.
func (m MapResolver) Resolve(_ context.Context, name string) (Endpoint, bool, error) {
	for k, ep := range m {
		if strings.EqualFold(k, name) {
			if ep.Name == "" {
				ep.Name = k
			}
			return ep, true, nil
		}
	}
	return Endpoint{}, false, nil
}

// Resolvers tries each resolver in order; the first that knows the name
// wins.
type Resolvers []Resolver

// Resolve asks each resolver in turn.
func (rs Resolvers) Resolve(ctx context.Context, name string) (Endpoint, bool, error) {
	for _, r := range rs {
		ep, ok, err := r.Resolve(ctx, name)
		if err != nil || ok {
			return ep, ok, err
		}
	}
	return Endpoint{}, false, nil
}

var (
	_ Resolver = MapResolver(nil)
	_ Resolver = Resolvers(nil)
)

// Names lists the map's keys.
func (m MapResolver) Names(context.Context) ([]string, error) {
	return slices.Sorted(maps.Keys(m)), nil
}

var _ Lister = MapResolver(nil)
