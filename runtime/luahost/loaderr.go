package luahost

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// LoadError is a runbook that could not be defined as a command. It prints
// as "file:line: runbook Name was not loaded: why.", the line of a warning
// at start-up and of the hint when the command is then called.
type LoadError struct {
	Name string // the command name
	Path string // the file, as shown to the user
	Err  error
}

// Error renders the position (or the file), the runbook and the cause.
func (e *LoadError) Error() string {
	pos, msg := e.Path, e.Err.Error()
	var rec *cmdlet.ErrorRecord
	if errors.As(e.Err, &rec) {
		msg = rec.Message
		if rec.ScriptPosition != "" {
			pos = rec.ScriptPosition
		}
	}
	return fmt.Sprintf("%s: runbook %s was not loaded: %s", pos, e.Name, msg)
}

// Unwrap returns the cause.
func (e *LoadError) Unwrap() error { return e.Err }

// compileError turns a failure to compile src into a record with
// file:line.
func compileError(err error, src string) error {
	var apiErr *lua.ApiError
	if errors.As(err, &apiErr) && apiErr.Type == lua.ApiErrorSyntax {
		return fixEOF(syntaxRecord(apiErr), src)
	}
	return err
}

// headerMissing is the error for a chunk that ended, or failed, before
// calling cmdlet{...}.
func headerMissing(source, src string, err error) *cmdlet.ErrorRecord {
	rec := &cmdlet.ErrorRecord{Message: "The first statement must be cmdlet{...}.", ErrorID: "RunbookHeaderMissing",
		Category: cmdlet.CategoryInvalidData, ScriptPosition: source, Code: cmdlet.ExitUsage, Err: err}
	var apiErr *lua.ApiError
	if errors.As(err, &apiErr) {
		run := runtimeRecord(apiErr)
		rec.Message = fmt.Sprintf("The first statement must be cmdlet{...}; before it: %s.", strings.TrimSuffix(run.Message, "."))
		if run.ScriptPosition != "" {
			rec.ScriptPosition = run.ScriptPosition
		}
	}
	return rec
}

// specError is a bad cmdlet{...} table, placed at the cmdlet{ line.
func specError(source, src string, err error) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: "Bad cmdlet{...} declaration: " + err.Error() + ".", ErrorID: "RunbookHeaderInvalid",
		Category: cmdlet.CategoryInvalidData, ScriptPosition: fmt.Sprintf("%s:%d", source, cmdletLine(src)),
		Code: cmdlet.ExitUsage, Err: err}
}

// cmdletLine returns the line of the cmdlet{...} call, or 1.
func cmdletLine(src string) int {
	loc := cmdletRE().FindStringIndex(src)
	if loc == nil {
		return 1
	}
	at := loc[0] + strings.LastIndex(src[loc[0]:loc[1]], "cmdlet")
	return lineAt(src, at)
}

func lineAt(src string, offset int) int { return strings.Count(src[:offset], "\n") + 1 }

// CheckHelp returns a warning for each .PARAMETER help entry that names no
// parameter the runbook declares: help that documents nothing, usually a
// renamed or misspelled parameter.
func CheckHelp(cmd *cmdlet.Command, src string) []error {
	hm := headerRE().FindStringSubmatchIndex(src)
	if hm == nil {
		return nil
	}
	var warns []error
	for _, m := range helpParamRE().FindAllStringSubmatchIndex(src[hm[4]:hm[5]], -1) {
		at := hm[4] + m[2]
		name := src[at : hm[4]+m[3]]
		if cmd.Param(name) != nil {
			continue
		}
		msg := fmt.Sprintf("%s:%d: runbook %s: .PARAMETER %s names no declared parameter", cmd.Source, lineAt(src, at), cmd.Name, name)
		if s := cmdlet.Suggest(name, cmd.ParamNames(), 1); len(s) > 0 {
			msg += fmt.Sprintf("; did you mean %s?", s[0])
		}
		warns = append(warns, errors.New(msg))
	}
	return warns
}

// helpParamRE finds ".PARAMETER Name" lines in a help block; it is
// compiled on first use, not at start-up.
var helpParamRE = lazyRE(`(?m)^\s*\.PARAMETER[ \t]+(\S+)`)
