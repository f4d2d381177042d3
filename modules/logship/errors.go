package logship

import (
	"slices"

	"pcsh/modules/connection"
	"pcsh/runtime/cmdlet"
)

// notFoundErrors are the log shipping procedures' "there is no such
// configuration" errors: 32010 (not a primary), 32014 (not a secondary
// database), 32023 (no such primary on this secondary), and 14262 (no
// such job).
var notFoundErrors = []int32{32010, 32014, 32023, 14262}

// isNotFound reports whether err says the configuration is already gone.
func isNotFound(err error) bool {
	return slices.Contains(notFoundErrors, connection.ErrorNumber(err))
}

// needForce is the record for a step that -Force allows: one that loses
// no committed data itself (data loss needs -AllowDataLoss).
func needForce(target, what string) *cmdlet.ErrorRecord {
	return cmdlet.Errorf(cmdlet.CategoryInvalidOperation, "ForceRequired", target,
		"%s needs -Force.", what).WithHint("review the statements with -WhatIf, then re-run with -Force")
}

// stepFailed wraps a failed step's record with the step it was in.
func stepFailed(err error, step string) *cmdlet.ErrorRecord {
	rec := cmdlet.AsRecord(err)
	out := *rec
	out.Message = step + ": " + rec.Message
	return &out
}
