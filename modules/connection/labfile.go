package connection

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// LabFileEnv names the environment variable that points at the lab's
// lab.json (`pcsh lab up` prints it). A lab file is read only when it, or
// Manager.LabFile, names one: a lab.json lying in the working directory
// is never picked up, since a lab name is a redirection to another
// address with certificate checks off.
const LabFileEnv = "PCSH_LAB_FILE"

// labFile is the part of lab.json (modules/lab/datacenter's State) the
// resolver reads: one entry per lab instance.
//
//	{"instances": [{"name": "dc1-sql1", "role": "primary", "host": "dc1-sql1.lab.local",
//	  "address": "127.0.0.2", "port": 1433, "site": "DC1"}, …]}
//
// The mirroring partner is "partner" when given, else derived from the
// roles: primary and mirror are partners, and so are backup and
// backup-mirror.
type labFile struct {
	Instances []labInstance `json:"instances"`
}

type labInstance struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Host     string `json:"host"`
	Address  string `json:"address"`
	Instance string `json:"instance"`
	Port     int    `json:"port"`
	Partner  string `json:"partner"`
}

// partnerRoles pairs the lab's mirroring roles.
var partnerRoles = map[string]string{"primary": "mirror", "mirror": "primary", "backup": "backup-mirror", "backup-mirror": "backup"}

// partnerOf returns the partner's name from the roles, or "".
func (lf labFile) partnerOf(in labInstance) string {
	want, ok := partnerRoles[in.Role]
	if !ok {
		return ""
	}
	for _, o := range lf.Instances {
		if o.Role == want {
			return o.Name
		}
	}
	return ""
}

// LabResolver resolves lab instance names and lab host names (such as
// dc1-sql1.lab.local) to their loopback addresses from lab.json. A missing
// file means no lab is running: every name is unknown. An instance whose
// address is not a loopback address is refused (see notLoopback).
type LabResolver struct {
	FS   FS
	Path string
}

// load reads the lab file; a missing file is an empty lab.
func (r LabResolver) load() (labFile, error) {
	var lf labFile
	data, err := r.FS.ReadFile(r.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return lf, nil
	}
	if err == nil {
		err = json.Unmarshal(data, &lf)
	}
	if err != nil {
		return lf, fmt.Errorf("read lab file %s: %w", r.Path, err)
	}
	return lf, nil
}

// Resolve looks the name up by instance name or host name.
func (r LabResolver) Resolve(_ context.Context, name string) (Endpoint, bool, error) {
	lf, err := r.load()
	if err != nil {
		return Endpoint{}, false, err
	}
	for _, in := range lf.Instances {
		if strings.EqualFold(in.Name, name) || strings.EqualFold(in.Host, name) {
			if in.Partner == "" {
				in.Partner = lf.partnerOf(in)
			}
			if !isLoopback(in.Address) {
				return Endpoint{}, false, notLoopback(r.Path, in)
			}
			return in.endpoint(), true, nil
		}
	}
	return Endpoint{}, false, nil
}

func (in labInstance) endpoint() Endpoint {
	host := in.Host
	if host == "" {
		host = in.Name
	}
	port := in.Port
	if in.Instance != "" && !strings.EqualFold(in.Instance, "MSSQLSERVER") {
		port = 0 // found through the instance's SQL Server Browser, as on SQL Server
	}
	return Endpoint{Name: in.Name, Host: host, Address: in.Address, Instance: in.Instance, Port: port,
		Partner: in.Partner, TrustServerCertificate: true, Lab: true}
}

var _ Resolver = LabResolver{}

// Names lists the lab's instance names; none when no lab is running.
func (r LabResolver) Names(context.Context) ([]string, error) {
	lf, err := r.load()
	names := make([]string, len(lf.Instances))
	for i, in := range lf.Instances {
		names[i] = in.Name
	}
	return names, err
}

var _ Lister = LabResolver{}
