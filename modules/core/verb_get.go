package core

import "pcsh/runtime/cmdlet"

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-Verb",
		Synopsis: "Gets the approved verbs command names must use.",
		Output:   "VerbInfo",
		Examples: []cmdlet.Example{{Code: "Get-Verb", Remarks: "Lists the approved verbs."},
			{Code: "Get-Verb -Verb S*", Remarks: "Lists the verbs starting with S."}},
		New: func() cmdlet.Cmdlet { return new(getVerb) },
	})
}

// VerbInfo is the output of Get-Verb.
type VerbInfo struct {
	Verb        string
	Group       string
	Description string
}

type getVerb struct {
	Verb string `param:"position=0" help:"Verb to look up; wildcards are allowed."`
}

// Process writes the approved verbs that match.
func (g *getVerb) Process(ctx *cmdlet.Context) error {
	for _, v := range cmdlet.Verbs() {
		if like(v.Name, g.Verb) {
			ctx.WriteObject(VerbInfo{v.Name, v.Group, v.Description})
		}
	}
	return nil
}
