package exec

import (
	"testing"
	"time"

	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tds"
)

// go-mssqldb sends a time.Time as datetimeoffset; a procedure called by
// name must see that type, offset included, as sp_executesql does.
func TestParamValueKeepsDatetimeoffset(t *testing.T) {
	at := time.Date(2026, 12, 4, 8, 30, 20, 123456700, time.FixedZone("", 90*60))
	v := paramValue(tds.Param{Name: "@at", Type: sqltype.TypeDateTimeOffset, Value: at})
	if v.t != dtoT() {
		t.Fatalf("type %+v, want datetimeoffset(7)", v.t)
	}
	s, err := convert(v, sqlType{Type: sqltype.TypeNVarChar, Length: 4000}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.v, "2026-12-04 08:30:20.1234567 +01:30"; got != want {
		t.Fatalf("as nvarchar: %q, want %q", got, want)
	}
}
