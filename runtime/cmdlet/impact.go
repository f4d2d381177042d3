package cmdlet

// Impact is how much a cmdlet changes: PowerShell's ConfirmImpact. Impact
// None means the cmdlet is read-only and gets no -WhatIf or -Confirm.
type Impact int

// The impact levels.
const (
	ImpactNone Impact = iota
	ImpactLow
	ImpactMedium
	ImpactHigh // prompts by default, because ConfirmPreference defaults to High
)

// ImpactNever is a ConfirmPreference that never prompts (-Confirm:$false).
const ImpactNever Impact = 100

// String returns the PowerShell name of the level.
func (i Impact) String() string {
	switch i {
	case ImpactNone:
		return "None"
	case ImpactLow:
		return "Low"
	case ImpactMedium:
		return "Medium"
	case ImpactHigh:
		return "High"
	}
	return "Never"
}
