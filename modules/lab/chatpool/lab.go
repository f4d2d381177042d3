package chatpool

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"pcsh/modules/connection/labpassword"
	"pcsh/modules/lab/cms"
	"pcsh/modules/lab/datacenter"
	"pcsh/modules/topology"
)

// LabOptions adjust FromLab.
type LabOptions struct {
	Pool     string              // the pool's FQDN; "" means the lab's pool
	Password string              // the sa password; "" means labpassword.From(Getenv)
	Getenv   func(string) string // nil means os.Getenv (PCSH_LAB_PASSWORD)
}

// FromLab returns the configuration of the pool of the lab in dir (its
// lab.json): the lab CMS, the stores of the lab's topology and a
// go-mssqldb opener with the lab's sa login. Clock and intervals are left
// at their defaults for the caller to set.
func FromLab(ctx context.Context, dir string, o LabOptions) (Config, error) {
	s, err := datacenter.ReadState(dir)
	if err != nil {
		return Config{}, err
	}
	return FromLabState(ctx, s, o)
}

// FromLabState is FromLab for a lab state already read; tests that serve
// the instances in-process give one whose DSNs name their instances.
func FromLabState(ctx context.Context, s *datacenter.State, o LabOptions) (Config, error) {
	top, err := labTopology(ctx, s)
	if err != nil {
		return Config{}, err
	}
	fqdn := orDefault(o.Pool, s.Layout.Pool.FQDN)
	pool := top.Pool(fqdn)
	if pool == nil {
		return Config{}, fmt.Errorf("the lab's topology has no chat pool %s", fqdn)
	}
	store, err := cms.Open(s.CMSDir)
	if err != nil {
		return Config{}, err
	}
	opener, err := labOpener(s, top, labPassword(o))
	if err != nil {
		return Config{}, err
	}
	st := pool.Stores
	return Config{FQDN: pool.FQDN, CMS: LabCMS{Store: store, Pool: pool.FQDN}, Opener: opener, Sources: labSources(s),
		Targets: Targets{Normal: Target{Store: st.Primary, Partner: st.Mirror},
			FailedOver: Target{Store: st.Backup, Partner: st.BackupMirror}}}, nil
}

// labSources is each chat server's address in the lab's layout.
func labSources(s *datacenter.State) map[string]string {
	out := map[string]string{}
	for _, srv := range s.Layout.Pool.Servers {
		if srv.Address != "" {
			out[strings.ToLower(srv.FQDN)] = srv.Address
		}
	}
	return out
}

// labTopology reads the lab's topology.lua, or renders it from the state
// when the file is missing.
func labTopology(ctx context.Context, s *datacenter.State) (*topology.Topology, error) {
	path := filepath.Join(s.Dir, datacenter.TopologyFile)
	t, err := topology.Load(ctx, path)
	if errors.Is(err, fs.ErrNotExist) {
		return topology.Parse(ctx, path, s.Topology())
	}
	return t, err
}

func labPassword(o LabOptions) string {
	if o.Password != "" {
		return o.Password
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	return labpassword.From(o.Getenv)
}

// labOpener maps each topology store to the lab instance of the same name
// or host, reached as its DSN in lab.json says.
func labOpener(s *datacenter.State, top *topology.Topology, password string) (SQLOpener, error) {
	o := SQLOpener{Endpoints: map[string]Endpoint{}, Password: password}
	for _, st := range top.SqlStores {
		r, ok := s.Find(st.Name)
		if !ok {
			if r, ok = s.Find(st.Host); !ok {
				continue
			}
		}
		ep, err := endpointOf(r.DSN)
		if err != nil {
			return o, fmt.Errorf("lab instance %s: %w", r.Name, err)
		}
		o.Endpoints[st.Name] = ep
	}
	return o, nil
}

// endpointOf parses a lab DSN (sqlserver://sa@host:port?params) into an
// endpoint, leaving out the login and the database.
func endpointOf(dsn string) (Endpoint, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return Endpoint{}, err
	}
	port := 1433
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return Endpoint{}, fmt.Errorf("port %q: %w", p, err)
		}
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "database") || strings.EqualFold(k, "password") || strings.EqualFold(k, "user id") {
			delete(q, k)
		}
	}
	return Endpoint{Host: u.Hostname(), Port: port, Params: q}, nil
}
