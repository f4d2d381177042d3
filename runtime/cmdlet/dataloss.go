package cmdlet

import (
	"fmt"
	"strings"
)

// AllowDataLossName is the switch every command that can lose committed
// data declares as its own parameter (field AllowDataLoss bool). It is an
// ordinary parameter, not a common one, so it counts only when given on
// that very call: no preference, -Force, --force or -Confirm:$false sets
// it, and a runbook that takes it passes it on explicitly.
const AllowDataLossName = "AllowDataLoss"

// RefuseDataLoss returns nil when the call was given -AllowDataLoss
// (allowed is the command's AllowDataLoss field), and otherwise the
// DataLossNotAllowed record the command stops with. format and args say
// what would be lost, as a sentence.
func RefuseDataLoss(allowed bool, target, format string, args ...any) error {
	if allowed {
		return nil
	}
	return DataLossNotAllowed(target, fmt.Sprintf(format, args...))
}

// DataLossNotAllowed is the error record for an operation that would lose
// committed data, run without -AllowDataLoss on the call; loss says what
// would be lost. Every module refuses with it, so scripts can test for
// ErrorId "DataLossNotAllowed".
func DataLossNotAllowed(target, loss string) *ErrorRecord {
	return &ErrorRecord{
		Message:  strings.TrimSuffix(loss, ".") + ". This can lose committed data, so it runs only with -AllowDataLoss on this command.",
		ErrorID:  "DataLossNotAllowed",
		Category: CategoryInvalidOperation,
		Target:   target,
		Hint:     "preview it with -WhatIf -AllowDataLoss, then re-run this command with -AllowDataLoss; -Force, --force and -Confirm:$false never allow data loss, and a runbook passes AllowDataLoss = true on the call itself",
	}
}
