package luahost

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"pcsh/runtime/cmdlet"
)

// recordFields are the ErrorRecord fields visible to Lua, in display order.
var recordFields = []string{"Message", "ErrorId", "Category", "Target", "Command", "Hint", "ScriptPosition"}

func (h *Host) newErrorMeta() *lua.LTable {
	mt := h.L.NewTable()
	mt.RawSetString("__name", lua.LString("ErrorRecord"))
	mt.RawSetString("__tostring", h.L.NewFunction(func(L *lua.LState) int {
		rec := h.recordFromTable(L.CheckTable(1))
		L.Push(lua.LString(rec.Error()))
		return 1
	}))
	return mt
}

// recordToLua builds the Lua view of an error record; the Go record rides
// along so that nothing is lost when it comes back.
func (h *Host) recordToLua(rec *cmdlet.ErrorRecord) *lua.LTable {
	t := h.L.CreateTable(0, len(recordFields)+1)
	vals := []string{rec.Message, rec.ErrorID, string(rec.Category), rec.Target, rec.Command, rec.Hint, rec.ScriptPosition}
	for i, f := range recordFields {
		if vals[i] != "" {
			t.RawSetString(f, lua.LString(vals[i]))
		}
	}
	t.RawSetString("FullyQualifiedErrorId", lua.LString(rec.FullyQualifiedErrorID()))
	ud := h.L.NewUserData()
	ud.Value = rec
	t.RawSetString("__record", ud)
	h.L.SetMetatable(t, h.errorMeta)
	return t
}

func (h *Host) errorsToLua(errs []*cmdlet.ErrorRecord) *lua.LTable {
	t := h.L.CreateTable(len(errs), 0)
	for _, e := range errs {
		t.Append(h.recordToLua(e))
	}
	return t
}

// recordFromTable reads an ErrorRecord table: the Go record when it came
// from Go, otherwise one built from the fields (host.throw{...}).
func (h *Host) recordFromTable(t *lua.LTable) *cmdlet.ErrorRecord {
	if ud, ok := t.RawGetString("__record").(*lua.LUserData); ok {
		if rec, ok := ud.Value.(*cmdlet.ErrorRecord); ok {
			return rec
		}
	}
	get := func(k string) string { return lua.LVAsString(t.RawGetString(k)) }
	rec := &cmdlet.ErrorRecord{Message: get("Message"), ErrorID: get("ErrorId"),
		Category: cmdlet.Category(get("Category")), Target: get("Target"), Command: get("Command"),
		Hint: get("Hint"), ScriptPosition: get("ScriptPosition")}
	if rec.Message == "" {
		rec.Message = "The script raised an error without a message."
	}
	if rec.ErrorID == "" {
		rec.ErrorID = "ScriptError"
	}
	if rec.Category == "" {
		rec.Category = cmdlet.CategoryNotSpecified
	}
	return rec
}

// raise raises a terminating error record into Lua at the caller's
// position; pcall receives the record table.
func (h *Host) raise(rec *cmdlet.ErrorRecord) {
	if rec.ScriptPosition == "" {
		rec.ScriptPosition = h.where()
	}
	h.L.Error(h.recordToLua(rec), 0)
}

// where returns "file:line" of the innermost Lua frame that called Go.
func (h *Host) where() string {
	for level := 1; level < 8; level++ {
		w := strings.TrimSuffix(h.L.Where(level), ":")
		if w != "" && !strings.HasPrefix(w, "[G]") {
			return chunkName(w)
		}
	}
	return ""
}

// chunkName is a chunk name as shown to people: Lua's "=name" convention
// (a name to show as it is, such as "=(command line)") loses its "=".
func chunkName(s string) string { return strings.TrimPrefix(s, "=") }

// eofLine marks a position at the end of the chunk; fixEOF replaces it
// with the last line number.
const eofLine = "EOF"

// fixEOF gives an end-of-file syntax error the chunk's last line.
func fixEOF(err error, src string) error {
	var rec *cmdlet.ErrorRecord
	if errors.As(err, &rec) && strings.HasSuffix(rec.ScriptPosition, ":"+eofLine) {
		last := strings.Count(strings.TrimRight(src, "\n"), "\n") + 1
		rec.ScriptPosition = strings.TrimSuffix(rec.ScriptPosition, eofLine) + fmt.Sprint(last)
	}
	return err
}

var luaPosRE = lazyRE(`^(?s)(.*?):(\d+): (.*)$`)

// ErrorFrom converts an error from running Lua into an error record:
// raised records come back intact; syntax errors become ParserError
// records with file:line; other runtime errors become ScriptError
// records with their position.
func (h *Host) ErrorFrom(err error) *cmdlet.ErrorRecord {
	var apiErr *lua.ApiError
	if !errors.As(err, &apiErr) {
		return cmdlet.AsRecord(err)
	}
	if t, ok := apiErr.Object.(*lua.LTable); ok && h.L.GetMetatable(t) == h.errorMeta {
		return h.recordFromTable(t)
	}
	if apiErr.Type == lua.ApiErrorSyntax {
		return syntaxRecord(apiErr)
	}
	if ctx := h.L.Context(); ctx != nil && ctx.Err() != nil {
		return cmdlet.AsRecord(ctx.Err())
	}
	return runtimeRecord(apiErr)
}

func syntaxRecord(e *lua.ApiError) *cmdlet.ErrorRecord {
	msg := lua.LVAsString(e.Object)
	pos := ""
	var perr *parse.Error
	if errors.As(e.Cause, &perr) {
		pos = fmt.Sprintf("%s:%d", chunkName(perr.Pos.Source), perr.Pos.Line)
		msg = fmt.Sprintf("near '%s': %s", perr.Token, perr.Message)
		if perr.Pos.Line == parse.EOF {
			pos = chunkName(perr.Pos.Source) + ":" + eofLine
			msg = "at end of file: the chunk is unfinished (a missing 'end'?)"
		}
	}
	return &cmdlet.ErrorRecord{Message: "Lua syntax error " + msg + ".", ErrorID: "ScriptSyntaxError",
		Category: cmdlet.CategoryParserError, ScriptPosition: pos, Code: cmdlet.ExitUsage, Err: e}
}

func runtimeRecord(e *lua.ApiError) *cmdlet.ErrorRecord {
	msg := lua.LVAsString(e.Object)
	rec := &cmdlet.ErrorRecord{ErrorID: "ScriptError", Category: cmdlet.CategoryNotSpecified, Err: e}
	if m := luaPosRE().FindStringSubmatch(msg); m != nil {
		rec.ScriptPosition = chunkName(m[1]) + ":" + m[2]
		msg = m[3]
	}
	rec.Message = msg
	return rec
}

// Incomplete reports whether err is a syntax error at the end of input:
// the REPL reads another line.
func Incomplete(err error) bool {
	var apiErr *lua.ApiError
	if !errors.As(err, &apiErr) {
		return false
	}
	var perr *parse.Error
	return errors.As(apiErr.Cause, &perr) && perr.Pos.Line == parse.EOF
}
