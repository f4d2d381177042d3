package engine

import (
	"strings"
	"testing"
)

func TestRegisterMessagesRefusesASecondDefinition(t *testing.T) {
	defer func() {
		p, _ := recover().(string)
		if !strings.Contains(p, "message 3013 registered by both engine and other") {
			t.Fatalf("panic %q, want a second definition of 3013 refused", p)
		}
		if got := Raise(3013, "BACKUP DATABASE"); got.Message != "BACKUP DATABASE is terminating abnormally." {
			t.Fatalf("3013 after the refused registration: %q", got.Message)
		}
	}()
	RegisterMessages("other", func() map[int32]Message {
		return map[int32]Message{3013: {Severity: 16, State: 1, Text: "changed"}}
	})
	Raise(911, "x") // the catalog is merged on the first Raise after a registration
}

func TestRaiseUsesTheCatalogRow(t *testing.T) {
	e := Raise(911, "nosuch")
	if e.Number != 911 || e.Severity != 16 || e.State != 1 ||
		e.Message != "Database 'nosuch' does not exist. Make sure that the name is entered correctly." {
		t.Fatalf("911: %+v", e)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("an uncatalogued number did not panic")
		}
	}()
	Raise(1)
}
