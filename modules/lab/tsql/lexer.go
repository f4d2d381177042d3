package tsql

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lex splits a batch into tokens, dropping whitespace and comments. The
// last token is always EOF.
func Lex(sql string) ([]Token, error) {
	lx := &lexer{src: sql, line: 1}
	var toks []Token
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.Kind == EOF {
			return toks, nil
		}
	}
}

// lexer is the scanning state over one batch.
type lexer struct {
	src  string
	pos  int
	line int
}

// twoCharOps are the operators longer than one character.
const twoCharOps = " <> != <= >= !< !> :: += -= *= /= %= &= |= ^= "

func (lx *lexer) peekByte(off int) byte {
	if lx.pos+off < len(lx.src) {
		return lx.src[lx.pos+off]
	}
	return 0
}

func (lx *lexer) peekRune() rune {
	r, _ := utf8.DecodeRuneInString(lx.src[lx.pos:])
	return r
}

// advance moves n bytes forward, counting newlines.
func (lx *lexer) advance(n int) {
	lx.line += strings.Count(lx.src[lx.pos:lx.pos+n], "\n")
	lx.pos += n
}

func (lx *lexer) next() (Token, error) {
	if err := lx.skipSpace(); err != nil {
		return Token{}, err
	}
	if lx.pos >= len(lx.src) {
		return Token{Kind: EOF, Line: lx.line, Offset: lx.pos}, nil
	}
	start, line := lx.pos, lx.line
	t, err := lx.scan()
	if err != nil {
		return Token{}, err
	}
	t.Text, t.Line, t.Offset = lx.src[start:lx.pos], line, start
	if t.Kind != String && t.Kind != NString && t.Value == "" {
		t.Value = t.Text
	}
	return t, nil
}

// scan reads one token starting at lx.pos; next fills in Text and Line.
func (lx *lexer) scan() (Token, error) {
	c, r := lx.peekByte(0), lx.peekRune()
	switch {
	case c == '\'':
		return lx.scanString(String, 1)
	case (c == 'N' || c == 'n') && lx.peekByte(1) == '\'':
		return lx.scanString(NString, 2)
	case c == '[':
		return lx.scanDelimited(']')
	case c == '"':
		return lx.scanDelimited('"')
	case c == '0' && (lx.peekByte(1) == 'x' || lx.peekByte(1) == 'X'):
		return lx.scanBinary(), nil
	case isDigit(c) || (c == '.' && isDigit(lx.peekByte(1))):
		return lx.scanNumber(), nil
	case c == '@':
		return lx.scanVariable()
	case isIdentStart(r):
		return lx.scanWord(Ident)
	}
	return lx.scanOp(), nil
}

// skipSpace skips whitespace, -- comments and nested /* */ comments.
func (lx *lexer) skipSpace() error {
	for lx.pos < len(lx.src) {
		switch r := lx.peekRune(); {
		case unicode.IsSpace(r):
			lx.advance(utf8.RuneLen(r))
		case r == '-' && lx.peekByte(1) == '-':
			end := strings.IndexByte(lx.src[lx.pos:], '\n')
			if end < 0 {
				end = len(lx.src) - lx.pos
			}
			lx.advance(end)
		case r == '/' && lx.peekByte(1) == '*':
			if err := lx.skipBlockComment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

func (lx *lexer) skipBlockComment() error {
	depth := 0
	for lx.pos < len(lx.src) {
		switch {
		case lx.peekByte(0) == '/' && lx.peekByte(1) == '*':
			depth++
			lx.advance(2)
		case lx.peekByte(0) == '*' && lx.peekByte(1) == '/':
			depth--
			lx.advance(2)
			if depth == 0 {
				return nil
			}
		default:
			lx.advance(1)
		}
	}
	return &SyntaxError{Number: ErrMissingEndComment, Line: lx.line,
		Message: "Missing end comment mark '*/'."}
}

// scanString reads a '…' literal whose opening quote is skip-1 bytes in.
func (lx *lexer) scanString(kind Kind, skip int) (Token, error) {
	line := lx.line
	lx.advance(skip)
	value, ok := lx.scanQuoted('\'')
	if !ok {
		return Token{}, errUnclosedQuote(line, value)
	}
	return Token{Kind: kind, Value: value}, nil
}

// scanDelimited reads a [bracketed] or "quoted" identifier.
func (lx *lexer) scanDelimited(closer byte) (Token, error) {
	line := lx.line
	lx.advance(1)
	value, ok := lx.scanQuoted(closer)
	if !ok {
		return Token{}, errUnclosedQuote(line, value)
	}
	if utf8.RuneCountInString(value) > MaxIdentifierLength {
		return Token{}, errTooLong(line, value)
	}
	return Token{Kind: Ident, Value: value, Quoted: true}, nil
}

// scanQuoted reads up to the closing quote, where a doubled closer stands
// for itself. ok is false when the batch ends first.
func (lx *lexer) scanQuoted(closer byte) (value string, ok bool) {
	var b strings.Builder
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		lx.advance(1)
		if c != closer {
			b.WriteByte(c)
			continue
		}
		if lx.peekByte(0) != closer {
			return b.String(), true
		}
		b.WriteByte(c)
		lx.advance(1)
	}
	return b.String(), false
}

func (lx *lexer) scanBinary() Token {
	lx.advance(2)
	for isHex(lx.peekByte(0)) {
		lx.advance(1)
	}
	return Token{Kind: Binary}
}

func (lx *lexer) scanNumber() Token {
	kind := Integer
	lx.skipDigits()
	if lx.peekByte(0) == '.' {
		kind = Decimal
		lx.advance(1)
		lx.skipDigits()
	}
	if e := lx.peekByte(0); e == 'e' || e == 'E' {
		n := 1
		if s := lx.peekByte(1); s == '+' || s == '-' {
			n = 2
		}
		if isDigit(lx.peekByte(n)) {
			kind = Float
			lx.advance(n)
			lx.skipDigits()
		}
	}
	return Token{Kind: kind}
}

func (lx *lexer) skipDigits() {
	for isDigit(lx.peekByte(0)) {
		lx.advance(1)
	}
}

// scanVariable reads @name or @@name.
func (lx *lexer) scanVariable() (Token, error) {
	kind, n := Variable, 1
	if lx.peekByte(1) == '@' {
		kind, n = SysVar, 2
	}
	rest := lx.src[lx.pos+n:]
	if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isIdentPart(r) {
		return lx.scanOp(), nil
	}
	lx.advance(n)
	return lx.scanWord(kind)
}

// scanWord reads identifier characters for an identifier or a variable.
func (lx *lexer) scanWord(kind Kind) (Token, error) {
	start, line := lx.pos, lx.line
	for lx.pos < len(lx.src) {
		r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !isIdentPart(r) {
			break
		}
		lx.advance(size)
	}
	word := lx.src[start:lx.pos]
	if utf8.RuneCountInString(word) > MaxIdentifierLength {
		return Token{}, errTooLong(line, word)
	}
	return Token{Kind: kind}, nil
}

func (lx *lexer) scanOp() Token {
	if lx.pos+2 <= len(lx.src) && strings.Contains(twoCharOps, " "+lx.src[lx.pos:lx.pos+2]+" ") {
		lx.advance(2)
		return Token{Kind: Op}
	}
	_, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
	lx.advance(size)
	return Token{Kind: Op}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isIdentStart(r rune) bool {
	return r == '_' || r == '#' || unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return r == '_' || r == '#' || r == '@' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
