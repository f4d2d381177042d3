package topology

import "strings"

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// roles lists a store set's roles with their values, in document order.
func (s *StoreSet) roles() []storeRole {
	return []storeRole{
		{"primary", s.Primary}, {"mirror", s.Mirror}, {"witness", s.Witness},
		{"backup", s.Backup}, {"backupMirror", s.BackupMirror}, {"backupWitness", s.BackupWitness},
	}
}

// storeRole is one role of a store set and the store name it refers to.
type storeRole struct{ Role, Name string }

// equalFoldKey is the map key for a case-insensitive name.
func equalFoldKey(s string) string { return strings.ToLower(s) }
