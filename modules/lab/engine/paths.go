package engine

import (
	"path/filepath"
	"slices"
)

// joinPath joins a directory and a file name.
func joinPath(dir, name string) string { return filepath.Join(dir, name) }

// sortedKeys returns a map's keys in order, for deterministic encodings.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
