package core

import (
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Start-Sleep",
		Synopsis: "Waits for a time; Ctrl-C cancels the wait.",
		Examples: []cmdlet.Example{{Code: "Start-Sleep -Seconds 5", Remarks: "Waits five seconds."},
			{Code: "Start-Sleep -Milliseconds 250", Remarks: "Waits a quarter of a second."}},
		New: func() cmdlet.Cmdlet { return new(startSleep) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-Date",
		Synopsis: "Gets the current date and time.",
		Description: "-Format takes .NET custom format tokens (yyyy, MM, dd, HH, mm, ss, fff) or the standard " +
			"formats o (round trip), s (sortable) and u (universal). PCSH_NOW fixes the clock for tests.",
		Examples: []cmdlet.Example{{Code: "Get-Date -Format yyyy-MM-dd", Remarks: "Writes today's date."},
			{Code: "Get-Date -Format o", Remarks: "Writes the time in round-trip format."}},
		New: func() cmdlet.Cmdlet { return new(getDate) },
	})
}

type startSleep struct {
	Seconds      float64 `param:"position=0" help:"How many seconds to wait."`
	Milliseconds int     `param:"" help:"How many milliseconds to wait."`
}

// Validate rejects negative waits, as PowerShell's ValidateRange does.
func (s *startSleep) Validate() error {
	for _, p := range []struct {
		name string
		v    float64
	}{{"Seconds", s.Seconds}, {"Milliseconds", float64(s.Milliseconds)}} {
		if p.v < 0 {
			return cmdlet.Errorf(cmdlet.CategoryInvalidArgument, "ParameterArgumentValidationError", "",
				"Cannot validate argument on parameter '%s'. The %v argument is less than the minimum allowed range of 0.", p.name, p.v).
				WithHint("supply an argument that is greater than or equal to 0")
		}
	}
	return nil
}

// Process waits, returning early with an error when cancelled.
func (s *startSleep) Process(ctx *cmdlet.Context) error {
	d := time.Duration(s.Seconds*float64(time.Second)) + time.Duration(s.Milliseconds)*time.Millisecond
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type getDate struct {
	Format string `param:"" help:"A .NET date format such as yyyy-MM-dd HH:mm:ss, or o, s, u."`
}

// Process writes the time, or its formatted text.
func (g *getDate) Process(ctx *cmdlet.Context) error {
	now := ctx.Session.Now()
	if g.Format == "" {
		ctx.WriteObject(now)
		return nil
	}
	ctx.WriteObject(now.Format(goLayout(g.Format)))
	return nil
}

// dotnetTokens maps .NET custom date format tokens to Go layout parts,
// longest first.
var dotnetTokens = strings.NewReplacer(
	"yyyy", "2006", "yy", "06", "MMMM", "January", "MMM", "Jan", "MM", "01",
	"dddd", "Monday", "ddd", "Mon", "dd", "02", "HH", "15", "hh", "03", "mm", "04",
	"ss", "05", "fff", "000", "tt", "PM", "zzz", "-07:00",
)

func goLayout(f string) string {
	switch f {
	case "o", "O":
		return "2006-01-02T15:04:05.0000000Z07:00"
	case "s":
		return "2006-01-02T15:04:05"
	case "u":
		return "2006-01-02 15:04:05Z"
	}
	return dotnetTokens.Replace(f)
}
