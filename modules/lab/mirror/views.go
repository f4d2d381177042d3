package mirror

import (
	"slices"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// register installs this server's system views and the live
// sys.database_mirroring overlay on the instance.
func (s *Server) register() {
	s.inst.RegisterSystemView("sys.endpoints", s.endpointsView)
	s.inst.RegisterSystemView("sys.tcp_endpoints", s.tcpEndpointsView)
	s.inst.RegisterSystemView("sys.database_mirroring_endpoints", s.mirroringEndpointsView)
	s.inst.RegisterSystemView("sys.database_mirroring_witnesses", s.witnessesView)
	s.inst.RegisterSystemView("sys.dm_db_mirroring_connections", s.connectionsView)
	s.inst.SetMirroringOverlay(s.overlay)
}

// col describes a result column; n is the nvarchar length.
func col(name string, typ sqltype.DataType, n int, nullable bool) sqltype.Column {
	return sqltype.Column{Name: name, Type: typ, Length: n, Nullable: nullable}
}

// endpointColumns are the sys.endpoints columns in documented order.
func endpointColumns() []sqltype.Column {
	return []sqltype.Column{col("name", sqltype.TypeNVarChar, 128, false), col("endpoint_id", sqltype.TypeInt, 0, false),
		col("principal_id", sqltype.TypeInt, 0, true), col("protocol", sqltype.TypeTinyInt, 0, false),
		col("protocol_desc", sqltype.TypeNVarChar, 60, true), col("type", sqltype.TypeTinyInt, 0, false),
		col("type_desc", sqltype.TypeNVarChar, 60, true), col("state", sqltype.TypeTinyInt, 0, true),
		col("state_desc", sqltype.TypeNVarChar, 60, true), col("is_admin_endpoint", sqltype.TypeBit, 0, false)}
}

// endpointRow is the sys.endpoints part of the endpoint's row: protocol 2
// TCP, type 4 DATABASE_MIRRORING.
func endpointRow(ep Endpoint) engine.Row {
	state := int64(slices.Index([]string{"STARTED", "STOPPED", "DISABLED"}, ep.State))
	return engine.Row{ep.Name, int64(ep.ID), int64(1), int64(2), "TCP", int64(4), "DATABASE_MIRRORING", state,
		ep.State, false}
}

// endpointRows returns the rows of a view over the endpoint, if any.
func (s *Server) endpointRows(extra func(Endpoint) engine.Row) []engine.Row {
	ep, ok := s.Endpoint()
	if !ok {
		return nil
	}
	return []engine.Row{append(endpointRow(ep), extra(ep)...)}
}

func (s *Server) endpointsView() engine.Relation {
	return engine.NewRelation(endpointColumns(), s.endpointRows(func(Endpoint) engine.Row { return nil }))
}

// tcpEndpointsView is sys.tcp_endpoints: sys.endpoints plus port,
// is_dynamic_port and ip_address.
func (s *Server) tcpEndpointsView() engine.Relation {
	cols := append(endpointColumns(), col("port", sqltype.TypeInt, 0, true), col("is_dynamic_port", sqltype.TypeBit, 0, true),
		col("ip_address", sqltype.TypeNVarChar, 45, true))
	return engine.NewRelation(cols, s.endpointRows(func(ep Endpoint) engine.Row {
		var ip any
		if ep.ListenerIP != "" && ep.ListenerIP != "ALL" {
			ip = ep.ListenerIP
		}
		return engine.Row{int64(ep.Port), false, ip}
	}))
}

// mirroringEndpointsView is sys.database_mirroring_endpoints.
func (s *Server) mirroringEndpointsView() engine.Relation {
	cols := append(endpointColumns(), col("role", sqltype.TypeTinyInt, 0, true), col("role_desc", sqltype.TypeNVarChar, 60, true),
		col("is_encryption_enabled", sqltype.TypeBit, 0, false), col("connection_auth", sqltype.TypeTinyInt, 0, false),
		col("connection_auth_desc", sqltype.TypeNVarChar, 60, true), col("certificate_id", sqltype.TypeInt, 0, false),
		col("encryption_algorithm", sqltype.TypeTinyInt, 0, false),
		col("encryption_algorithm_desc", sqltype.TypeNVarChar, 60, true))
	return engine.NewRelation(cols, s.endpointRows(func(ep Endpoint) engine.Row {
		role := int64(slices.Index([]string{"NONE", "PARTNER", "WITNESS", "ALL"}, ep.Role))
		auth, authDesc := connectionAuth(ep.Authentication)
		alg, algDesc := encryptionAlgorithm(ep.Encryption, ep.Algorithm)
		cert := int64(0)
		if strings.Contains(ep.Authentication, "CERTIFICATE") {
			cert = 256 // the lab has no certificates; a non-zero id marks certificate authentication
		}
		return engine.Row{role, ep.Role, ep.Encryption != "DISABLED", auth, authDesc, cert, alg, algDesc}
	}))
}

// connectionAuth maps AUTHENTICATION to connection_auth and its
// description (1 NTLM … 10 CERTIFICATE, NEGOTIATE).
func connectionAuth(auth string) (int64, string) {
	ws := strings.Fields(auth)
	win := "NEGOTIATE"
	for _, w := range ws {
		if w == "NTLM" || w == "KERBEROS" || w == "NEGOTIATE" {
			win = w
		}
	}
	winCode := int64(slices.Index([]string{"NTLM", "KERBEROS", "NEGOTIATE"}, win)) + 1
	hasWin, hasCert := slices.Contains(ws, "WINDOWS"), slices.Contains(ws, "CERTIFICATE")
	switch {
	case hasCert && !hasWin:
		return 4, "CERTIFICATE"
	case hasCert && ws[0] == "WINDOWS":
		return winCode + 4, win + ", CERTIFICATE"
	case hasCert:
		return winCode + 7, "CERTIFICATE, " + win
	}
	return winCode, win
}

// encryptionAlgorithm maps ENCRYPTION and ALGORITHM to
// encryption_algorithm and its description.
func encryptionAlgorithm(enc, alg string) (int64, string) {
	if enc == "DISABLED" {
		return 0, "NONE"
	}
	algs := strings.Fields(alg)
	if len(algs) == 0 {
		algs = []string{"AES"}
	}
	if enc == "SUPPORTED" {
		algs = append([]string{"NONE"}, algs...)
	}
	desc := strings.Join(algs, ",")
	codes := []string{"NONE", "RC4", "AES", "NONE,RC4", "NONE,AES", "RC4,AES", "AES,RC4", "NONE,RC4,AES", "NONE,AES,RC4"}
	return int64(slices.Index(codes, desc)), desc
}

// witnessesView is sys.database_mirroring_witnesses: one row per session
// this instance is the witness of.
func (s *Server) witnessesView() engine.Relation {
	cols := []sqltype.Column{col("database_name", sqltype.TypeNVarChar, 128, false),
		col("principal_server_name", sqltype.TypeNVarChar, 128, true), col("mirror_server_name", sqltype.TypeNVarChar, 128, true),
		col("safety_level", sqltype.TypeTinyInt, 0, false), col("safety_level_desc", sqltype.TypeNVarChar, 60, true),
		col("safety_sequence_number", sqltype.TypeInt, 0, false), col("role_sequence_number", sqltype.TypeInt, 0, false),
		col("mirroring_guid", sqltype.TypeUniqueIdentifier, 0, false), col("family_guid", sqltype.TypeUniqueIdentifier, 0, true),
		col("is_suspended", sqltype.TypeBit, 0, true), col("is_suspended_sequence_number", sqltype.TypeInt, 0, false),
		col("partner_sync_state", sqltype.TypeTinyInt, 0, true), col("partner_sync_state_desc", sqltype.TypeNVarChar, 60, true)}
	return engine.NewRelation(cols, s.wit.rows())
}

// rows returns the witness view rows ordered by database name.
func (w *witnessStore) rows() []engine.Row {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []engine.Row
	for _, e := range w.entries {
		sync, desc := int64(PartnerUnsynchronized), "UNSYNCHRONIZED"
		if e.synced {
			sync, desc = int64(PartnerSynchronized), "SYNCHRONIZED"
		}
		out = append(out, engine.Row{e.db, e.principal, e.mirror, int64(e.safety),
			[...]string{"UNKNOWN", "OFF", "FULL"}[e.safety%3], int64(e.safetySeq), int64(e.roleSeq), e.guid, e.family,
			e.suspended, int64(e.suspendedSeq), sync, desc})
	}
	slices.SortFunc(out, func(a, b engine.Row) int { return strings.Compare(a[0].(string), b[0].(string)) })
	return out
}
