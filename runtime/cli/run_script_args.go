package cli

import "pcsh/runtime/cmdlet"

// scriptArgs binds the common parameters among a plain script's words
// through the binder cmdlets use, so -wi, -WhatIf:$true, -WhatIf:$false
// and -ea Stop mean what they mean on a command line. It returns the words
// the script gets: its positional arguments, its own -Name words, -Force
// (not a preference: nothing the script calls inherits it, so only the
// script itself can read it) and every word after "--". A -Name one edit
// from a common parameter (-Wat) is a binding error and the script does
// not run: a misspelt -WhatIf must not run it for real.
func scriptArgs(path string, words []string) (rest []string, common cmdlet.Common, rec *cmdlet.ErrorRecord) {
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "--" {
			return append(rest, words[i+1:]...), common, nil
		}
		name, value, colon, isParam := splitParam(w)
		if !isParam {
			rest = append(rest, w)
			continue
		}
		p, rec := cmdlet.ResolveCommon(name)
		if rec != nil {
			return nil, common, scriptParamError(rec, path)
		}
		if p == nil || p.Name == "Force" {
			rest = append(rest, w)
			continue
		}
		na := cmdlet.NamedArg{Name: name, Value: argvValue(p, value), NoValue: !colon}
		if !colon && !p.IsSwitch() && i+1 < len(words) && !isParamWord(words[i+1]) {
			i++
			na = cmdlet.NamedArg{Name: name, Value: argvValue(p, words[i])}
		}
		if rec := common.BindCommon(p, na); rec != nil {
			return nil, common, scriptParamError(rec, path)
		}
	}
	return rest, common, nil
}

// scriptParamError targets a binding error at the script and says how to
// pass a word that only looks like a common parameter.
func scriptParamError(rec *cmdlet.ErrorRecord, path string) *cmdlet.ErrorRecord {
	rec.Target = path
	if rec.ErrorID == "NamedParameterNotFound" {
		rec.Hint += " (a word for the script itself goes after --)"
	}
	return rec
}
