package mirror

import (
	"strings"

	"pcsh/runtime/cmdlet"
)

// EndpointRole is the ROLE of a database mirroring endpoint.
type EndpointRole string

// Values lists the roles: Partner (principal or mirror), Witness, All.
func (EndpointRole) Values() []string { return []string{"Partner", "Witness", "All"} }

// The endpoint roles.
const (
	RolePartner EndpointRole = "Partner"
	RoleWitness EndpointRole = "Witness"
	RoleAll     EndpointRole = "All"
)

// DefaultEndpointName is the name pcsh gives a new mirroring endpoint, as
// the SSMS wizard and dbatools do.
const DefaultEndpointName = "Mirroring"

// covers reports whether an endpoint's role_desc serves role.
func covers(have string, role EndpointRole) bool {
	have = strings.ToUpper(have)
	return have == "ALL" || have == strings.ToUpper(string(role))
}

// validPort checks a TCP port before it is written into CREATE ENDPOINT,
// which takes no parameter there.
func validPort(port int, target string) error {
	if port < 1 || port > 65535 {
		return errorf(categoryArg, "InvalidPort", target, "The mirroring port %d is not a TCP port (1-65535).", port)
	}
	return nil
}

// endpointPlan is what makes an instance's endpoint ready for a role: the
// steps, the port it will listen on and the warnings to show.
type endpointPlan struct {
	Steps    []step
	Port     int
	Warnings []string
}

// planEndpoint creates the endpoint when there is none (on port), starts
// a stopped one and widens one whose role does not cover role. An
// existing endpoint keeps its port, as Lync reuses it (R1).
func planEndpoint(ep endpointState, on SQL, target string, role EndpointRole, port int) (endpointPlan, error) {
	if !ep.Exists {
		if err := validPort(port, target); err != nil {
			return endpointPlan{}, err
		}
		name, _ := quote(DefaultEndpointName)
		return endpointPlan{Port: port, Steps: []step{{On: on, Target: target, SQL: createEndpoint(name, port, role),
			Undo: dropEndpointUndo(on, target, name)}}}, nil
	}
	name, err := quote(ep.Name)
	if err != nil {
		return endpointPlan{}, err
	}
	p := endpointPlan{Port: ep.Port}
	if ep.Port != port {
		p.Warnings = append(p.Warnings, endpointPortWarning(target, ep, port))
	}
	if !strings.EqualFold(ep.State, "STARTED") {
		p.Steps = append(p.Steps, step{On: on, Target: target, SQL: startEndpoint(name)})
	}
	if !covers(ep.Role, role) {
		p.Steps = append(p.Steps, step{On: on, Target: target, SQL: widenEndpointRole(name)})
	}
	return p, nil
}

func endpointPortWarning(target string, ep endpointState, port int) string {
	return "The mirroring endpoint " + ep.Name + " on " + target + " listens on port " + itoa(ep.Port) +
		", not the topology's " + itoa(port) + "; the existing endpoint is reused with its port"
}

// warnAll writes each warning.
func warnAll(ctx *cmdlet.Context, ws []string) {
	for _, w := range ws {
		ctx.WriteWarning("%s.", w)
	}
}
