package topology

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestCompareFindsAddedRemovedChanged(t *testing.T) {
	a, b := example(t), example(t)
	pool(b).Servers[4].Active = true
	pool(b).Servers = pool(b).Servers[1:]
	b.SqlStores = append(b.SqlStores, &SqlStore{Name: "sql3", Host: "sql3.contoso.com", Site: "DC2"})
	b.Schedules.BackupMinutes = 5
	got, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: "chatPools[pc.contoso.com].servers[pc1.contoso.com]", Change: ChangeRemoved},
		{Path: "chatPools[pc.contoso.com].servers[pc5.contoso.com].active", Change: ChangeChanged, ReferenceValue: "false", DifferenceValue: "true"},
		{Path: "schedules.backupMinutes", Change: ChangeChanged, ReferenceValue: "15", DifferenceValue: "5"},
		{Path: "sqlStores[sql3]", Change: ChangeAdded},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i].Path != want[i].Path || got[i].Change != want[i].Change {
			t.Errorf("change %d: got %+v, want %+v", i, got[i], want[i])
		}
		if want[i].Change == ChangeChanged && (got[i].ReferenceValue != want[i].ReferenceValue || got[i].DifferenceValue != want[i].DifferenceValue) {
			t.Errorf("change %d values: got %+v", i, got[i])
		}
	}
	if !strings.Contains(got[3].DifferenceValue, `"host":"sql3.contoso.com"`) {
		t.Errorf("added item must carry its JSON, got %q", got[3].DifferenceValue)
	}
}

func TestCompareIgnoresOrder(t *testing.T) {
	a, b := example(t), example(t)
	b.SqlStores[0], b.SqlStores[1] = b.SqlStores[1], b.SqlStores[0]
	if got, _ := Compare(a, b); len(got) != 0 {
		t.Fatalf("reordering is not a change: %+v", got)
	}
}

func TestExportIsStableAndComplete(t *testing.T) {
	tp := example(t)
	first, err := JSON(tp)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := JSON(example(t))
	if string(first) != string(second) {
		t.Fatal("export is not stable")
	}
	s := string(first)
	order := []string{`"sites"`, `"chatPools"`, `"sqlStores"`, `"logShipping"`, `"schedules"`, `"thresholds"`}
	last := -1
	for _, k := range order {
		i := strings.Index(s, k)
		if i < last {
			t.Fatalf("key %s out of order", k)
		}
		last = i
	}
	var back Topology
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatal(err)
	}
	tp.Path = ""
	for _, p := range tp.ChatPools {
		p.StateDeclared = false // not exported, like Path and ChatServer.Pool
		for _, s := range p.Servers {
			s.Pool = ""
		}
	}
	if !reflect.DeepEqual(&back, tp) {
		t.Fatal("the JSON does not round-trip the model")
	}
}
