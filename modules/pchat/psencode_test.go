package pchat

import (
	"testing"

	"pcsh/modules/pchat/winrmfake"
)

// The example of powershell.exe's help (about_PowerShell_exe,
// -EncodedCommand): the UTF-16LE bytes of the text, base64-encoded.
func TestEncodedCommandMatchesPowerShellsExample(t *testing.T) {
	if got := encodedCommand(`dir "c:\program files" `); got != "ZABpAHIAIAAiAGMAOgBcAHAAcgBvAGcAcgBhAG0AIABmAGkAbABlAHMAIgAgAA==" {
		t.Fatalf("got %s", got)
	}
}

func TestEncodedCommandRoundTrips(t *testing.T) {
	for _, script := range []string{"", "Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Add='pc3.contoso.com'}",
		"$x = \"a 'b' `\"c`\"\"; Write-Output $x\r\n# 😀 ü", "a;b|c&d>e"} {
		if got, err := winrmfake.DecodeCommand(encodedCommand(script)); err != nil || got != script {
			t.Errorf("%q round-trips to %q, %v", script, got, err)
		}
	}
}
