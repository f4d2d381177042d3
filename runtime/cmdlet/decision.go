package cmdlet

// Decision is what ShouldProcess decided about one change, so a command
// acts on the answer instead of reading the preferences behind it.
type Decision int

// The decisions about a change.
const (
	// Proceed: make the change (confirmed, or no confirmation needed).
	Proceed Decision = iota + 1
	// WhatIfShown: the command is Planning (-WhatIf); the change was
	// printed as "What if: …" and must not be made. The command goes on
	// planning.
	WhatIfShown
	// Declined: the change must not be made. After an answer of No the
	// command skips this change and goes on with its next one, as
	// PowerShell's ShouldProcess does; Context.Stopped says when it must
	// stop instead: No to All (every later change is declined too), no
	// one could answer, an earlier error stopped the command, or Ctrl-C.
	Declined
)

// String returns the decision's name.
func (d Decision) String() string {
	switch d {
	case Proceed:
		return "Proceed"
	case WhatIfShown:
		return "WhatIf"
	case Declined:
		return "Declined"
	}
	return "Undecided"
}

// Decide is ShouldProcess returning the decision itself: Proceed,
// WhatIfShown or Declined.
func (c *Context) Decide(target, action string) Decision {
	return c.DecideAt(c.Command.Impact, target, action)
}

// DecideAt is Decide for a change whose impact is not the command's usual
// one (see ShouldProcessAt).
func (c *Context) DecideAt(impact Impact, target, action string) Decision {
	switch {
	case c.Stopped():
		return Declined
	case c.Mode() == Planning:
		c.Session.Host.Write(StreamHost, WhatIfLine(action, target))
		return WhatIfShown
	}
	if c.Prefs.Verbose {
		c.Session.Host.Write(StreamVerbose, operation(action, target))
	}
	switch {
	case c.confirm.noToAll:
		return Declined
	case c.force || c.confirm.yesToAll || impact < c.Prefs.ConfirmImpact:
		return Proceed
	case c.ask(target, action):
		return Proceed
	}
	return Declined
}
