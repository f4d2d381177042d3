package core

import (
	"os"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Out-File",
		Synopsis: "Writes the input objects to a file as the console would show them.",
		Description: "Formats the objects as Out-Default does (a table or a list) at -Width columns and writes the " +
			"text to the file, replacing it unless -Append; -NoClobber refuses an existing file. -WhatIf writes nothing.",
		Impact: cmdlet.ImpactMedium,
		Examples: []cmdlet.Example{
			{Code: "Get-CsDatabaseMirrorState -PoolFqdn pc.contoso.com | Out-File ./mirror-state.txt", Remarks: "Saves the table."},
			{Code: "Get-Command | Out-File ./commands.txt -Append -WhatIf", Remarks: "Shows the write without writing."},
		},
		Related: []string{"Set-Content", "Format-Table"},
		New:     func() cmdlet.Cmdlet { return new(outFile) },
	})
}

type outFile struct {
	FilePath    string `param:"position=0,mandatory,alias=Path" help:"The file to write."`
	InputObject []any  `param:"pipeline=value" help:"The objects to write."`
	Append      bool   `param:"" help:"Adds to the end of the file instead of replacing it."`
	NoClobber   bool   `param:"alias=NoOverwrite" help:"Fails instead of replacing an existing file."`
	Width       int    `param:"" help:"The line width of tables; the output width when not given."`
}

// Process formats the input and writes the file after ShouldProcess.
func (o *outFile) Process(ctx *cmdlet.Context) error {
	if _, err := os.Stat(o.FilePath); err == nil && o.NoClobber && !o.Append {
		return cmdlet.Errorf(cmdlet.CategoryResourceUnavailable, "NoClobber", o.FilePath,
			"The file '%s' already exists, and -NoClobber was given.", o.FilePath)
	}
	width := o.Width
	if width <= 0 {
		width = ctx.Session.Width
	}
	var b strings.Builder
	if err := format.Out(&b, o.InputObject, format.ModeDefault, width); err != nil {
		return err
	}
	return writeFile(ctx, o.FilePath, "Output to File", ctx.Session.Secrets.Redact(b.String()), o.Append)
}
