package mirror

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

const accountsArg = ` -ServiceAccount @{"*"="CONTOSO\sqlsvc";"sqlw1.contoso.com\pchat"="CONTOSO\sqlwitness"}`

// wantAccess is what -ServiceAccount adds after the endpoints: the
// partners (both CONTOSO\sqlsvc) let the witness's account in, the
// witness lets the partners' account in.
var wantAccess = []string{
	`sql1.contoso.com\pchat: CREATE LOGIN [CONTOSO\sqlwitness] FROM WINDOWS`,
	`sql1.contoso.com\pchat: GRANT CONNECT ON ENDPOINT::[Mirroring] TO [CONTOSO\sqlwitness]`,
	`sql1m.contoso.com\pchat: CREATE LOGIN [CONTOSO\sqlwitness] FROM WINDOWS`,
	`sql1m.contoso.com\pchat: GRANT CONNECT ON ENDPOINT::[Mirroring] TO [CONTOSO\sqlwitness]`,
	`sqlw1.contoso.com\pchat: CREATE LOGIN [CONTOSO\sqlsvc] FROM WINDOWS`,
	`sqlw1.contoso.com\pchat: GRANT CONNECT ON ENDPOINT::[Mirroring] TO [CONTOSO\sqlsvc]`,
}

// withAccess inserts access after the endpoints of wantInstall.
func withAccess(access []string) []string {
	at := slices.IndexFunc(wantInstall, func(s string) bool { return strings.Contains(s, "SET PARTNER") })
	return slices.Concat(wantInstall[:at], access, wantInstall[at:])
}

func TestInstallServiceAccountsWhatIf(t *testing.T) {
	wantWhatIfOnly(t, installLine+accountsArg+" -WhatIf", withAccess(wantAccess))
}

// An existing login is reused and an existing grant is not repeated.
func TestInstallServiceAccountsSkipsWhatExists(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	p := fw.server(`sql1.contoso.com\pchat`)
	p.logins[`contoso\sqlwitness`] = 300
	w := fw.server(`sqlw1.contoso.com\pchat`)
	w.logins[`contoso\sqlsvc`] = 301
	w.grants[301] = true
	w.ep = endpointState{Exists: true, Name: "Mirroring", State: "STARTED", Role: "WITNESS", Port: 7022}
	r := fw.run(t, installLine+accountsArg)
	if r.err != nil {
		t.Fatal(r.err)
	}
	var got []string
	for _, s := range fw.executed() {
		if strings.Contains(s, "LOGIN") || strings.Contains(s, "GRANT") {
			got = append(got, s)
		}
	}
	want := []string{wantAccess[1], wantAccess[2], wantAccess[3]}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ran:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, name := range []string{`sql1.contoso.com\pchat`, `sql1m.contoso.com\pchat`} {
		s := fw.server(name)
		if !s.grants[s.logins[`contoso\sqlwitness`]] {
			t.Fatalf("%s: witness account not granted CONNECT", name)
		}
	}
}

// An instance without an account is an argument error before any change.
func TestInstallServiceAccountMissing(t *testing.T) {
	fw := newFakeWorld(t)
	fw.server(`sql1.contoso.com\pchat`).seed("mgc")
	r := fw.run(t, installLine+` -ServiceAccount @{"sql1.contoso.com\pchat"="CONTOSO\sqlsvc"}`)
	if errorID(r.err) != "ServiceAccountMissing" {
		t.Fatalf("error %v", r.err)
	}
	if len(fw.executed()) != 0 {
		t.Fatalf("ran %v", fw.executed())
	}
}
