package connection

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"pcsh/runtime/cmdlet"
)

// TestPasswordsNeverShown runs every path that prints: the -Debug trace,
// -Verbose, -WhatIf, Get-PcSqlInstance and error records, with passwords
// from the environment, a connection string and a Secret parameter, and
// asserts none of them appears anywhere.
func TestPasswordsNeverShown(t *testing.T) {
	f, _, _ := labFixture(t)
	const csPW, paramPW = "Conn-Str-Pw-42", "New-Login-Pw-43"
	secrets := []string{labPW, csPW, paramPW}
	ctx := f.ctx(func(p *cmdlet.Prefs) { p.Debug, p.Verbose = true, true })
	c, err := Open(ctx, "dc1-sql1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.Exec(ctx, "CREATE LOGIN [x] WITH PASSWORD = @pw", sql.Named("pw", Secret(paramPW)))
	_, err = c.Exec(ctx, "SELECT '"+paramPW+"'")
	rec := cmdlet.AsRecord(err)
	bad, _ := Open(ctx, "server=127.0.0.9;port=1;user id=sa;password="+csPW, Options{})
	_, err2 := bad.Query(ctx, "SELECT 1")
	rec2 := cmdlet.AsRecord(err2)
	out := run(t, f, "Invoke-PcSqlQuery", named("SqlInstance", "dc1-sql1", "Query", "ALTER LOGIN [x] WITH PASSWORD = @password",
		"Parameter", hashtable("password", paramPW), "WhatIf", true))
	out += run(t, f, "Get-PcSqlInstance", named("SqlInstance", "server=sql01;user id=sa;password="+csPW))
	all := strings.Join([]string{f.host.Text(), rec.Message, rec.Target, rec2.Message, rec2.Target, out}, "\n")
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("%s appears in:\n%s", s, all)
		}
	}
	for _, want := range []string{"debug: -- @pw = ********", "debug: CREATE LOGIN [x] WITH PASSWORD = ", "What if:"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
}

// run invokes a registered cmdlet and returns its objects as text.
func run(t *testing.T, f *fixture, name string, args cmdlet.Args) string {
	t.Helper()
	cmd, ok := f.sess.Registry.Lookup(name)
	if !ok {
		t.Fatalf("%s is not registered", name)
	}
	objs, errs, err := f.sess.Invoke(context.Background(), f.sess.Prefs, cmd, args, nil)
	var b strings.Builder
	for _, o := range objs {
		if obj, ok := o.(*cmdlet.Object); ok {
			for _, p := range obj.Props {
				b.WriteString(p.Name + "=" + text(p.Value) + "\n")
			}
		}
	}
	for _, e := range errs {
		b.WriteString(e.Message + "\n")
	}
	if err != nil {
		b.WriteString(err.Error() + "\n")
	}
	return b.String()
}

func hashtable(kv ...string) *cmdlet.Hashtable {
	h := &cmdlet.Hashtable{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// named builds binder arguments from name, value pairs.
func named(kv ...any) cmdlet.Args {
	var a cmdlet.Args
	for i := 0; i+1 < len(kv); i += 2 {
		a.Named = append(a.Named, cmdlet.NamedArg{Name: kv[i].(string), Value: kv[i+1]})
	}
	return a
}
