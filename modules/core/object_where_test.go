package core_test

import (
	"testing"

	"pcsh/runtime/cmdlet"
)

func verbs(out []any) []string {
	var names []string
	for _, o := range out {
		v, _ := o.(*cmdlet.Object).Get("Verb")
		names = append(names, v.(string))
	}
	return names
}

func TestWhereObjectOperators(t *testing.T) {
	for line, want := range map[string]int{
		"Get-Verb | Where-Object Group -EQ data | Where-Object Verb -Like S*":    1, // Sync
		"Get-Verb | Where-Object Verb -EQ Get":                                   1,
		"Get-Verb | Where-Object Verb -Match '^(get|set)$'":                      2,
		"Get-Verb | Where-Object Verb -NotLike *e* | Where-Object Verb -Like U*": 1, // Uninstall
	} {
		out, _ := mustRun(t, line)
		if len(out) != want {
			t.Errorf("%s: %d objects %v, want %d", line, len(out), verbs(out), want)
		}
	}
}

// TestWhereObjectPropertyAloneTestsTruth: -Property without an operator
// or value keeps the objects whose property is true, non-empty or
// non-zero, as in PowerShell.
func TestWhereObjectPropertyAloneTestsTruth(t *testing.T) {
	all, _ := mustRun(t, "Get-Verb")
	kept, _ := mustRun(t, "Get-Verb | Where-Object Verb")
	none, _ := mustRun(t, "Get-Verb | Where-Object NoSuchProperty")
	if len(kept) != len(all) || len(none) != 0 {
		t.Errorf("kept %d of %d, and %d without the property", len(kept), len(all), len(none))
	}
}

// TestWhereObjectRejectsHalfComparisons: a value without an operator
// used to return everything; PowerShell rejects it, and an operator
// without a value.
func TestWhereObjectRejectsHalfComparisons(t *testing.T) {
	rec := wantError(t, "Get-Verb | Where-Object -Property Group -Value Data", "OperatorNotSpecified", cmdlet.ExitUsage)
	if rec.Hint != "did you mean Where-Object Group -EQ Data?" {
		t.Errorf("hint %q", rec.Hint)
	}
	wantError(t, "Get-Verb | Where-Object Group Data", "OperatorNotSpecified", cmdlet.ExitUsage)
	wantError(t, "Get-Verb | Where-Object Group -EQ", "ValueNotSpecifiedForWhereObject", cmdlet.ExitUsage)
	wantError(t, "Get-Verb | Where-Object Group -EQ -NE Data", "AmbiguousOperator", cmdlet.ExitUsage)
	wantError(t, "Get-Verb | Where-Object", "MissingFilter", cmdlet.ExitUsage)
}

// TestWhereObjectComparesWithNull: -EQ $null keeps the objects whose
// property is null or missing and -NE $null the others, as in PowerShell;
// the binder gives $null as a nil value, which the cmdlet tells from an
// absent -Value.
func TestWhereObjectComparesWithNull(t *testing.T) {
	all, _ := mustRun(t, "Get-Verb")
	missing, _ := mustRun(t, "Get-Verb | Where-Object NoSuchProperty -EQ $null")
	present, _ := mustRun(t, "Get-Verb | Where-Object Group -EQ $null")
	notNull, _ := mustRun(t, "Get-Verb | Where-Object Group -NE $null")
	if len(missing) != len(all) || len(present) != 0 || len(notNull) != len(all) {
		t.Errorf("-EQ $null on a missing property kept %d of %d, on Group %d; -NE $null kept %d",
			len(missing), len(all), len(present), len(notNull))
	}
	rec := wantError(t, "Get-Verb | Where-Object Group -EQ", "ValueNotSpecifiedForWhereObject", cmdlet.ExitUsage)
	if rec.Hint != "to test for a missing value, compare with $null: Where-Object Group -EQ $null" {
		t.Errorf("hint %q", rec.Hint)
	}
}
