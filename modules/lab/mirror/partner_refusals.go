package mirror

import "pcsh/modules/lab/engine"

// The states in which SET PARTNER on the principal cannot enable
// mirroring, each with its error (Database engine events and errors
// 1000-1999: 1466, 1467 and 1488; the states are not documented, the lab
// sends 1 as for the other mirroring errors).
func init() {
	engine.RegisterMessages("mirror-partner", func() map[int32]engine.Message {
		return map[int32]engine.Message{
			1466: {Severity: 16, State: 1, Text: "Database mirroring cannot be enabled because the \"%s\" database is read-only on one of the partners."},
			1467: {Severity: 16, State: 1, Text: "Database mirroring cannot be enabled because the \"%s\" database is in emergency or suspect mode on one of the partners."},
			1488: {Severity: 16, State: 1, Text: "Database mirroring cannot be enabled because the \"%s\" database is in single user mode."},
		}
	})
}

// refusePrincipalState is the error SET PARTNER raises on a principal
// database that is in EMERGENCY or SUSPECT (1467), read-only (1466) or in
// single-user mode (1488), or nil.
func refusePrincipalState(info engine.DatabaseInfo) error {
	switch {
	case info.State == engine.StateEmergency || info.State == engine.StateSuspect:
		return engine.Raise(1467, info.Name)
	case info.IsReadOnly:
		return engine.Raise(1466, info.Name)
	case info.UserAccess == engine.SingleUser:
		return engine.Raise(1488, info.Name)
	}
	return nil
}
