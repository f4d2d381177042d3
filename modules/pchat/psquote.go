package pchat

import "strings"

// psQuoteChars are the characters PowerShell reads as a single quote: the
// ASCII one and the Unicode left, right, low-9 and reversed ones.
const psQuoteChars = "'\u2018\u2019\u201a\u201b"

// psQuote renders s as a PowerShell single-quoted string, doubling every
// character PowerShell treats as a single quote, so no value can end the
// string or expand a variable.
func psQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		b.WriteRune(r)
		if strings.ContainsRune(psQuoteChars, r) {
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// psList renders a list as 'a','b', or @() when empty.
func psList(items []string) string {
	if len(items) == 0 {
		return "@()"
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = psQuote(s)
	}
	return strings.Join(q, ",")
}
