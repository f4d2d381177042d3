package schedule

import "strings"

// Each target splits a command line into words its own way; these quote
// argv so that the target hands pcsh exactly these words back.

// ShellJoin quotes argv for a POSIX shell (crontab runs the line with
// /bin/sh): single quotes around any word with a character outside a
// safe set; a single quote inside ends the quoting, is escaped with a
// backslash, and the quoting starts again.
func ShellJoin(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		if a != "" && strings.Trim(a, safeChars) == "" {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}

const safeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-"

// CrontabCommand is a shell command line as a crontab field: cron turns
// an unescaped % into a newline, so each is written \%.
func CrontabCommand(argv []string) string {
	return strings.ReplaceAll(ShellJoin(argv), "%", `\%`)
}

// SystemdJoin quotes argv for ExecStart=: systemd splits on white space,
// honours double quotes and C escapes, expands $VAR and %-specifiers, and
// takes a lone ; as a command separator.
func SystemdJoin(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		a = strings.NewReplacer("%", "%%", "$", "$$").Replace(a)
		switch {
		case a == ";":
			out[i] = `\;`
		case a != "" && strings.Trim(a, safeChars) == "":
			out[i] = a
		default:
			out[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`).Replace(a) + `"`
		}
	}
	return strings.Join(out, " ")
}

// WindowsJoin quotes argv the way CommandLineToArgvW and the Go runtime
// on Windows split it: a word with a space, tab or quote is put in double
// quotes, a quote is written \", and backslashes before a quote (or the
// closing quote) are doubled.
func WindowsJoin(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = windowsArg(a)
	}
	return strings.Join(out, " ")
}

func windowsArg(a string) string {
	if a != "" && !strings.ContainsAny(a, " \t\"") {
		return a
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for i := 0; i < len(a); i++ {
		switch c := a[i]; c {
		case '\\':
			slashes++
		case '"':
			b.WriteString(strings.Repeat(`\`, 2*slashes+1))
			slashes = 0
		default:
			b.WriteString(strings.Repeat(`\`, slashes))
			slashes = 0
		}
		if a[i] != '\\' {
			b.WriteByte(a[i])
		}
	}
	b.WriteString(strings.Repeat(`\`, 2*slashes))
	b.WriteByte('"')
	return b.String()
}
