package cmdlet

import (
	"reflect"
	"testing"
	"time"
)

type pool struct {
	Identity string
	Servers  int
	Since    time.Time
}

func TestToObjectConvertsStructs(t *testing.T) {
	o, ok := ToObject(&pool{Identity: "pc1", Servers: 4}).(*Object)
	if !ok {
		t.Fatalf("a struct must become an *Object")
	}
	if o.TypeName != "pool" || !reflect.DeepEqual(o.Names(), []string{"Identity", "Servers", "Since"}) {
		t.Errorf("got %s %v", o.TypeName, o.Names())
	}
	if v, _ := o.Get("servers"); v != int64(4) {
		t.Errorf("Servers = %#v, want int64 4", v)
	}
}

// TestToObjectKeepsHostValues: times, durations and hashtables are values
// in their own right, though Go implements some of them as structs.
func TestToObjectKeepsHostValues(t *testing.T) {
	h := &Hashtable{}
	h.Set("a", int64(1))
	when := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range []any{when, 90 * time.Second, h, "text", int64(1), nil} {
		if got := ToObject(v); !reflect.DeepEqual(got, v) {
			t.Errorf("ToObject(%#v) = %#v, want the value unchanged", v, got)
		}
	}
	if got := ToObject(h); got != any(h) {
		t.Errorf("a hashtable must pass through as the same *Hashtable")
	}
}
