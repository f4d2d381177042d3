package shell

import (
	"testing"

	"pcsh/runtime/cmdlet"
)

// login is a test cmdlet with a secret parameter at position 1 and a
// password-named one without the tag.
type login struct {
	User     string            `param:"position=0" help:"The user."`
	Password string            `param:"position=1,secret" help:"The password."`
	OldPwd   string            `param:"" help:"The old password."`
	Values   *cmdlet.Hashtable `param:"" help:"Values."`
	Note     []string          `param:"" help:"Not a password by name."`
}

func (*login) Process(*cmdlet.Context) error { return nil }

func loginRegistry(t *testing.T) *cmdlet.Registry {
	t.Helper()
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Set-TestLogin", Synopsis: "Sets a test login.",
		New: func() cmdlet.Cmdlet { return new(login) }})
	if err != nil {
		t.Fatal(err)
	}
	reg := cmdlet.NewRegistry()
	if err := reg.Add(cmd); err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestRedactBindsFirst: every word bound to a secret parameter is
// masked, however the parameter is named (abbreviated, by position, with a
// colon, in a hashtable) and however the word is quoted.
func TestRedactBindsFirst(t *testing.T) {
	reg := loginRegistry(t)
	cases := []struct{ in, want string }{
		{`Set-TestLogin -User u -P 'x'`, `Set-TestLogin -User u -P ********`},
		{`Set-TestLogin u "a""b"`, `Set-TestLogin u ********`},
		{`Set-TestLogin -Pa:'it''s' -Old q1`, `Set-TestLogin -Pa:******** -Old ********`},
		{`Set-TestLogin -Note s3, s4 -User s3`, `Set-TestLogin -Note s3, s4 -User s3`},
		{`Set-TestLogin -User x -Password x`, `Set-TestLogin -User ******** -Password ********`},
		{`Set-TestLogin -Values @{pwd='k'; n='v'}`, `Set-TestLogin -Values @{pwd=********; n='v'}`},
		{`Set-TestLogin -Password -5`, `Set-TestLogin -Password ********`},
		{`Set-TestLogin -P s1 -Bogus`, `Set-TestLogin -P ******** -Bogus`},
		{`Get-Nothing -P s2`, `Get-Nothing -P s2`},
		{`Set-TestLogin -P 'unterminated`, `Set-TestLogin -P 'unterminated`},
	}
	for _, c := range cases {
		if got := Redact(reg, c.in); got != c.want {
			t.Errorf("Redact(%s)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}
