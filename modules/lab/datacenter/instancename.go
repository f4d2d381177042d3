package datacenter

import (
	"fmt"
	"strings"
	"unicode"
)

// DefaultInstance is the name SQL Server gives its default instance
// (@@SERVICENAME); `pcsh lab serve --instance MSSQLSERVER` is the default
// instance, without a SQL Server Browser.
const DefaultInstance = "MSSQLSERVER"

// IsNamed reports whether instance names a named instance rather than
// the default one.
func IsNamed(instance string) bool {
	return instance != "" && !strings.EqualFold(instance, DefaultInstance)
}

// CheckInstanceName applies SQL Server Setup's rules for a named instance:
// at most 16 characters, a letter or underscore first, then letters,
// digits, '$' or '_'; "Default" is reserved. An empty name or MSSQLSERVER
// is the default instance.
func CheckInstanceName(name string) error {
	if name == "" || strings.EqualFold(name, DefaultInstance) {
		return nil
	}
	if len(name) > 16 || strings.EqualFold(name, "DEFAULT") {
		return fmt.Errorf("%q is not a valid instance name: it has more than 16 characters or is DEFAULT", name)
	}
	for i, r := range name {
		ok := r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '_' || i > 0 && (unicode.IsDigit(r) || r == '$'))
		if !ok {
			return fmt.Errorf("%q is not a valid instance name: an instance name starts with a letter or '_' "+
				"and holds only letters, digits, '$' and '_'", name)
		}
	}
	return nil
}
