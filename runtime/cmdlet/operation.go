package cmdlet

// operation is the sentence -WhatIf, -Verbose and the confirmation prompt
// print for a change: PowerShell's `Performing the operation "action" on
// target "target".` with both texts exactly as given. Nothing is escaped,
// so a T-SQL action can be pasted into SSMS or sqlcmd as it stands, and a
// multi-line batch keeps its lines.
func operation(action, target string) string {
	return `Performing the operation "` + action + `" on target "` + target + `".`
}

// WhatIfLine is the line -WhatIf prints for a change instead of making
// it: "What if: " and the operation sentence.
func WhatIfLine(action, target string) string { return "What if: " + operation(action, target) }
