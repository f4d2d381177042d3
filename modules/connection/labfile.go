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
// lab.json; without it the resolver looks for lab.json in the working
// directory.
const LabFileEnv = "PCSH_LAB_FILE"

// labFile is the lab.json format `pcsh lab up` writes: one entry per
// running lab instance.
//
//	{"instances": [{"name": "dc1-sql1", "host": "dc1-sql1.lab.local",
//	  "address": "127.0.0.1", "port": 14331, "partner": "dc2-sql1"}]}
type labFile struct {
	Instances []labInstance `json:"instances"`
}

type labInstance struct {
	Name     string `json:"name"`
	Host     string `json:"host"`
	Address  string `json:"address"`
	Instance string `json:"instance"`
	Port     int    `json:"port"`
	Partner  string `json:"partner"`
}

// LabResolver resolves lab instance names and lab host names (such as
// dc1-sql1.lab.local) to their loopback addresses from lab.json. A missing
// file means no lab is running: every name is unknown.
type LabResolver struct {
	FS   FS
	Path string
}

// Resolve reads the lab file and looks the name up by name or host.
func (r LabResolver) Resolve(_ context.Context, name string) (Endpoint, bool, error) {
	data, err := r.FS.ReadFile(r.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return Endpoint{}, false, nil
	}
	if err != nil {
		return Endpoint{}, false, fmt.Errorf("read lab file %s: %w", r.Path, err)
	}
	var lf labFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return Endpoint{}, false, fmt.Errorf("parse lab file %s: %w", r.Path, err)
	}
	for _, in := range lf.Instances {
		if strings.EqualFold(in.Name, name) || strings.EqualFold(in.Host, name) {
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
	return Endpoint{Name: in.Name, Host: host, Address: in.Address, Instance: in.Instance, Port: in.Port,
		Partner: in.Partner, TrustServerCertificate: true, Lab: true}
}

var _ Resolver = LabResolver{}
