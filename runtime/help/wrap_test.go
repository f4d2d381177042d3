package help

import "testing"

func TestWrap(t *testing.T) {
	cases := []struct{ in, want string }{
		{"    short line\n", "    short line\n"},
		{"    one two three four five six\n", "    one two three four\n    five six\n"},
		{"        Required?  yes indeed it is\n", "        Required?  yes\n        indeed it is\n"},
		{"    PS> Get-Command -Noun CsPersistentChat*\n", "    PS> Get-Command -Noun CsPersistentChat*\n"},
		{"    ---------- Example 1 ----------\n", "    ---------- Example 1 ----------\n"},
		{"    averyveryverylongword x\n", "    averyveryverylongword\n    x\n"},
	}
	for _, c := range cases {
		if got := Wrap(c.in, 22); got != c.want {
			t.Errorf("Wrap(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if w := Width(func(string) string { return "" }); w != 80 {
		t.Errorf("default width %d", w)
	}
}
