package help

import (
	"fmt"
	"strconv"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/shell"
)

// LuaForm translates a one-command example into its Lua call, so help
// teaches one vocabulary for both syntaxes. Pipelines have no Lua form.
func LuaForm(c *cmdlet.Command, code string) (string, error) {
	pls, err := shell.Parse(code)
	if err != nil {
		return "", err
	}
	if len(pls) != 1 || len(pls[0].Calls) != 1 {
		return "", fmt.Errorf("not a single command")
	}
	call := pls[0].Calls[0]
	args := shell.Args(c, call.Elems)
	var fields []string
	for _, v := range args.Positional {
		fields = append(fields, luaValue(v))
	}
	for _, na := range args.Named {
		v := luaValue(na.Value)
		switch {
		case na.NoValue:
			v = "true"
		case na.Value == nil && takesTable(c.Param(na.Name)):
			v = "{}" // a Lua table cannot hold nil: an empty list clears
		}
		fields = append(fields, canonical(c, na.Name)+" = "+v)
	}
	if len(fields) == 0 {
		return cmdlet.LuaName(c.Name) + "{}", nil
	}
	return cmdlet.LuaName(c.Name) + "{ " + strings.Join(fields, ", ") + " }", nil
}

func canonical(c *cmdlet.Command, name string) string {
	if p := c.Param(name); p != nil {
		return p.Name
	}
	for _, p := range cmdlet.CommonParams() {
		if p.Matches(name) {
			return p.Name
		}
	}
	return name
}

// takesTable reports whether a parameter accepts a Lua table, so $null
// has the empty table as its Lua form.
func takesTable(p *cmdlet.Param) bool {
	if p == nil {
		return false
	}
	switch p.Kind {
	case cmdlet.KindStringArray, cmdlet.KindObject, cmdlet.KindObjectArray, cmdlet.KindHashtable:
		return true
	}
	return false
}

func luaValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, it := range x {
			parts[i] = luaValue(it)
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	case *cmdlet.Hashtable:
		parts := make([]string, x.Len())
		for i, k := range x.Keys {
			parts[i] = k + " = " + luaValue(x.Values[i])
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return fmt.Sprint(v)
}
