package mirror

import (
	"bytes"
	"slices"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
)

// connectionColumns are the 27 documented columns of
// sys.dm_db_mirroring_connections ("Database Mirroring -
// sys.dm_db_mirroring_connections"), with their documented types.
func connectionColumns() []sqltype.Column {
	guid, small, dt, name, desc := sqltype.TypeUniqueIdentifier, sqltype.TypeSmallInt, sqltype.TypeDateTime,
		sqltype.TypeNVarChar, sqltype.TypeNVarChar
	big, bit := sqltype.TypeBigInt, sqltype.TypeBit
	return []sqltype.Column{col("connection_id", guid, 0, false), col("transport_stream_id", guid, 0, true),
		col("state", small, 0, true), col("state_desc", desc, 60, true), col("connect_time", dt, 0, true),
		col("login_time", dt, 0, true), col("authentication_method", name, 128, true),
		col("principal_name", name, 128, true), col("remote_user_name", name, 128, true),
		col("last_activity_time", dt, 0, true), col("is_accept", bit, 0, true), col("login_state", small, 0, true),
		col("login_state_desc", desc, 60, true), col("peer_certificate_id", sqltype.TypeInt, 0, true),
		col("encryption_algorithm", small, 0, true), col("encryption_algorithm_desc", desc, 60, true),
		col("receives_posted", small, 0, true), col("is_receive_flow_controlled", bit, 0, true),
		col("sends_posted", small, 0, true), col("is_send_flow_controlled", bit, 0, true),
		col("total_bytes_sent", big, 0, true), col("total_bytes_received", big, 0, true),
		col("total_fragments_sent", big, 0, true), col("total_fragments_received", big, 0, true),
		col("total_sends", big, 0, true), col("total_receives", big, 0, true),
		col("peer_arbitration_id", guid, 0, true)}
}

// The state and login_state values the lab's connections take.
const (
	connConnected  = 3 // CONNECTED: open, handshake not complete
	connLoggedIn   = 4 // LOGGED_IN
	loginInitial   = 0 // "Connection handshake is initializing."
	loginOnline    = 12
	loginInitDesc  = "Connection handshake is initializing."
	loginReadyDesc = "Connection handshake is complete and is online (ready) for message exchange."
)

// connectionsView is sys.dm_db_mirroring_connections: one row per open
// endpoint connection of this instance, to or from partners and
// witnesses. The lab's endpoints do not authenticate, so the
// authentication columns are NULL; the encryption columns show the local
// endpoint's setting.
func (s *Server) connectionsView() engine.Relation {
	s.connMu.Lock()
	stats := make([]connData, 0, len(s.conns))
	for fc := range s.conns {
		stats = append(stats, fc.stats.snapshot())
	}
	s.connMu.Unlock()
	slices.SortFunc(stats, func(a, b connData) int {
		if c := a.connectTime.Compare(b.connectTime); c != 0 {
			return c
		}
		return bytes.Compare(a.id[:], b.id[:])
	})
	alg, algDesc := any(nil), any(nil)
	if ep, ok := s.Endpoint(); ok {
		a, d := encryptionAlgorithm(ep.Encryption, ep.Algorithm)
		alg, algDesc = a, d
	}
	rows := make([]engine.Row, 0, len(stats))
	for _, cs := range stats {
		rows = append(rows, connectionRow(cs, alg, algDesc))
	}
	return engine.NewRelation(connectionColumns(), rows)
}

// connectionRow is one connection's row.
func connectionRow(cs connData, alg, algDesc any) engine.Row {
	state, stateDesc, login, loginDesc := int64(connConnected), "CONNECTED", int64(loginInitial), loginInitDesc
	var loginTime any
	if !cs.loginTime.IsZero() {
		state, stateDesc, login, loginDesc = connLoggedIn, "LOGGED_IN", loginOnline, loginReadyDesc
		loginTime = cs.loginTime
	}
	return engine.Row{cs.id, cs.stream, state, stateDesc, cs.connectTime, loginTime, nil, nil, nil,
		cs.lastActivity, cs.accepted, login, loginDesc, int64(0), alg, algDesc, int64(0), false, int64(0), false,
		cs.bytesSent, cs.bytesRecv, cs.framesSent, cs.framesRecv, cs.framesSent, cs.framesRecv, nil}
}
