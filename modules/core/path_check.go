package core

import (
	"os"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:        "Test-Path",
		Synopsis:    "Tells whether a file or directory exists.",
		Description: "Writes $true or $false for each path. -PathType Leaf asks for a file, Container for a directory.",
		Output:      "Boolean",
		Examples: []cmdlet.Example{
			{Code: "Test-Path ./topology.lua", Remarks: "True when the file exists."},
			{Code: "Test-Path /var/backups/pchat -PathType Container", Remarks: "True when the directory exists."},
		},
		Related: []string{"Get-Content"},
		New:     func() cmdlet.Cmdlet { return new(testPath) },
	})
}

// PathType is the kind of item Test-Path asks for.
type PathType string

// Values lists the path types (ValidateSet).
func (PathType) Values() []string { return []string{"Any", "Container", "Leaf"} }

type testPath struct {
	Path     []string `param:"position=0,mandatory,pipeline=byname,alias=FullName|LiteralPath" help:"The paths to test."`
	PathType PathType `param:"default=Any,alias=Type" help:"Any, Container (a directory) or Leaf (a file)."`
}

// Process writes one Boolean per path.
func (t *testPath) Process(ctx *cmdlet.Context) error {
	for _, p := range t.Path {
		fi, err := os.Stat(p)
		ok := err == nil
		switch {
		case ok && t.PathType == "Container":
			ok = fi.IsDir()
		case ok && t.PathType == "Leaf":
			ok = !fi.IsDir()
		}
		ctx.WriteObject(ok)
	}
	return nil
}
