package datacenter

import (
	"fmt"
	"slices"
	"strings"
)

// targetKind is what a fault target names.
type targetKind int

// The kinds of fault targets.
const (
	onInstance targetKind = iota // one instance, by name or host name
	onSite                       // a site and its instances
	onLink                       // the link between the two sites
	onShare                      // the log shipping share
	onCMS                        // the lab's Central Management Store
	onAll                        // the whole lab
)

// kindNames are the kinds as the help text names them.
var kindNames = map[targetKind]string{onInstance: "an instance", onSite: "a site", onLink: `"link"`,
	onShare: `"share"`, onCMS: `"cms"`, onAll: `"all"`}

// target is a resolved fault target.
type target struct {
	kind      targetKind
	name      string     // instance name, site name, "link", "share", "cms" or "all"
	instances []*Running // the instances it covers
}

// resolve names a target for an action that accepts the allowed kinds.
func (s *State) resolve(action, name string, allowed []targetKind) (target, error) {
	t, err := s.lookupTarget(name)
	if err != nil {
		return t, err
	}
	if !slices.Contains(allowed, t.kind) {
		return t, fmt.Errorf("%s cannot take %s: name %s", action, name, kindList(allowed))
	}
	return t, nil
}

// lookupTarget finds what name refers to in this lab.
func (s *State) lookupTarget(name string) (target, error) {
	switch name {
	case "link":
		return target{kind: onLink, name: name}, nil
	case "share":
		return target{kind: onShare, name: name}, nil
	case "cms":
		return target{kind: onCMS, name: name}, nil
	}
	if r, ok := s.Find(name); ok {
		return target{kind: onInstance, name: r.Name, instances: []*Running{r}}, nil
	}
	if name == "all" {
		rs, err := s.Targets(name)
		return target{kind: onAll, name: name, instances: rs}, err
	}
	if s.IsSite(name) {
		rs, err := s.Targets(name)
		return target{kind: onSite, name: name, instances: rs}, err
	}
	return target{}, fmt.Errorf("no instance or site named %q in this lab (or link, share, cms, all)", name)
}

// kindList is "an instance, a site or \"link\"".
func kindList(kinds []targetKind) string {
	var out []string
	for _, k := range kinds {
		out = append(out, kindNames[k])
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}
