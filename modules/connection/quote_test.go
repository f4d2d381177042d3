package connection

import (
	"strings"
	"testing"
)

func TestQuoteName(t *testing.T) {
	for in, want := range map[string]string{"a]b": "[a]]b]", "mgc": "[mgc]", "": "[]", "[x]": "[[x]]]", "o'k": "[o'k]",
		strings.Repeat("é", 128): "[" + strings.Repeat("é", 128) + "]"} {
		got, err := QuoteName(in)
		if err != nil || got != want {
			t.Errorf("QuoteName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := QuoteName(strings.Repeat("a", 129)); err == nil || !strings.Contains(err.Error(), "129 characters") {
		t.Errorf("129 characters: %v", err)
	}
}

func TestQuoteString(t *testing.T) {
	if got := QuoteString(`\\share\it's`); got != `N'\\share\it''s'` {
		t.Errorf("QuoteString = %s", got)
	}
}
