package core

import (
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Format-Table",
		Synopsis: "Formats the input objects as a table.",
		Description: "Writes one row per input object. Without -Property, the columns are the first object's " +
			"default view. Numbers are right-aligned; rows wider than the output width are truncated with an ellipsis.",
		Examples: []cmdlet.Example{
			{Code: "Get-Command | Format-Table Name, Module", Remarks: "Shows two columns."},
			{Code: "Get-Verb | Format-Table", Remarks: "Shows the default view as a table."},
		},
		Related: []string{"Format-List", "Select-Object"},
		New:     func() cmdlet.Cmdlet { return new(formatTable) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:        "Format-List",
		Synopsis:    "Formats the input objects as lists of properties.",
		Description: "Writes each object as Name : Value lines. -Property * shows every property.",
		Examples: []cmdlet.Example{
			{Code: "Get-Command Get-Help | Format-List", Remarks: "Shows all properties of one command."},
			{Code: "Get-Command Get-Help | Format-List Name, Synopsis", Remarks: "Shows two properties."},
		},
		Related: []string{"Format-Table"},
		New:     func() cmdlet.Cmdlet { return new(formatList) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "ConvertTo-Json",
		Synopsis: "Converts the input objects to JSON.",
		Description: "Properties keep their order. One input object becomes a JSON object, several a JSON array; with -AsArray " +
			"the output is always an array (none gives [], one a one-item array), as --output json prints.",
		Examples: []cmdlet.Example{{Code: "Get-Verb -Verb Get | ConvertTo-Json", Remarks: "Prints one verb as JSON."},
			{Code: "Get-Verb -Verb Get | ConvertTo-Json -AsArray", Remarks: "Prints one verb as a JSON array of one object."}},
		New: func() cmdlet.Cmdlet { return new(convertToJSON) },
	})
}

type formatTable struct {
	Property    []string `param:"position=0" help:"Columns to show, in order."`
	InputObject []any    `param:"pipeline=value" help:"The objects to format."`
	AutoSize    bool     `param:"" help:"Accepted for PowerShell compatibility; columns are always sized to their content."`
}

// Process writes the table as one rendered text.
func (f *formatTable) Process(ctx *cmdlet.Context) error {
	if len(f.InputObject) == 0 {
		return nil
	}
	var b strings.Builder
	if err := format.Table(&b, f.InputObject, f.Property, ctx.Session.Width); err != nil {
		return err
	}
	ctx.WriteObject(format.Rendered(b.String()))
	return nil
}

type formatList struct {
	Property    []string `param:"position=0" help:"Properties to show; * shows all."`
	InputObject []any    `param:"pipeline=value" help:"The objects to format."`
}

// Process writes the lists as one rendered text.
func (f *formatList) Process(ctx *cmdlet.Context) error {
	if len(f.InputObject) == 0 {
		return nil
	}
	var b strings.Builder
	if err := format.List(&b, f.InputObject, f.Property); err != nil {
		return err
	}
	ctx.WriteObject(format.Rendered(b.String()))
	return nil
}

type convertToJSON struct {
	InputObject []any `param:"pipeline=value,position=0" help:"The objects to convert."`
	Depth       int   `param:"default=4" help:"How many levels of nested objects to include."`
	AsArray     bool  `param:"" help:"Writes an array whatever the number of objects, also for none or one."`
}

// Process writes the JSON text.
func (c *convertToJSON) Process(ctx *cmdlet.Context) error {
	render := format.JSON
	if c.AsArray {
		render = format.JSONArray
	}
	s, err := render(c.InputObject, c.Depth)
	if err != nil {
		return cmdlet.Errorf(cmdlet.CategoryInvalidData, "JsonConversionFailed", "", "Cannot convert to JSON: %v.", err)
	}
	ctx.WriteObject(format.Rendered(s + "\n"))
	return nil
}
