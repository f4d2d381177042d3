package drill

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// DefaultScenarios is the set `pcsh drill` and `make run` run, in order:
// each leaves the lab as the next expects it.
var DefaultScenarios = []string{"baseline", "mirror-failover", "sql-loss", "partition", "dc-loss", "failback"}

// The scripts that are not scenarios: the lab's set-up and tear-down.
const (
	setupScript    = "setup.lua"
	teardownScript = "teardown.lua"
)

// Scenario is one drill scenario script.
type Scenario struct {
	Name        string
	Description string // the script's first line, without "-- "
	Source      string
}

// Scenarios lists the scenarios of fsys by name.
func Scenarios(fsys fs.FS) ([]Scenario, error) {
	files, err := fs.Glob(fsys, "*.lua")
	if err != nil {
		return nil, err
	}
	var out []Scenario
	for _, f := range files {
		if f == setupScript || f == teardownScript {
			continue
		}
		s, err := readScenario(fsys, f)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func readScenario(fsys fs.FS, file string) (Scenario, error) {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return Scenario{}, err
	}
	first, _, _ := strings.Cut(string(src), "\n")
	return Scenario{Name: strings.TrimSuffix(file, ".lua"), Description: strings.TrimSpace(strings.TrimPrefix(first, "--")),
		Source: string(src)}, nil
}

// pick returns the named scenarios in the order given; an unknown name
// is refused with the list of known ones.
func pick(all []Scenario, names []string) ([]Scenario, error) {
	byName := map[string]Scenario{}
	known := make([]string, len(all))
	for i, s := range all {
		byName[s.Name], known[i] = s, s.Name
	}
	out := make([]Scenario, 0, len(names))
	for _, n := range names {
		s, ok := byName[strings.TrimSuffix(strings.ToLower(n), ".lua")]
		if !ok {
			return nil, fmt.Errorf("no drill scenario %q; the scenarios are %s", n, strings.Join(known, ", "))
		}
		out = append(out, s)
	}
	return out, nil
}
