package shell

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that the command-line parser never panics or hangs and
// that every accepted line yields commands with names.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Get-Command", "Set-CsPersistentChatState -Identity service:pc.contoso.com -PoolState FailedOver -WhatIf",
		`Set-CsPersistentChatActiveServer -Identity x -ActiveServers @{Add="a";Remove="b"}`,
		"Get-A | Where-Object Name -Like 'Get-*' | Sort-Object Name -Descending | Format-Table Name, Module",
		"Write-Host \"a`tb\" 'c''d' @(1, 2.5, $true, $null) -X:$false; Get-B",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		pls, err := Parse(src)
		if err != nil {
			return
		}
		for _, pl := range pls {
			if len(pl.Calls) == 0 {
				t.Fatalf("empty pipeline from %q", src)
			}
			for _, c := range pl.Calls {
				if c.Name == "" {
					t.Fatalf("empty command name from %q", src)
				}
			}
		}
	})
}
