package shell

// The two tests of a line's first word, written out by hand rather than
// as regular expressions, which every `pcsh -c` would compile at start-up
// (leading_test.go checks them against the expressions they replace).

// isSpace is the regexp \s: space, \t, \n, \f, \r.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skip returns the index of the first byte of s from i on that is not in.
func skip(s string, i int, in func(byte) bool) int {
	for i < len(s) && in(s[i]) {
		i++
	}
	return i
}

// startsWithVerbNoun reports whether src starts, after white space, with
// Verb-Noun (letters, a dash, a letter, letters or digits) followed by
// white space, the end, '|' or ';'.
func startsWithVerbNoun(src string) bool {
	i := skip(src, 0, isSpace)
	j := skip(src, i, isLetter)
	if j == i || j+1 >= len(src) || src[j] != '-' || !isLetter(src[j+1]) {
		return false
	}
	k := skip(src, j+2, func(c byte) bool { return isLetter(c) || isDigit(c) })
	return k == len(src) || isSpace(src[k]) || src[k] == '|' || src[k] == ';'
}

// leadingCommandWord returns the word a line starts with ('?' or letters,
// after white space) when it is used as a command: alone, before '|' or
// ';', or before white space and an argument that cannot continue a Lua
// expression (not one of = ( . : [ { ~ < > + * / % ^), so `sort = 1` and
// `help(x)` stay Lua. ok is false otherwise.
func leadingCommandWord(src string) (word string, ok bool) {
	i := skip(src, 0, isSpace)
	j := i + 1
	if i < len(src) && src[i] != '?' {
		j = skip(src, i, isLetter)
	}
	if j == i || j > len(src) {
		return "", false
	}
	k := skip(src, j, isSpace)
	switch {
	case k == len(src) || src[k] == '|' || src[k] == ';':
		return src[i:j], true
	case k > j && !continuesExpression(src[k]):
		return src[i:j], true
	}
	return "", false
}

func continuesExpression(c byte) bool {
	switch c {
	case '=', '(', '.', ':', '[', '{', '~', '<', '>', '+', '*', '/', '%', '^':
		return true
	}
	return false
}
