package cmdlet

// Mode is how the runtime runs a command's changes. It is the one answer
// to "is this a dry run": Decide acts on it, and a module that must plan
// asks for it instead of reading -WhatIf or the preferences behind it.
type Mode int

// The modes.
const (
	// Changing: each change Decide lets through (Proceed) is made.
	Changing Mode = iota
	// Planning: a -WhatIf run. Decide shows every change ("What if: …",
	// WhatIfShown) and none is made, so the command plans each later
	// change from the state the earlier ones would leave: it assumes what
	// it cannot read yet, and skips the waits, probes and checks that
	// only a change that was made would satisfy.
	Planning
)

// String returns the mode's name.
func (m Mode) String() string {
	if m == Planning {
		return "Planning"
	}
	return "Changing"
}

// Mode returns how this call runs its changes: Planning under -WhatIf
// (given on the call or inherited from the caller or the session),
// Changing otherwise.
func (c *Context) Mode() Mode {
	if c.Prefs.WhatIf {
		return Planning
	}
	return Changing
}
