package shell

import (
	"fmt"
	"strings"
	"unicode"
)

// tokenKind classifies a lexical token.
type tokenKind int

const (
	tokWord      tokenKind = iota + 1 // bare word
	tokString                         // quoted string
	tokParam                          // -Name (Text holds Name, Colon marks -Name:)
	tokPipe                           // |
	tokSemi                           // ; or newline
	tokComma                          // ,
	tokArrayOpen                      // @(
	tokHashOpen                       // @{
	tokClose                          // ) or }
	tokEquals                         // = inside a hashtable
	tokEOF
)

// token is one lexical token with its byte offset.
type token struct {
	kind  tokenKind
	text  string
	colon bool
	pos   int
	end   int // the offset after the token's last byte (words and strings)
}

// SyntaxError is a command-line syntax error at a byte offset.
type SyntaxError struct {
	Pos int
	Msg string
}

// Error returns the message with its column.
func (e *SyntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.Pos+1, e.Msg) }

// lexer splits a command line into tokens.
type lexer struct {
	src    string
	pos    int
	toks   []token
	braces []byte // open @{ and @( for context
}

func lex(src string) ([]token, error) {
	l := &lexer{src: src}
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		l.toks = append(l.toks, t)
		if t.kind == tokEOF {
			return l.toks, nil
		}
	}
}

func (l *lexer) next() (token, error) {
	l.skipSpace()
	if l.pos >= len(l.src) {
		return token{kind: tokEOF, pos: l.pos}, nil
	}
	start := l.pos
	c := l.src[l.pos]
	switch {
	case c == '|':
		l.pos++
		return token{kind: tokPipe, pos: start}, nil
	case c == ';' || c == '\n':
		l.pos++
		return token{kind: tokSemi, pos: start}, nil
	case c == ',':
		l.pos++
		return token{kind: tokComma, pos: start}, nil
	case c == ')' || c == '}':
		return l.close(start, c)
	case c == '=' && l.inHash():
		l.pos++
		return token{kind: tokEquals, pos: start}, nil
	case c == '@' && l.peek(1) == '{':
		l.pos += 2
		l.braces = append(l.braces, '{')
		return token{kind: tokHashOpen, pos: start}, nil
	case c == '@' && l.peek(1) == '(':
		l.pos += 2
		l.braces = append(l.braces, '(')
		return token{kind: tokArrayOpen, pos: start}, nil
	case c == '\'' || c == '"':
		return l.quoted(c)
	case c == '-' && isParamStart(l.peek(1)):
		return l.param()
	}
	return l.word()
}

func (l *lexer) close(start int, c byte) (token, error) {
	want := map[byte]byte{')': '(', '}': '{'}[c]
	if len(l.braces) == 0 || l.braces[len(l.braces)-1] != want {
		return token{}, &SyntaxError{start, fmt.Sprintf("unexpected '%c'", c)}
	}
	l.braces = l.braces[:len(l.braces)-1]
	l.pos++
	return token{kind: tokClose, text: string(c), pos: start}, nil
}

func (l *lexer) inHash() bool { return len(l.braces) > 0 && l.braces[len(l.braces)-1] == '{' }

func (l *lexer) peek(n int) byte {
	if l.pos+n < len(l.src) {
		return l.src[l.pos+n]
	}
	return 0
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		case c == '`' && l.peek(1) == '\n':
			l.pos += 2
		case c == '\n' && l.inHash():
			l.pos++
		case c == ' ' || c == '\t' || c == '\r':
			l.pos++
		default:
			return
		}
	}
}

func isParamStart(c byte) bool { return c == '_' || unicode.IsLetter(rune(c)) }

func (l *lexer) param() (token, error) {
	start := l.pos
	l.pos++
	for l.pos < len(l.src) && isNameChar(l.src[l.pos]) {
		l.pos++
	}
	t := token{kind: tokParam, text: l.src[start+1 : l.pos], pos: start}
	if l.pos < len(l.src) && l.src[l.pos] == ':' {
		t.colon = true
		l.pos++
	}
	return t, nil
}

func isNameChar(c byte) bool {
	return c == '_' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
}

// word reads a bare word: everything up to white space or a metacharacter.
func (l *lexer) word() (token, error) {
	start := l.pos
	for l.pos < len(l.src) && !isWordEnd(l.src[l.pos], l.inHash(), len(l.braces) > 0) {
		l.pos++
	}
	if l.pos == start {
		return token{}, &SyntaxError{start, fmt.Sprintf("unexpected '%c'", l.src[start])}
	}
	return token{kind: tokWord, text: l.src[start:l.pos], pos: start, end: l.pos}, nil
}

func isWordEnd(c byte, inHash, nested bool) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '|', ';', ',', '\'', '"':
		return true
	case '=':
		return inHash
	case ')', '}':
		return nested
	}
	return false
}

// quoted reads a 'single' (doubled ” escapes) or "double" (backtick
// escapes, doubled "") string. There is no variable expansion.
func (l *lexer) quoted(q byte) (token, error) {
	start := l.pos
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == q && l.peek(1) == q:
			b.WriteByte(q)
			l.pos += 2
		case c == q:
			l.pos++
			return token{kind: tokString, text: b.String(), pos: start, end: l.pos}, nil
		case c == '`' && q == '"' && l.pos+1 < len(l.src):
			b.WriteByte(unescape(l.src[l.pos+1]))
			l.pos += 2
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	return token{}, &SyntaxError{start, "the string is missing the terminator: " + string(q)}
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case '0':
		return 0
	}
	return c
}
