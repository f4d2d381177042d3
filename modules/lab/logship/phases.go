package logship

import (
	"time"

	"pcsh/modules/lab/agent"
)

// The lab staggers a secondary's jobs within each schedule slot: the copy
// job fires CopyPhase after the slot, when the primary's backup job of the
// same slot has written its file, and the restore job RestorePhase after
// it, when the copy has landed. SQL Server admins do the same by giving the
// jobs different start times; the lab's phases keep the shipping delay
// within two intervals even at one-second intervals.
const (
	CopyPhase    = 300 * time.Millisecond
	RestorePhase = 600 * time.Millisecond
)

// jobPhases maps each secondary's copy and restore jobs to their phase,
// from msdb.dbo.log_shipping_secondary.
func jobPhases(st agent.Store) map[[16]byte]time.Duration {
	rows, err := st.Select("log_shipping_secondary", nil)
	if err != nil {
		return nil
	}
	out := make(map[[16]byte]time.Duration, 2*len(rows))
	for _, r := range rows {
		out[r.GUID("copy_job_id")] = CopyPhase
		out[r.GUID("restore_job_id")] = RestorePhase
	}
	return out
}
