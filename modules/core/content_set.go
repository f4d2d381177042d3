package core

import (
	"os"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Set-Content",
		Synopsis: "Writes values to a text file, replacing what it held.",
		Description: "Writes each value as one line (its text, as Write-Output shows it), creating the file or " +
			"replacing its content. The write is a change: -WhatIf prints it and writes nothing.",
		Impact: cmdlet.ImpactMedium,
		Examples: []cmdlet.Example{
			{Code: "Set-Content ./servers.txt -Value pc5.contoso.com, pc6.contoso.com -WhatIf", Remarks: "Shows the write without writing."},
			{Code: "Get-CsPersistentChatActiveServer | Select-Object -ExpandProperty ActiveServers | Set-Content ./active.txt",
				Remarks: "Saves the active servers, one a line."},
		},
		Related: []string{"Get-Content", "Out-File"},
		New:     func() cmdlet.Cmdlet { return new(setContent) },
	})
}

type setContent struct {
	Path      string `param:"position=0,mandatory,alias=LiteralPath" help:"The file to write."`
	Value     []any  `param:"position=1,pipeline=value" help:"The values to write, one a line."`
	NoNewline bool   `param:"" help:"Joins the values without line endings and ends the file without one."`
}

// Process writes the file after ShouldProcess.
func (s *setContent) Process(ctx *cmdlet.Context) error {
	parts := make([]string, len(s.Value))
	for i, v := range s.Value {
		parts[i] = format.Text(v)
	}
	text := strings.Join(parts, "")
	if !s.NoNewline && len(parts) > 0 {
		text = strings.Join(parts, "\n") + "\n"
	}
	return writeFile(ctx, s.Path, "Set Content", text, false)
}

// writeFile writes (or appends) text to path when ShouldProcess allows;
// a failure is terminating, as nothing after it can rely on the file.
func writeFile(ctx *cmdlet.Context, path, action, text string, appendTo bool) error {
	if !ctx.ShouldProcess("Path: "+path, action) {
		return nil
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendTo {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return pathError(path, err)
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return pathError(path, err)
	}
	return nil
}
