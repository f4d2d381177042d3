package shell

import "pcsh/runtime/cmdlet"

// Args turns a call's elements into binder arguments. A -Name followed by a
// value takes it unless the parameter is a switch; -Switch:$false passes a
// value explicitly.
func Args(cmd *cmdlet.Command, elems []Element) cmdlet.Args {
	var a cmdlet.Args
	for i := 0; i < len(elems); i++ {
		e := elems[i]
		switch {
		case e.Param == "":
			a.Positional = append(a.Positional, e.Value)
		case e.Colon:
			a.Named = append(a.Named, cmdlet.NamedArg{Name: e.Param, Value: e.Value})
		case isSwitch(cmd, e.Param) || i+1 >= len(elems) || elems[i+1].Param != "":
			a.Named = append(a.Named, cmdlet.NamedArg{Name: e.Param, NoValue: true})
		default:
			a.Named = append(a.Named, cmdlet.NamedArg{Name: e.Param, Value: elems[i+1].Value})
			i++
		}
	}
	return a
}

func isSwitch(cmd *cmdlet.Command, name string) bool {
	for _, p := range append(append([]*cmdlet.Param(nil), cmd.Params...), cmdlet.CommonParams()...) {
		if p.Matches(name) {
			return p.IsSwitch()
		}
	}
	// an unknown name: treat it as a switch so the binder reports it by name
	// rather than swallowing the next word as its value
	return prefixSwitch(cmd, name)
}

func prefixSwitch(cmd *cmdlet.Command, name string) bool {
	var hit *cmdlet.Param
	for _, p := range append(append([]*cmdlet.Param(nil), cmd.Params...), cmdlet.CommonParams()...) {
		if len(name) <= len(p.Name) && equalFoldPrefix(p.Name, name) {
			if hit != nil {
				return true
			}
			hit = p
		}
	}
	return hit == nil || hit.IsSwitch()
}

func equalFoldPrefix(s, prefix string) bool {
	if len(prefix) > len(s) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		a, b := s[i]|0x20, prefix[i]|0x20
		if a != b {
			return false
		}
	}
	return true
}
