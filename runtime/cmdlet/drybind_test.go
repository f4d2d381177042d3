package cmdlet_test

import (
	"testing"

	"pcsh/runtime/cmdlet"
)

// checked is a cmdlet whose Validate rejects Low above High.
type checked struct {
	Low  int `param:"position=0" help:"The low bound."`
	High int `param:"default=10" help:"The high bound."`
}

func (c *checked) Validate() error {
	if c.Low > c.High {
		return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "BadRange", "", "Low is above High.")
	}
	return nil
}

func (c *checked) Process(*cmdlet.Context) error { panic("DryBind must not run Process") }

// TestDryBindDoesAllButProcess: binding an example must catch what a real
// call catches before running: a missing mandatory parameter and a
// Validate error, not only unknown names.
func TestDryBindDoesAllButProcess(t *testing.T) {
	s, _ := newTestSession(t, false)
	set, _ := s.Registry.Lookup("Set-TestPoolState")
	chk, err := cmdlet.NewCommand(cmdlet.Info{Name: "Test-Range", Synopsis: "Checks.", New: func() cmdlet.Cmdlet { return new(checked) }})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		cmd   *cmdlet.Command
		args  cmdlet.Args
		piped bool
		id    string
	}{
		{"complete", set, named("Identity", "p", "PoolState", "Normal"), false, ""},
		{"missing mandatory", set, named("Identity", "p"), false, "MissingMandatoryParameter"},
		{"piped input supplies Identity", set, named("PoolState", "Normal"), true, ""},
		{"not piped, Identity missing", set, named("PoolState", "Normal"), false, "MissingMandatoryParameter"},
		{"unknown name", set, named("Nope", 1), false, "NamedParameterNotFound"},
		{"validate passes with the default", chk, cmdlet.Args{Positional: []any{int64(3)}}, false, ""},
		{"validate fails", chk, cmdlet.Args{Positional: []any{int64(30)}}, false, "BadRange"},
	}
	for _, c := range cases {
		rec := cmdlet.DryBind(c.cmd, c.args, c.piped)
		got := ""
		if rec != nil {
			got = rec.ErrorID
		}
		if got != c.id {
			t.Errorf("%s: error %q (%v), want %q", c.name, got, rec, c.id)
		}
	}
}
