package sqltype

// Failure is why a conversion failed. The caller raises the SQL Server
// error for it, in its own terms: an INSERT names the column type, a CAST
// the expression's type.
type Failure int

// The conversion failures.
const (
	Converted  Failure = iota // no failure
	Malformed                 // a string that does not read as the target type (245, 8114, 8169)
	Overflow                  // a value outside the target's range or precision (8115)
	NotAllowed                // no conversion from the value's type to the target (257)
)

// Mode says how a conversion is asked for, which decides the conversions
// SQL Server allows only explicitly (CAST and CONVERT from character data
// or an integer to binary).
type Mode int

// The conversion modes.
const (
	Implicit Mode = iota // assignment: INSERT and UPDATE into a column
	Explicit             // CAST and CONVERT
)
