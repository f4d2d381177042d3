package sqldb

import "strings"

// RecoveryModel is sys.databases.recovery_model.
type RecoveryModel uint8

// The recovery models, numbered as sys.databases.recovery_model.
const (
	RecoveryFull RecoveryModel = iota + 1
	RecoveryBulkLogged
	RecoverySimple
)

// String returns sys.databases.recovery_model_desc.
func (m RecoveryModel) String() string {
	switch m {
	case RecoveryFull:
		return "FULL"
	case RecoveryBulkLogged:
		return "BULK_LOGGED"
	}
	return "SIMPLE"
}

// BackupName is the spelling backupset.recovery_model and RESTORE
// HEADERONLY use ("BULK-LOGGED").
func (m RecoveryModel) BackupName() string {
	return strings.ReplaceAll(m.String(), "_", "-")
}
