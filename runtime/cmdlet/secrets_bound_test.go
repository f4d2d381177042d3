package cmdlet_test

import (
	"context"
	"slices"
	"testing"

	"pcsh/runtime/cmdlet"
)

// TestRedactPasswordForms: the password patterns mask the whole value of
// the forms that leaked part of it.
func TestRedactPasswordForms(t *testing.T) {
	s := &cmdlet.Secrets{}
	cases := []struct{ in, want string }{
		{`ALTER LOGIN [x] WITH PASSWORD = N'Tsql-Pw-1'`, `ALTER LOGIN [x] WITH PASSWORD = ********`},
		{`CREATE LOGIN [x] WITH PASSWORD = N'it''s-Pw', CHECK_POLICY = OFF`, `CREATE LOGIN [x] WITH PASSWORD = ********, CHECK_POLICY = OFF`},
		{`WITH PASSWORD = @pw`, `WITH PASSWORD = @pw`},
		{`Set-PcSqlCredential -Password 'a''b-c' -User u`, `Set-PcSqlCredential -Password ******** -User u`},
		{"Set-PcSqlCredential -Password \"a\"\"b`\"c\" -User u", `Set-PcSqlCredential -Password ******** -User u`},
		{`server=h;password="a""b-c";user id=u`, `server=h;password=********;user id=u`},
		{`Get-PcSqlInstance 'sqlserver://sa:Url-Pw-2@sql01:1433/x'`, `Get-PcSqlInstance 'sqlserver://sa:********@sql01:1433/x'`},
		{`see https://learn.microsoft.com/sql`, `see https://learn.microsoft.com/sql`},
	}
	for _, c := range cases {
		if got := s.Redact(c.in); got != c.want {
			t.Errorf("Redact(%s)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// TestInvokeRegistersBoundSecrets: a value bound to a password-named
// parameter, however short and however the parameter is abbreviated, is
// known once the call is bound: registered for redaction (when long enough
// not to mangle text) and listed by Bound.
func TestInvokeRegistersBoundSecrets(t *testing.T) {
	s, _ := newTestSession(t, false)
	cmd, err := cmdlet.NewCommand(cmdlet.Info{Name: "Set-TestSecret", Synopsis: "Takes a password.",
		New: func() cmdlet.Cmdlet { return new(takesPassword) }})
	if err != nil {
		t.Fatal(err)
	}
	args := cmdlet.Args{Named: []cmdlet.NamedArg{{Name: "P", Value: "x"}, {Name: "Key", Value: "Key-Pw-3"},
		{Name: "Values", Value: hashtableOf("pwd", "Hash-Pw-4", "name", "visible")}}}
	if _, _, err := s.Invoke(context.Background(), s.Prefs, cmd, args, nil); err != nil {
		t.Fatal(err)
	}
	if got := s.Secrets.Bound(); !slices.Equal(got, []string{"x", "Key-Pw-3", "Hash-Pw-4"}) {
		t.Errorf("Bound() = %q", got)
	}
	if got := s.Secrets.Redact("x Key-Pw-3 Hash-Pw-4 visible"); got != "x ******** ******** visible" {
		t.Errorf("Redact = %s", got)
	}
}

// takesPassword has a password-named parameter, a tagged secret and a
// hashtable.
type takesPassword struct {
	Password string            `param:"" help:"A password by name."`
	Key      string            `param:"secret" help:"A secret by tag."`
	Values   *cmdlet.Hashtable `param:"" help:"Values."`
}

func (*takesPassword) Process(*cmdlet.Context) error { return nil }

func hashtableOf(kv ...string) *cmdlet.Hashtable {
	h := &cmdlet.Hashtable{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}
