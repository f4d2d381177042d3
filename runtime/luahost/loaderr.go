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

// headerMissing is the error for a chunk whose first statement, on line,
// is not cmdlet{...}.
func headerMissing(source string, line int) *cmdlet.ErrorRecord {
	pos := source
	if line > 0 {
		pos = fmt.Sprintf("%s:%d", source, line)
	}
	return &cmdlet.ErrorRecord{Message: "The first statement must be cmdlet{...}: pcsh reads it without running the file, so no code may come before it.",
		ErrorID: "RunbookHeaderMissing", Category: cmdlet.CategoryInvalidData, ScriptPosition: pos, Code: cmdlet.ExitUsage}
}

// specError is a bad cmdlet{...} table, placed at the offending
// expression or else at the cmdlet{ line.
func specError(source string, line int, err error) *cmdlet.ErrorRecord {
	var se *specExprError
	if errors.As(err, &se) {
		line = se.line
	}
	return &cmdlet.ErrorRecord{Message: "Bad cmdlet{...} declaration: " + err.Error() + ".", ErrorID: "RunbookHeaderInvalid",
		Category: cmdlet.CategoryInvalidData, ScriptPosition: fmt.Sprintf("%s:%d", source, line),
		Code: cmdlet.ExitUsage, Err: err}
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
