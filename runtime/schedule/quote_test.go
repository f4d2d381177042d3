package schedule

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

var awkwardWords = []string{"plain", "two words", "it's", `back\slash`, `"quoted"`, "$HOME", "50%", "", "a;b", "-Name:x"}

func TestShellJoinRoundTripsThroughSh(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	out, err := exec.Command(sh, "-c", `f() { for a in "$@"; do printf '[%s]' "$a"; done; }; f `+ShellJoin(awkwardWords)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, w := range awkwardWords {
		want.WriteString("[" + w + "]")
	}
	if string(out) != want.String() {
		t.Errorf("sh saw %s; want %s", out, want.String())
	}
}

func TestCrontabCommandEscapesPercent(t *testing.T) {
	if got := CrontabCommand([]string{"pcsh", "50%"}); got != `pcsh 50\%` {
		t.Errorf("got %s", got)
	}
}

func TestSystemdJoin(t *testing.T) {
	got := SystemdJoin([]string{"/usr/bin/pcsh", "two words", "$HOME", "50%", `a"b\c`, ";", ""})
	want := `/usr/bin/pcsh "two words" "$$HOME" 50%% "a\"b\\c" \; ""`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// splitWindows is CommandLineToArgvW's rule, for checking WindowsJoin.
func splitWindows(s string) []string {
	var out []string
	var cur strings.Builder
	inQuote, have := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			n := 0
			for i < len(s) && s[i] == '\\' {
				n++
				i++
			}
			if i < len(s) && s[i] == '"' {
				cur.WriteString(strings.Repeat(`\`, n/2))
				if n%2 == 1 {
					cur.WriteByte('"')
				} else {
					inQuote = !inQuote
				}
			} else {
				cur.WriteString(strings.Repeat(`\`, n))
				i--
			}
			have = true
		case c == '"':
			inQuote, have = !inQuote, true
		case c == ' ' && !inQuote:
			if have {
				out = append(out, cur.String())
			}
			cur.Reset()
			have = false
		default:
			cur.WriteByte(c)
			have = true
		}
	}
	if have {
		out = append(out, cur.String())
	}
	return out
}

func TestWindowsJoinRoundTrips(t *testing.T) {
	words := append([]string{`C:\Program Files\pcsh\pcsh.exe`, `C:\dir with space\`, `\\fs\share`}, awkwardWords...)
	if got := splitWindows(WindowsJoin(words)); !slices.Equal(got, words) {
		t.Errorf("WindowsJoin(%q) = %s, which splits into %q", words, WindowsJoin(words), got)
	}
}
