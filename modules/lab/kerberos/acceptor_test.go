package kerberos

import (
	"errors"
	"testing"
	"time"
)

func TestAcceptMapsThePrincipalToAWindowsLogin(t *testing.T) {
	kt := serviceKeytab(t, spn, "svc-pw")
	p, err := New(kt).Accept(forge(t, valid(kt)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "alice" || p.Realm != realm || p.Service != spn || p.Login() != `LAB\alice` {
		t.Fatalf("principal = %+v, login %q", p, p.Login())
	}
	if login, err := New(kt).AcceptSSPI(forge(t, valid(kt))); err != nil || login != `LAB\alice` {
		t.Fatalf("AcceptSSPI = %q, %v", login, err)
	}
}

func TestAcceptRefusesWithAReason(t *testing.T) {
	kt := serviceKeytab(t, spn, "svc-pw")
	now := time.Now().UTC()
	expired := valid(kt)
	expired.start, expired.end = now.Add(-3*time.Hour), now.Add(-time.Hour)
	future := valid(kt)
	future.start, future.end = now.Add(time.Hour), now.Add(2*time.Hour)
	other := valid(serviceKeytab(t, "MSSQLSvc/sql2.lab.local:1433", "svc-pw"))
	other.service = "MSSQLSvc/sql2.lab.local:1433"
	wrongKey := valid(serviceKeytab(t, spn, "another-pw"))
	twoParts := valid(kt)
	twoParts.client = "alice/admin"
	replayed := forge(t, valid(kt))
	if _, err := New(kt).Accept(replayed); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		token []byte
		want  Reason
	}{
		{"expired", forge(t, expired), ReasonExpired},
		{"not yet valid", forge(t, future), ReasonNotYetValid},
		{"unknown SPN", forge(t, other), ReasonUnknownService},
		{"wrong key", forge(t, wrongKey), ReasonIntegrity},
		{"two components", forge(t, twoParts), ReasonPrincipal},
		{"replay", replayed, ReasonReplay},
		{"empty", nil, ReasonMalformed},
		{"garbage", []byte("\x60\x03\x06\x01\x00garbage"), ReasonMalformed},
		{"NTLM", []byte("NTLMSSP\x00\x01\x00\x00\x00\x07\x82\x08\xa2"), ReasonNotKerberos},
		{"truncated", forge(t, valid(kt))[:40], ReasonMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(kt).Accept(c.token)
			var r *Refusal
			if !errors.As(err, &r) || r.Reason != c.want {
				t.Fatalf("err = %v, want reason %s", err, c.want)
			}
		})
	}
}

func TestAcceptWithoutKeytab(t *testing.T) {
	if _, err := (*Acceptor)(nil).Accept([]byte{1}); !errors.Is(err, errNoKeytab) {
		t.Fatalf("err = %v", err)
	}
}
