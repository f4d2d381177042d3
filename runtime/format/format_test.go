package format

import (
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

func pools() []any {
	return []any{
		cmdlet.NewObject("Pool").Set("Identity", "service:pc1.contoso.com").Set("PoolState", "Normal").Set("Servers", int64(4)),
		cmdlet.NewObject("Pool").Set("Identity", "service:pc2").Set("PoolState", "FailedOver").Set("Servers", int64(12)),
	}
}

func TestTable(t *testing.T) {
	var b strings.Builder
	if err := Table(&b, pools(), nil, 120); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"Identity                PoolState  Servers\n" +
		"--------                ---------  -------\n" +
		"service:pc1.contoso.com Normal           4\n" +
		"service:pc2             FailedOver      12\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestTableTruncates(t *testing.T) {
	var b strings.Builder
	_ = Table(&b, pools(), []string{"Identity", "PoolState"}, 20)
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if len([]rune(l)) > 20 {
			t.Errorf("line wider than 20: %q", l)
		}
	}
	if !strings.Contains(b.String(), "…") {
		t.Errorf("no ellipsis in %q", b.String())
	}
}

func TestList(t *testing.T) {
	var b strings.Builder
	_ = List(&b, pools()[:1], nil)
	want := "Identity  : service:pc1.contoso.com\nPoolState : Normal\nServers   : 4\n"
	if b.String() != want {
		t.Errorf("got %q", b.String())
	}
}

func TestOutChoosesTableOrList(t *testing.T) {
	wide := cmdlet.NewObject("Wide")
	for _, n := range []string{"A", "B", "C", "D", "E"} {
		wide.Set(n, n)
	}
	var b strings.Builder
	_ = Out(&b, []any{wide}, ModeDefault, 80)
	if !strings.HasPrefix(b.String(), "A : A\n") {
		t.Errorf("5 properties must print as a list: %q", b.String())
	}
	b.Reset()
	_ = Out(&b, pools(), ModeDefault, 80)
	if !strings.HasPrefix(b.String(), "Identity ") {
		t.Errorf("3 properties must print as a table: %q", b.String())
	}
	b.Reset()
	_ = Out(&b, []any{"x", int64(1), true}, ModeDefault, 80)
	if b.String() != "x\n1\nTrue\n" {
		t.Errorf("scalars: %q", b.String())
	}
}

func TestJSONKeepsOrder(t *testing.T) {
	o := cmdlet.NewObject("T").Set("Z", int64(1)).Set("A", []any{"x", nil}).
		Set("When", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).Set("Wait", 90*time.Second)
	s, err := JSON([]any{o}, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"Z\": 1,\n  \"A\": [\n    \"x\",\n    null\n  ],\n  \"When\": \"2024-01-01T00:00:00Z\",\n  \"Wait\": \"00:01:30\"\n}"
	if s != want {
		t.Errorf("got\n%s", s)
	}
}

func TestText(t *testing.T) {
	h := &cmdlet.Hashtable{}
	h.Set("Add", []any{"a", "b"})
	for v, want := range map[any]string{nil: "", true: "True", 1.5: "1.5", 26 * time.Hour: "1.02:00:00"} {
		if got := Text(v); got != want {
			t.Errorf("Text(%v) = %q", v, got)
		}
	}
	if got := Text(h); got != "@{Add={a, b}}" {
		t.Errorf("hashtable: %q", got)
	}
}

func TestOutHashtableAsNameValue(t *testing.T) {
	h := &cmdlet.Hashtable{}
	h.Set("Add", "a")
	h.Set("Remove", int64(2))
	var b strings.Builder
	if err := Out(&b, []any{h}, ModeDefault, 80); err != nil {
		t.Fatal(err)
	}
	want := "Name   Value\n----   -----\nAdd    a\nRemove 2\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	_ = Out(&b, []any{h}, ModeList, 80)
	if want := "Name  : Add\nValue : a\n\nName  : Remove\nValue : 2\n"; b.String() != want {
		t.Errorf("list: got %q", b.String())
	}
	s, _ := JSON([]any{h}, 4)
	if want := "{\n  \"Add\": \"a\",\n  \"Remove\": 2\n}"; s != want {
		t.Errorf("JSON: got %s", s)
	}
}

func TestOutDateLongForm(t *testing.T) {
	var b strings.Builder
	_ = Out(&b, []any{time.Date(2024, 1, 1, 13, 5, 0, 0, time.UTC)}, ModeDefault, 80)
	if want := "Monday, January 1, 2024 1:05:00 PM\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
