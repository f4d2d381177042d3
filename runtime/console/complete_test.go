package console

import (
	"reflect"
	"testing"

	_ "pcsh/modules/core"
	"pcsh/runtime/cmdlet"
)

func TestCompleter(t *testing.T) {
	c := Completer{Registry: cmdlet.Builtin()}
	cases := []struct {
		line string
		head string
		want []string
	}{
		{"Get-Ve", "", []string{"Get-Verb"}},
		{"get_ve", "", []string{"Get_Verb"}},
		{"Get-Command -Comm", "Get-Command ", []string{"-CommandType"}},
		{"Get-Command -CommandType r", "Get-Command -CommandType ", []string{"Runbook"}},
		{"Get-Verb | Format-T", "Get-Verb | ", []string{"Format-Table"}},
		{"Get-Verb | Sort-Object -Desc", "Get-Verb | Sort-Object ", []string{"-Descending"}},
		{"Get-Command -Name x", "Get-Command -Name ", nil},
		{"Get-Help Get-Ve", "Get-Help ", []string{"Get-Verb"}},
		{"help get_ve", "help ", []string{"Get_Verb"}},
		{"Get-Help Get-Verb -Full x", "Get-Help Get-Verb -Full ", nil},
		{"Get-Command -Module c", "Get-Command -Module ", []string{"core"}},
		{"gcm -Mod", "gcm ", []string{"-Module"}},
	}
	for _, tc := range cases {
		head, got, tail := c.Complete(tc.line, len(tc.line))
		if head != tc.head || !reflect.DeepEqual(got, tc.want) || tail != "" {
			t.Errorf("Complete(%q) = %q %q %q, want %q %q", tc.line, head, got, tail, tc.head, tc.want)
		}
	}
}
