package cli

import (
	"slices"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/shell"
)

// record records src, typed or given with -c or as a one-shot command, in
// the transcript, and returns what to call once src has run. A command
// line is recorded at once, with every word its calls bind to a secret
// parameter masked (shell.Redact), so its output follows it as it comes.
// A Lua chunk binds as it runs: its input and output are held until it
// has, then its string literals holding bound secrets are masked.
func (r *runner) record(src string) (done func()) {
	t := r.transcript
	if t == nil {
		return func() {}
	}
	if shell.IsCommandLine(src) {
		t.Input(shell.Redact(r.con.Sess.Registry, src))
		return func() {}
	}
	t.Hold()
	return func() { t.Release(maskLiterals(src, r.con.Sess.Secrets.Bound())) }
}

// holdRun holds the transcript from the start of `pcsh run` until its
// arguments are bound (typedRun).
func (r *runner) holdRun(args []string) {
	if r.transcript != nil {
		r.transcript.Hold()
		r.runArgs = args
	}
}

// typedRun records `run FILE args` with the arguments bound to secret
// parameters masked, once; later calls do nothing.
func (r *runner) typedRun(secrets []string) {
	if r.transcript == nil || r.runArgs == nil {
		return
	}
	r.transcript.Release("run " + JoinArgs(maskArgs(r.runArgs, secrets)))
	r.runArgs = nil
}

// maskArgs masks the argument words that are secrets, whole or after the
// colon of -Name:value.
func maskArgs(args, secrets []string) []string {
	out := slices.Clone(args)
	for i, a := range out {
		name, v, colon := strings.Cut(a, ":")
		switch {
		case slices.Contains(secrets, a):
			out[i] = cmdlet.Mask
		case colon && strings.HasPrefix(name, "-") && slices.Contains(secrets, v):
			out[i] = name + ":" + cmdlet.Mask
		}
	}
	return out
}

// maskLiterals masks the Lua string literals in src whose value is one of
// secrets, in the forms a person writes them: "…", '…' and [[…]].
func maskLiterals(src string, secrets []string) string {
	for _, v := range secrets {
		src = strings.ReplaceAll(src, `"`+luaEscape(v, '"')+`"`, `"`+cmdlet.Mask+`"`)
		src = strings.ReplaceAll(src, `'`+luaEscape(v, '\'')+`'`, `'`+cmdlet.Mask+`'`)
		src = strings.ReplaceAll(src, `[[`+v+`]]`, `[[`+cmdlet.Mask+`]]`)
	}
	return src
}

// luaEscape writes v as the inside of a Lua string quoted with q.
func luaEscape(v string, q byte) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\', q:
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
