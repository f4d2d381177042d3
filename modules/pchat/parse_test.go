package pchat

import (
	"reflect"
	"testing"

	"pcsh/runtime/cmdlet"
)

func TestParseIdentityForms(t *testing.T) {
	for in, want := range map[string]Identity{
		"service:PersistentChatServer:pc.contoso.com":    {Pool: "pc.contoso.com"},
		"PersistentChatServer:atl-gc-001.litwareinc.com": {Pool: "atl-gc-001.litwareinc.com"},
		"service:atl-cs-001.litwareinc.com":              {Pool: "atl-cs-001.litwareinc.com"},
		"service: lyncpc.dci.discovery.com":              {Pool: "lyncpc.dci.discovery.com"},
		"SERVICE:persistentchatserver:pc.contoso.com":    {Pool: "pc.contoso.com"},
		"pc.contoso.com":        {Pool: "pc.contoso.com"},
		"global":                {Global: true},
		"PChatServerCollection": {Global: true},
		"":                      {},
	} {
		got, err := ParseIdentity(in)
		if err != nil || got != want {
			t.Errorf("%q: got %+v %v", in, got, err)
		}
	}
	for _, bad := range []string{"service:Registrar:fe1.contoso.com", "pc.contoso.com'; Stop-Computer", "service:"} {
		if _, err := ParseIdentity(bad); err == nil {
			t.Errorf("%q must be rejected", bad)
		}
	}
}

func TestPSQuoteEscapesEveryQuote(t *testing.T) {
	for in, want := range map[string]string{
		"pc1.contoso.com":   "'pc1.contoso.com'",
		"it's":              "'it''s'",
		"a\u2019b":          "'a\u2019\u2019b'",
		"$env:x `n \"q\"":   "'$env:x `n \"q\"'",
		"'; Remove-Item x'": "'''; Remove-Item x'''",
	} {
		if got := psQuote(in); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

func TestChangeLineQuotesServers(t *testing.T) {
	ch := Change{Identity: "global", Add: []string{"x'y"}, Remove: []string{"a", "b"}}
	want := "Set-CsPersistentChatActiveServer -Identity 'global' -ActiveServers @{Add='x''y'; Remove='a','b'}"
	if got := ch.Line(); got != want {
		t.Fatalf("got %s", got)
	}
}

func TestParseChangeForms(t *testing.T) {
	ht := func(kv ...any) *cmdlet.Hashtable {
		h := &cmdlet.Hashtable{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i].(string), kv[i+1])
		}
		return h
	}
	for _, tc := range []struct {
		in   any
		want Change
	}{
		{nil, Change{Clear: true}},
		{[]any{}, Change{Clear: true}},
		{(*cmdlet.Hashtable)(nil), Change{Clear: true}},
		{ht(), Change{Clear: true}},
		{"pc1", Change{Replace: []string{"pc1"}}},
		{[]any{"pc1", "pc2"}, Change{Replace: []string{"pc1", "pc2"}}},
		{ht("add", "pc1", "Remove", []any{"pc2"}), Change{Add: []string{"pc1"}, Remove: []string{"pc2"}, order: []string{"Add", "Remove"}}},
		{ht("Replace", []any{}), Change{Replace: []string{}, Clear: true, order: []string{"Replace"}}},
	} {
		got, err := parseChange(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%#v: got %+v %v, want %+v", tc.in, got, err, tc.want)
		}
	}
	if _, err := parseChange([]any{int64(3)}); err == nil {
		t.Error("a number is not a server")
	}
}
