package exec

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"pcsh/modules/lab/engine"
)

// Temporary tables live in tempdb, as in SQL Server. A local one (#name)
// belongs to the session that creates it: it is stored under its name plus
// a suffix unique to that session, so sessions do not see each other's,
// and it is dropped when the session ends or its pooled connection is
// reset (sp_reset_connection). A global one (##name) is shared and is
// dropped when the session that created it ends. tempdb starts empty
// every time the instance starts.

// tempSerial numbers the sessions that create local temporary tables.
var tempSerial atomic.Uint64

// isTempTable reports whether object names a temporary table.
func isTempTable(object string) bool { return strings.HasPrefix(object, "#") }

// isLocalTemp reports whether object names a local temporary table.
func isLocalTemp(object string) bool {
	return isTempTable(object) && !strings.HasPrefix(object, "##")
}

// tempName is the tempdb name of temporary table object for this session.
func (s *session) tempName(object string) string {
	if !isLocalTemp(object) {
		return object
	}
	if s.tempSuffix == "" {
		s.tempSuffix = fmt.Sprintf("_%012X", tempSerial.Add(1))
	}
	return object + s.tempSuffix
}

// tempCreated records a temporary table this session created.
func (s *session) tempCreated(name string) { s.temps = append(s.temps, name) }

// tempDropped forgets a temporary table dropped by DROP TABLE.
func (s *session) tempDropped(name string) {
	s.temps = slices.DeleteFunc(s.temps, func(t string) bool { return strings.EqualFold(t, name) })
}

// dropTempTables drops the temporary tables the session created; the
// caller has ended the session's transaction first.
func (s *session) dropTempTables() {
	if len(s.temps) > 0 {
		s.h.inst.DropTempTables(context.Background(), s.temps)
	}
	s.temps = nil
}

// userNames shows the session's local temporary tables in err's messages
// by the names the client gave them, without the session suffix.
func (s *session) userNames(err error) error {
	if s.tempSuffix == "" || err == nil {
		return err
	}
	for _, e := range engine.SQLErrors(err) {
		e.Message = strings.ReplaceAll(e.Message, s.tempSuffix, "")
		e.Message = strings.ReplaceAll(e.Message, "tempdb.dbo.#", "#")
		e.Message = strings.ReplaceAll(e.Message, "dbo.#", "#")
	}
	return err
}
