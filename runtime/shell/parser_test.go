package shell

import (
	"reflect"
	"testing"

	"pcsh/runtime/cmdlet"
)

func TestParse(t *testing.T) {
	ht := &cmdlet.Hashtable{}
	ht.Set("Add", "a")
	ht.Set("Remove", []any{"b", "c"})
	cases := []struct {
		src  string
		want []Element
	}{
		{`Set-X -Identity service:pc.contoso.com -PoolState FailedOver`, []Element{
			{Param: "Identity"}, {Value: "service:pc.contoso.com", IsValue: true},
			{Param: "PoolState"}, {Value: "FailedOver", IsValue: true}}},
		{"Set-X -Flag:$false -N 5 -F 1.5 -S 'it''s' -D \"a`tb\"", []Element{
			{Param: "Flag", Colon: true, Value: false, IsValue: true}, {Param: "N"}, {Value: int64(5), IsValue: true},
			{Param: "F"}, {Value: 1.5, IsValue: true}, {Param: "S"}, {Value: "it's", IsValue: true},
			{Param: "D"}, {Value: "a\tb", IsValue: true}}},
		{`Set-X -A pc1,pc2 @(x, 'y z') $null`, []Element{
			{Param: "A"}, {Value: []any{"pc1", "pc2"}, IsValue: true},
			{Value: []any{"x", "y z"}, IsValue: true}, {Value: nil, IsValue: true}}},
		{`Set-X -ActiveServers @{Add="a";Remove=b,c}`, []Element{{Param: "ActiveServers"}, {Value: ht, IsValue: true}}},
		{`Set-X -Offset -5 # comment`, []Element{{Param: "Offset"}, {Value: int64(-5), IsValue: true}}},
	}
	for _, c := range cases {
		pls, err := Parse(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		got := pls[0].Calls[0].Elems
		for i := range got {
			got[i].Pos = 0
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s\n got %#v\nwant %#v", c.src, got, c.want)
		}
	}
}

func TestParsePipelinesAndStatements(t *testing.T) {
	pls, err := Parse("Get-A | Where-Object X -EQ 1 | Format-Table; Get-B\nGet-C")
	if err != nil {
		t.Fatal(err)
	}
	if len(pls) != 3 || len(pls[0].Calls) != 3 || pls[0].Calls[2].Name != "Format-Table" {
		t.Fatalf("%+v", pls)
	}
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		`Get-A -X 'open`: "column 10: the string is missing the terminator: '",
		`Get-A @{a=1`:    "column 12: missing '}' in @{} hashtable",
		`Get-A @{a 1}`:   "column 11: missing '=' after key 'a' in hashtable",
		`Get-A )`:        "column 7: unexpected ')'",
		`Get-A |`:        "column 8: expected a command name",
		`Get-A -X a,`:    "column 12: expected a value, got end of line",
		`Get-A @(1,2`:    "column 12: missing ')' in @() array",
	} {
		_, err := Parse(src)
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q) = %v, want %q", src, err, want)
		}
	}
}

func TestIsCommandLine(t *testing.T) {
	for src, want := range map[string]bool{
		"Get-Command": true, "  Get-Verb -Verb Get": true, "Get-Command|Format-List": true, "Get-Date; Write-Host a": true,
		"return 1": false, "x = a-b": false, "print('Get-X')": false, "Get_Command{}": false,
	} {
		if got := IsCommandLine(src); got != want {
			t.Errorf("IsCommandLine(%q) = %v", src, got)
		}
	}
}
