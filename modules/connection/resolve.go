package connection

import (
	"context"
	"maps"
	"net"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
)

// Resolve turns what the admin wrote for -SqlInstance into a target: a
// connection string or sqlserver:// URL is parsed; any other text is
// looked up by the resolvers (topology, then the lab file when one was
// asked for) and, when none knows it, parsed as host[\instance][,port].
// The failover partner, if any, is resolved the same way (but never from
// a connection string), and must be a lab instance exactly when the
// target is. A name resolved through the lab says so in the verbose
// stream when ctx is a *cmdlet.Context.
func (m *Manager) Resolve(ctx context.Context, name string) (*Target, error) {
	name = strings.TrimSpace(name)
	t, err := m.resolveOne(ctx, name, true)
	if err != nil {
		return nil, err
	}
	if t.password != "" {
		m.Secrets.Add(t.password)
	}
	if err := m.resolvePort(ctx, t); err != nil && t.Partner == "" {
		return nil, err
	}
	if t.Partner == "" {
		return t, nil
	}
	p, err := m.resolveOne(ctx, t.Partner, false)
	if err != nil {
		return nil, err
	}
	if p.Lab != t.Lab {
		return nil, mixedPartner(t, p)
	}
	p.Encrypt, p.TrustServerCertificate, p.Authenticator = t.Encrypt, t.TrustServerCertificate, t.Authenticator
	p.Database, p.User, p.password = t.Database, t.User, t.password
	p.Options = maps.Clone(t.Options)
	t.PartnerAddr = p
	_ = m.resolvePort(ctx, p) // kept in p.portErr: the principal may answer
	return t, nil
}

func (m *Manager) resolveOne(ctx context.Context, name string, allowString bool) (*Target, error) {
	if name == "" {
		return nil, badInstance(name, "The SQL instance name is empty.")
	}
	if IsConnectionString(name) {
		if !allowString {
			return nil, badInstance(name, "The failover partner must be a name or host[\\instance][,port], not a connection string.")
		}
		t, err := ParseConnectionString(name)
		if err != nil {
			return nil, badInstance("connection string", "Cannot use the connection string: %v.", err)
		}
		return t, nil
	}
	ep, ok, err := m.allResolvers().Resolve(ctx, name)
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryInvalidData, "SqlInstanceResolveFailed", name,
			"Cannot resolve the SQL instance %q: %v.", name, err)
	}
	if ok {
		t, err := fromEndpoint(name, ep)
		if err == nil && t.Lab {
			labVerbose(ctx, name, t, m.labFile())
		}
		return t, err
	}
	t, err := ParseAddress(name)
	if err != nil {
		return nil, badInstance(name, "Cannot use %q as a SQL instance: %v.", name, err).
			WithHint("give a topology name, host[\\instance][,port], a key=value connection string or a sqlserver:// URL")
	}
	return t, nil
}

// fromEndpoint builds a target from a resolver's endpoint.
func fromEndpoint(name string, ep Endpoint) (*Target, error) {
	t := &Target{Name: ep.Name, Source: SourceResolver, Host: ep.Host, Address: ep.Address, Instance: ep.Instance,
		Port: ep.Port, Lab: ep.Lab, TrustServerCertificate: ep.TrustServerCertificate, Options: map[string]string{}}
	if t.Name == "" {
		t.Name = name
	}
	if t.Host == "" {
		t.Host = t.Name
	}
	if ep.Lab {
		t.Source = SourceLab
	}
	if err := t.applyParams(ep.Options); err != nil {
		return nil, badInstance(name, "The options of SQL instance %q are not valid: %v.", name, err)
	}
	if ep.Partner != "" {
		t.Partner = ep.Partner
	}
	return t, nil
}

// badInstance is a usage error about the -SqlInstance value. The text is
// never the raw connection string, which may hold a password.
func badInstance(target, format string, args ...any) *cmdlet.ErrorRecord {
	r := cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "SqlInstanceInvalid", target, format, args...)
	r.Code = cmdlet.ExitUsage
	return r
}

// labVerbose tells the admin that a name went to the lab, not to DNS.
func labVerbose(ctx context.Context, name string, t *Target, path string) {
	if cc, ok := ctx.(*cmdlet.Context); ok {
		addr := t.dialHost()
		if t.Port != 0 {
			addr = net.JoinHostPort(addr, strconv.Itoa(t.Port))
		}
		cc.WriteVerbose("Resolved %s through the lab file %s to %s: a lab instance, reached with the lab's sa login.", name, path, addr)
	}
}

// mixedPartner refuses a failover partner on the other side of the lab
// boundary: the target's login would travel to it.
func mixedPartner(t, p *Target) *cmdlet.ErrorRecord {
	lab, other := t, p
	if p.Lab {
		lab, other = p, t
	}
	return badInstance(t.Display(), "The failover partner of %s is %s; %s is a lab instance and %s is not, and pcsh does not mix lab and real logins.",
		t.Display(), p.Display(), lab.Display(), other.Display())
}
