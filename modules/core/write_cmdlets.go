package core

import (
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Write-Output",
		Synopsis: "Writes objects to the pipeline.",
		Examples: []cmdlet.Example{{Code: "Write-Output hello", Remarks: "Writes the string hello."}},
		New:      func() cmdlet.Cmdlet { return new(writeOutput) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Write-Host",
		Synopsis: "Writes text to the console, not to the pipeline.",
		Examples: []cmdlet.Example{{Code: "Write-Host 'Failover complete'", Remarks: "Prints a line for the operator."}},
		New:      func() cmdlet.Cmdlet { return new(writeHost) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Write-Verbose",
		Synopsis: "Writes a VERBOSE message, shown with -Verbose.",
		Examples: []cmdlet.Example{{Code: "Write-Verbose 'checking the mirror' -Verbose", Remarks: "Prints VERBOSE: checking the mirror."}},
		New:      func() cmdlet.Cmdlet { return new(writeVerbose) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:     "Write-Warning",
		Synopsis: "Writes a WARNING message.",
		Examples: []cmdlet.Example{{Code: "Write-Warning 'the witness is disconnected'", Remarks: "Prints WARNING: the witness is disconnected."}},
		New:      func() cmdlet.Cmdlet { return new(writeWarning) },
	})
	cmdlet.Register(cmdlet.Info{
		Name:        "Write-Error",
		Synopsis:    "Writes a non-terminating error record.",
		Description: "The run goes on, but ends with the PartialFailure exit code; under -ErrorAction Stop the error terminates.",
		Examples:    []cmdlet.Example{{Code: "Write-Error 'mirror not synchronized' -ErrorId MirrorNotSynchronized -TargetObject mgc", Remarks: "Writes an error about mgc."}},
		New:         func() cmdlet.Cmdlet { return new(writeError) },
	})
}

type writeOutput struct {
	InputObject []any `param:"position=0,pipeline=value" help:"The objects to write."`
}

// Process writes the input objects unchanged.
func (w *writeOutput) Process(ctx *cmdlet.Context) error {
	for _, o := range w.InputObject {
		ctx.WriteObject(o)
	}
	return nil
}

type writeHost struct {
	Object    []any  `param:"position=0,remaining" help:"What to print; several values are joined with spaces."`
	Separator string `param:"default= " help:"The text between values."`
}

// Process prints the text.
func (w *writeHost) Process(ctx *cmdlet.Context) error {
	parts := make([]string, len(w.Object))
	for i, o := range w.Object {
		parts[i] = format.Text(o)
	}
	ctx.WriteHost("%s", strings.Join(parts, w.Separator))
	return nil
}

type writeVerbose struct {
	Message string `param:"position=0,mandatory" help:"The message."`
}

// Process writes the message to the verbose stream.
func (w *writeVerbose) Process(ctx *cmdlet.Context) error {
	ctx.WriteVerbose("%s", w.Message)
	return nil
}

type writeWarning struct {
	Message string `param:"position=0,mandatory" help:"The message."`
}

// Process writes the message to the warning stream.
func (w *writeWarning) Process(ctx *cmdlet.Context) error {
	ctx.WriteWarning("%s", w.Message)
	return nil
}

type writeError struct {
	Message           string `param:"position=0,mandatory" help:"The error message."`
	ErrorId           string `param:"default=WriteErrorException" help:"The error identifier."`
	Category          string `param:"default=NotSpecified" help:"The error category."`
	TargetObject      string `param:"" help:"What the error is about."`
	RecommendedAction string `param:"" help:"How to fix it; shown as the hint."`
}

// Process writes a non-terminating error.
func (w *writeError) Process(ctx *cmdlet.Context) error {
	ctx.WriteError(&cmdlet.ErrorRecord{Message: w.Message, ErrorID: w.ErrorId, Category: cmdlet.Category(w.Category),
		Target: w.TargetObject, Hint: w.RecommendedAction})
	return nil
}
