package ssrp

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Instance is what SVR_RESP says about one instance (CLNT_UCAST_INST_RESPONSE):
// its machine, name, version and TCP port. The lab has no named pipes,
// VIA, RPC, SPX, AppleTalk or Banyan VINES endpoints to announce.
type Instance struct {
	ServerName   string // the machine's name
	InstanceName string // MSSQLSERVER for a default instance
	IsClustered  bool
	Version      string // e.g. 11.0.7001.0
	TCPPort      int    // 0: no tcp endpoint in the reply
	Pipe         string // the np endpoint, "" when none
}

// record renders the instance as CLNT_UCAST_INST_RESPONSE.
func (in Instance) record() string {
	clustered := "No"
	if in.IsClustered {
		clustered = "Yes"
	}
	s := "ServerName;" + in.ServerName + ";InstanceName;" + in.InstanceName + ";IsClustered;" + clustered +
		";Version;" + in.Version
	if in.Pipe != "" {
		s += ";np;" + in.Pipe
	}
	if in.TCPPort != 0 {
		s += ";tcp;" + strconv.Itoa(in.TCPPort)
	}
	return s + ";;"
}

// EncodeResponse returns the SVR_RESP datagram listing the instances, or
// an error when RESP_DATA would pass max bytes (1,024 answering
// CLNT_UCAST_INST, 65,535 answering CLNT_BCAST_EX or CLNT_UCAST_EX).
func EncodeResponse(instances []Instance, max int) ([]byte, error) {
	var data strings.Builder
	for _, in := range instances {
		data.WriteString(in.record())
	}
	if data.Len() > max {
		return nil, fmt.Errorf("SVR_RESP data of %d bytes passes the %d-byte limit", data.Len(), max)
	}
	b := []byte{ServerResp, 0, 0}
	binary.LittleEndian.PutUint16(b[1:], uint16(data.Len()))
	return append(b, data.String()...), nil
}

// DecodeResponse parses an SVR_RESP datagram answering CLNT_BCAST_EX,
// CLNT_UCAST_EX or CLNT_UCAST_INST: the 0x05 type, RESP_SIZE (little
// endian, which must match what follows) and the instance records, each
// a list of name;value pairs ended by an empty name (";;").
func DecodeResponse(b []byte) ([]Instance, error) {
	if len(b) < 3 || b[0] != ServerResp {
		return nil, fmt.Errorf("%w: not an SVR_RESP", ErrMalformed)
	}
	if n := int(binary.LittleEndian.Uint16(b[1:])); n != len(b)-3 {
		return nil, fmt.Errorf("%w: RESP_SIZE %d but %d bytes of data", ErrMalformed, n, len(b)-3)
	}
	var out []Instance
	for rest := string(b[3:]); rest != ""; {
		rec, tail, ok := strings.Cut(rest, ";;")
		if !ok {
			return nil, fmt.Errorf("%w: an instance record without its closing \";;\"", ErrMalformed)
		}
		in, err := parseRecord(rec)
		if err != nil {
			return nil, err
		}
		out, rest = append(out, in), tail
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: an SVR_RESP without instances", ErrMalformed)
	}
	return out, nil
}

// parseRecord reads one record's name;value pairs (bv, Banyan VINES,
// carries three values: item, group and organisation).
func parseRecord(rec string) (Instance, error) {
	f := strings.Split(rec, ";")
	var in Instance
	for i := 0; i < len(f); {
		values := 1
		if f[i] == "bv" {
			values = 3
		}
		if i+values >= len(f) {
			return Instance{}, fmt.Errorf("%w: field %q without its value", ErrMalformed, f[i])
		}
		if err := in.set(f[i], f[i+1]); err != nil {
			return Instance{}, err
		}
		i += 1 + values
	}
	if in.InstanceName == "" {
		return Instance{}, fmt.Errorf("%w: an instance record without InstanceName", ErrMalformed)
	}
	return in, nil
}

// set records one name;value pair; names the lab does not model are skipped.
func (in *Instance) set(name, value string) error {
	switch name {
	case "ServerName":
		in.ServerName = value
	case "InstanceName":
		in.InstanceName = value
	case "IsClustered":
		in.IsClustered = value == "Yes"
	case "Version":
		in.Version = value
	case "np":
		in.Pipe = value
	case "tcp":
		port, err := strconv.Atoi(value)
		if err != nil || port < 1 || port > 65535 {
			return fmt.Errorf("%w: tcp port %q", ErrMalformed, value)
		}
		in.TCPPort = port
	}
	return nil
}

// Find returns the instance named name, compared case-insensitively as
// SQL Server compares instance names.
func Find(instances []Instance, name string) (Instance, bool) {
	for _, in := range instances {
		if strings.EqualFold(in.InstanceName, name) {
			return in, true
		}
	}
	return Instance{}, false
}
