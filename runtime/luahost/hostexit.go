package luahost

import (
	lua "github.com/yuin/gopher-lua"

	"pcsh/runtime/cmdlet"
)

// hostExitCode is host.exit_code(v): the exit code the process ends with
// when the run is over. v is a verdict (Healthy, Warning, Critical,
// Unknown, or OK, Pass, Fail…), which sets its monitoring-plugin code
// (0, 1, 2, 3), or a number from 0 to 125. A runbook called by another
// runbook or a script does not set it: the caller decides.
func (h *Host) hostExitCode(L *lua.LState) int {
	var code cmdlet.ExitCode
	switch v := L.Get(1).(type) {
	case lua.LNumber:
		if v < 0 || v > 125 || float64(v) != float64(int(v)) {
			L.ArgError(1, "an exit code is a whole number from 0 to 125")
		}
		code = cmdlet.ExitCode(int(v))
	case lua.LString:
		verdict, ok := cmdlet.ParseVerdict(string(v))
		if !ok {
			L.ArgError(1, "a verdict is Healthy, Warning, Critical or Unknown, not "+string(v))
		}
		code = verdict.PluginCode()
	default:
		L.ArgError(1, "a verdict or an exit code expected")
	}
	switch f := h.top(); {
	case f != nil && f.ctx != nil:
		f.ctx.SetExitCode(code) // a runbook: only when the command line runs it
	case len(h.frames) <= 1:
		h.Sess.RequestExit(code) // a script or chunk at top level
	}
	return 0
}
