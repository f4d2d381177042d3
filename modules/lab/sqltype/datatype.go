package sqltype

// DataType names a SQL Server column type the lab can store and send.
type DataType int

// The data types of the lab's columns.
const (
	TypeInt DataType = iota + 1
	TypeBigInt
	TypeSmallInt
	TypeTinyInt
	TypeBit
	TypeDecimal
	TypeNVarChar // Length 0 or -1 means nvarchar(max)
	TypeVarChar  // Length 0 or -1 means varchar(max)
	TypeDateTime
	TypeDateTime2
	TypeUniqueIdentifier
	TypeVarBinary // Length 0 or -1 means varbinary(max)
	TypeFloat
	TypeSQLVariant
	TypeDateTimeOffset // datetimeoffset(Scale); go-mssqldb sends time.Time parameters as datetimeoffset(7)
	TypeDate
)

// Column describes one column of a table or a result set.
//
// Values use these Go types: nil for NULL, int64 for int/bigint/
// smallint/tinyint (other Go integer types are accepted too), bool for bit,
// Decimal for decimal/numeric, string for (n)varchar, time.Time for
// datetime/datetime2/datetimeoffset/date, [16]byte for uniqueidentifier in
// canonical RFC 4122 order (as uuid.UUID; the TDS server swaps to SQL
// Server's mixed-endian wire order and back), []byte for varbinary, float64
// for float. A sql_variant column takes any of these; its base type follows
// the Go type. Datetime2/datetimeoffset columns use Scale as the fractional
// digits when Precision is non-zero; Precision 0 means scale 7.
type Column struct {
	Name      string
	Type      DataType
	Length    int // characters for (n)varchar, bytes for varbinary; -1 for max
	Precision uint8
	Scale     uint8
	Nullable  bool
}
