package cmdlet

import "testing"

func TestContainsFold(t *testing.T) {
	for s, want := range map[string]bool{
		"Set-X -WhatIf": true, "Set-X -whatif:$true": true, "-WHATIF": true, "Set-X -What": false,
		"Set-X --WhatI": false, "": false, "a-b-c -whatIf": true,
	} {
		if got := containsFold(s, "-whatif"); got != want {
			t.Errorf("containsFold(%q) = %v, want %v", s, got, want)
		}
	}
}
