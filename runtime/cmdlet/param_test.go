package cmdlet

import (
	"reflect"
	"testing"
)

func TestParseParamTag(t *testing.T) {
	p := &Param{Name: "Field", Kind: KindString, Position: -1}
	if err := ParseParamTag(p, " Name , mandatory, position=0 ,alias=N|Nm, set=A|B"); err != nil {
		t.Fatal(err)
	}
	want := &Param{Name: "Name", Kind: KindString, Mandatory: true, Position: 0,
		Aliases: []string{"N", "Nm"}, ValidSet: []string{"A", "B"}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got %+v, want %+v", p, want)
	}
}

// TestParseParamTagDefaultKeepsSpaces: Write-Host's separator defaults
// to one space, which trimming would turn into nothing.
func TestParseParamTagDefaultKeepsSpaces(t *testing.T) {
	for tag, want := range map[string]string{"default= ": " ", "position=1,default= - ": " - ", "default=x": "x"} {
		p := &Param{Name: "Separator", Kind: KindString, Position: -1}
		if err := ParseParamTag(p, tag); err != nil {
			t.Fatal(err)
		}
		if p.Default != want {
			t.Errorf("tag %q: default %q, want %q", tag, p.Default, want)
		}
	}
}
