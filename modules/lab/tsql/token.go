package tsql

// Kind classifies a token.
type Kind int

// The token kinds.
const (
	EOF      Kind = iota // end of the batch
	Ident                // regular, [bracketed] or "quoted" identifier, or #temp name
	Variable             // @name
	SysVar               // @@name
	String               // 'text'
	NString              // N'text'
	Integer              // 123
	Decimal              // 1.5
	Float                // 1e5
	Binary               // 0x0A
	Op                   // operator or punctuation
)

// Token is one lexical element of a batch.
type Token struct {
	Kind   Kind
	Text   string // the source text of the token
	Value  string // identifier name without delimiters, or string contents
	Quoted bool   // a [bracketed] or "quoted" identifier
	Line   int    // 1-based line of the first character
	Offset int    // byte offset of the first character
}

// IsWord reports whether t is an undelimited identifier spelled w, ignoring
// case: the way keywords are recognised.
func (t Token) IsWord(w string) bool {
	return t.Kind == Ident && !t.Quoted && equalFold(t.Value, w)
}

// IsOp reports whether t is the operator or punctuation op.
func (t Token) IsOp(op string) bool {
	return t.Kind == Op && t.Text == op
}

// IsReserved reports whether t is an undelimited reserved keyword.
func (t Token) IsReserved() bool {
	return t.Kind == Ident && !t.Quoted && isReserved(t.Value)
}

// near is the text SQL Server quotes in "Incorrect syntax near '…'".
func (t Token) near() string {
	switch t.Kind {
	case Ident, String, NString:
		return t.Value
	}
	return t.Text
}

// equalFold compares ASCII case-insensitively; keywords are ASCII.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if upperByte(a[i]) != upperByte(b[i]) {
			return false
		}
	}
	return true
}

func upperByte(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
