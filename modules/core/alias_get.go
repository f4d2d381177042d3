package core

import (
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/shell"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-Alias",
		Synopsis: "Gets the aliases of the commands: the short names PowerShell users type (gcm, ft, where …).",
		Description: "Lists PowerShell's standard aliases for the commands pcsh has, sorted by name. Command lines " +
			"accept every alias; Lua has those that are identifiers and do not hide a Lua function (select and type stay Lua's).",
		Output: "AliasInfo",
		Examples: []cmdlet.Example{
			{Code: "Get-Alias", Remarks: "Lists every alias."},
			{Code: "Get-Alias -Definition Where-Object", Remarks: "Lists the aliases of Where-Object."},
		},
		Related: []string{"Get-Command"},
		New:     func() cmdlet.Cmdlet { return new(getAlias) },
	})
}

// AliasInfo is the output of Get-Alias.
type AliasInfo struct {
	Name       string
	Definition string
}

type getAlias struct {
	Name       string `param:"position=0" help:"Alias to look up; wildcards are allowed."`
	Definition string `param:"" help:"Only the aliases of this command; wildcards are allowed."`
}

// Process writes the aliases that match.
func (g *getAlias) Process(ctx *cmdlet.Context) error {
	for _, a := range shell.Aliases(ctx.Session.Registry) {
		if like(a.Name, g.Name) && like(a.Definition, g.Definition) {
			ctx.WriteObject(AliasInfo(a))
		}
	}
	return nil
}
