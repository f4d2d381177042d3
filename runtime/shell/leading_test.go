package shell

import (
	"regexp"
	"testing"
)

// The regular expressions the hand-written tests replace: the oracle.
var (
	verbNounRE = regexp.MustCompile(`^\s*[A-Za-z]+-[A-Za-z][A-Za-z0-9]*(\s|$|\||;)`)
	aliasRE    = regexp.MustCompile(`^\s*(\?|[A-Za-z]+)(\s*$|\s*[|;]|\s+[^\s=(.:\[{~<>+*/%^])`)
)

var leadingSeeds = []string{
	"", " ", "Get-Command", "  Get-Command -Name x", "Get-Command|ft", "Get-Command;", "Get-", "Get-1",
	"Get-Co2mmand", "Get-Co_x", "get-x\t", "Get-Command\v", "a-b", "-b", "x = Get-Command", "return 1",
	"?", "? Name -eq x", "?x", "? = 1", "gcm", "gcm\n", "ft Name", "sort = 1", "help(x)", "help x",
	"help .x", "help  \t -Full", "sort|", "sort ;", "select é", "where \xff", "type\f~", "ls -l", "a  ^b",
	"Get-Command\u00a0", "\u00a0gcm", "Ω-x ", "gcm\r", "x-Y9 | y",
}

func checkLeading(t *testing.T, src string) {
	if got, want := startsWithVerbNoun(src), verbNounRE.MatchString(src); got != want {
		t.Errorf("startsWithVerbNoun(%q) = %v, the expression says %v", src, got, want)
	}
	word, ok := leadingCommandWord(src)
	m := aliasRE.FindStringSubmatch(src)
	if ok != (m != nil) || ok && word != m[1] {
		t.Errorf("leadingCommandWord(%q) = %q, %v; the expression says %q", src, word, ok, m)
	}
}

// TestLeadingMatchesTheExpressions: the hand-written tests agree with the
// regular expressions they replace.
func TestLeadingMatchesTheExpressions(t *testing.T) {
	for _, s := range leadingSeeds {
		checkLeading(t, s)
	}
}

// FuzzLeading checks the hand-written tests against the expressions on
// any input, valid UTF-8 or not.
func FuzzLeading(f *testing.F) {
	for _, s := range leadingSeeds {
		f.Add(s)
	}
	f.Fuzz(checkLeading)
}
