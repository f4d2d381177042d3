package connection

import (
	"strings"
	"testing"
)

// TestInstanceConnectionStringMasked: the connection string shown is built
// with the mask, so a short password with a quote (which no registered
// secret or pattern catches whole) is not shown in part.
func TestInstanceConnectionStringMasked(t *testing.T) {
	f := newFixture(t)
	out := run(t, f, "Get-PcSqlInstance", named("SqlInstance", `server=sql01;user id=sa;password="p""q"`))
	want := "ConnectionString=app name=pcsh;encrypt=true;password=********;server=sql01;trustservercertificate=false;user id=sa\n"
	if !strings.Contains(out, want) {
		t.Fatalf("got\n%s\nwant %s", out, want)
	}
}
