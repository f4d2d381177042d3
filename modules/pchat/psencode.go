package pchat

import (
	"encoding/base64"
	"encoding/binary"
	"unicode/utf16"
)

// encodedCommand renders a script as PowerShell's -EncodedCommand value:
// the UTF-16LE bytes of the text, base64-encoded. The value holds only
// base64 characters, so it needs no quoting on any command line.
func encodedCommand(script string) string {
	units := utf16.Encode([]rune(script))
	b := make([]byte, 2*len(units))
	for i, u := range units {
		binary.LittleEndian.PutUint16(b[2*i:], u)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// powershellArgs are the arguments every runner starts PowerShell with:
// no profile, no prompts, the script as -EncodedCommand.
func powershellArgs(script string) []string {
	return []string{"-NoProfile", "-NonInteractive", "-EncodedCommand", encodedCommand(script)}
}
