package engine

import (
	"pcsh/modules/lab/sqltype"
)

// The messages of differential backups and point-in-time restores, as the
// SQL Server documentation lists them (Database engine events and errors,
// 3000-3999 and 4000-4999).
func init() {
	RegisterMessages("engine-restore", func() map[int32]Message {
		return map[int32]Message{
			3024: {16, 1, "You can only perform a full backup of the master database. Use BACKUP DATABASE to back up the entire master database."},
			3035: {16, 1, "Cannot perform a differential backup for database \"%ls\", because a current database backup does not exist. Perform a full database backup by reissuing BACKUP DATABASE, omitting the WITH DIFFERENTIAL option."},
			3136: {16, 1, "This differential backup cannot be restored because the database has not been restored to the correct earlier state."},
			4322: {10, 1, "This backup set contains records that were logged before the designated point in time. The database is being left in the restoring state so that more roll forward can be performed."},
			4329: {10, 1, "This log file contains records logged before the designated mark. The database is being left in the Restoring state so you can apply another log file."},
			4334: {16, 1, "The named mark does not identify a valid LSN."},
			4335: {16, 1, "The specified STOPAT time is too early. All or part of the database is already rolled forward beyond that point."},
			4338: {16, 1, "The STOPAT clause specifies a point too early to allow this backup set to be restored. Choose a different stop point or use RESTORE DATABASE WITH RECOVERY to recover at the current point."},
			4340: {16, 1, "The point-in-time clause of this RESTORE statement is restricted for use by RESTORE LOG statements only. Omit the clause or use a clause that includes a timestamp."},
		}
	})
}

// decimalText renders a numeric column value (an LSN) as its digits; ""
// for NULL.
func decimalText(v any) string {
	if d, ok := v.(sqltype.Decimal); ok && d.Unscaled != nil {
		return d.Unscaled.String()
	}
	return ""
}
