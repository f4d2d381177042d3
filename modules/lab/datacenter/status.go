package datacenter

import (
	"fmt"
	"net"
	"time"
)

// InstanceStatus is one lab instance as `pcsh lab status` and
// Get-PcLabInstance show it.
type InstanceStatus struct {
	Name    string
	Site    string
	Role    string
	Host    string
	Address string
	State   string // Running, Stopped (no process) or Unreachable (process but no answer)
	PID     int
}

// DefaultView names what Get-PcLabInstance shows by default, four
// columns so that it prints as a table: Format-Table * or a property read
// gives Host, Address and PID.
func (InstanceStatus) DefaultView() []string { return []string{"Name", "Site", "Role", "State"} }

// statusColumns are the columns of `pcsh lab status`.
var statusColumns = []string{"Name", "Site", "Role", "Host", "Address", "State"}

// Status reports each instance: is its process alive, and does its TDS
// port answer.
func Status(dir string) ([]InstanceStatus, error) {
	s, err := ReadState(dir)
	if err != nil {
		return nil, err
	}
	out := make([]InstanceStatus, 0, len(s.Instances))
	for _, r := range s.Instances {
		st := InstanceStatus{Name: r.Name, Site: r.Site, Role: string(r.Role), Host: r.Host,
			Address: fmt.Sprintf("%s:%d", r.Address, r.Port), State: "Stopped"}
		if alive(r.PID) {
			st.PID, st.State = r.PID, "Running"
			if !answers(st.Address) {
				st.State = "Unreachable"
			}
		}
		out = append(out, st)
	}
	return out, nil
}

func answers(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if err != nil {
		return false
	}
	_ = c.Close()
	return true
}
