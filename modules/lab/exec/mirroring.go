package exec

import (
	"fmt"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/mirror"
	"pcsh/modules/lab/principals"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// endpoint runs CREATE, ALTER and DROP ENDPOINT … FOR DATABASE_MIRRORING
// on the instance's mirroring server; inside a user transaction it raises
// 574, as "ENDPOINT DDL statements cannot be executed inside a user
// transaction" (CREATE ENDPOINT).
func (r *run) endpoint(st *tsql.EndpointStmt) error {
	m := r.s.h.cfg.Mirror
	if m == nil {
		return unsupported(st.Action + " ENDPOINT")
	}
	if r.s.eng.TranCount() > 0 {
		return engine.Raise(574, st.Action+" ENDPOINT")
	}
	if st.Action == "DROP" {
		return r.dropEndpoint(m, st.Name)
	}
	spec, err := r.endpointSpec(st)
	if err != nil {
		return err
	}
	if st.Action == "CREATE" {
		if spec.Encryption != "DISABLED" && spec.Algorithm == "" {
			// CREATE ENDPOINT: RC4 "is the default through SQL Server 2014";
			// the lab reports SQL Server 2012 (AES is the default from 2016).
			spec.Algorithm = "RC4"
		}
		return m.CreateEndpoint(spec)
	}
	return m.AlterEndpoint(spec)
}

// dropEndpoint drops the endpoint and the permissions granted on it.
func (r *run) dropEndpoint(m *mirror.Server, name string) error {
	ep, had := m.Endpoint()
	if err := m.DropEndpoint(name); err != nil {
		return err
	}
	if p := r.s.h.cfg.Principals; p != nil && had {
		return p.DropSecurable(principals.ClassEndpoint, int(ep.ID))
	}
	return nil
}

func (r *run) endpointSpec(st *tsql.EndpointStmt) (mirror.EndpointSpec, error) {
	spec := mirror.EndpointSpec{Name: st.Name, Authorization: st.Authorization, State: st.State}
	if st.TCP != nil {
		spec.ListenerIP = st.TCP.ListenerIP
		if st.TCP.Port != nil {
			n, err := r.evalInt(st.TCP.Port)
			if err != nil {
				return spec, err
			}
			spec.Port = &n
		}
	}
	if o := st.Mirroring; o != nil {
		spec.Authentication, spec.Certificate, spec.Encryption, spec.Algorithm, spec.Role =
			o.Authentication, o.Certificate, o.Encryption, o.Algorithm, o.Role
	}
	return spec, nil
}

// partner runs ALTER DATABASE … SET PARTNER ….
func (r *run) partner(db string, p *tsql.PartnerOption) error {
	m := r.s.h.cfg.Mirror
	if m == nil {
		return unsupported("ALTER DATABASE SET PARTNER")
	}
	switch p.Action {
	case "ADDRESS":
		addr, err := r.evalText(p.Address)
		if err != nil {
			return err
		}
		return m.SetPartner(db, addr)
	case "FAILOVER":
		return m.Failover(db)
	case "FORCE_SERVICE_ALLOW_DATA_LOSS":
		return r.forceService(m, db)
	case "OFF":
		return m.Off(db)
	case "RESUME":
		return m.Resume(db)
	case "SUSPEND":
		return m.Suspend(db)
	case "SAFETY":
		return m.SetSafety(db, p.Safety == "FULL")
	case "TIMEOUT":
		n, err := r.evalInt(p.Timeout)
		if err != nil {
			return err
		}
		return m.SetTimeout(db, n)
	}
	return unsupported("ALTER DATABASE SET PARTNER " + p.Action)
}

// forceService runs FORCE_SERVICE_ALLOW_DATA_LOSS and tells the client, in
// a PRINT-style message (SQL Server sends none), what may have been lost.
func (r *run) forceService(m *mirror.Server, db string) error {
	rep, err := m.ForceService(db)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("pcsh lab: service forced on database '%s'; the principal's last reported send queue was %d KB (%d transactions), end of log %v, hardened here up to %v.",
		db, rep.SendQueueKB, rep.SendQueueTransactions, rep.PrincipalEndOfLog, rep.HardenedLSN)
	return r.w.Info(&sqltype.Error{Number: 0, State: 1, Class: 0, Message: msg, ProcName: r.proc})
}

// witness runs ALTER DATABASE … SET WITNESS = '…' | OFF.
func (r *run) witness(db string, w *tsql.WitnessOption) error {
	m := r.s.h.cfg.Mirror
	if m == nil {
		return unsupported("ALTER DATABASE SET WITNESS")
	}
	if w.Address == nil {
		return m.WitnessOff(db)
	}
	addr, err := r.evalText(w.Address)
	if err != nil {
		return err
	}
	return m.SetWitness(db, addr)
}

// evalText evaluates an expression as text.
func (r *run) evalText(e tsql.Expr) (string, error) {
	v, err := r.eval(e, nil)
	if err != nil {
		return "", err
	}
	return toText(v, -1), nil
}

// evalInt evaluates an expression as an int.
func (r *run) evalInt(e tsql.Expr) (int, error) {
	v, err := r.eval(e, nil)
	if err != nil {
		return 0, err
	}
	n, err := toInt(v, intT())
	if err != nil {
		return 0, err
	}
	return int(n.(int64)), nil
}
