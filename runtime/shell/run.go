package shell

import (
	"context"

	"pcsh/runtime/cmdlet"
)

// IsCommandLine reports whether src starts with a Verb-Noun word, which is
// never valid Lua, or with an alias used as a command (gcm, ft, help …),
// so the line is command syntax.
func IsCommandLine(src string) bool { return startsWithVerbNoun(src) || startsWithAlias(src) }

// Run parses src and runs each pipeline in the session, returning the
// output of each pipeline in order. It stops at the first terminating
// error.
func Run(ctx context.Context, s *cmdlet.Session, src string) ([][]any, error) {
	var outs [][]any
	err := RunEach(ctx, s, src, func(out []any) error {
		outs = append(outs, out)
		return nil
	})
	return outs, err
}

// RunEach parses src and runs each pipeline in the session, handing each
// pipeline's output to done before the next pipeline starts (so host text
// and output interleave as they happen). It stops at the first
// terminating error or error from done.
func RunEach(ctx context.Context, s *cmdlet.Session, src string, done func([]any) error) error {
	pls, err := Parse(src)
	if err != nil {
		return parseError(err)
	}
	for _, pl := range pls {
		out, err := RunPipeline(ctx, s, s.Prefs, pl)
		if derr := done(out); err == nil {
			err = derr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func parseError(err error) *cmdlet.ErrorRecord {
	return &cmdlet.ErrorRecord{Message: "Syntax error in command line: " + err.Error() + ".",
		ErrorID: "ParseError", Category: cmdlet.CategoryParserError, Code: cmdlet.ExitUsage, Err: err}
}

// RunPipeline runs the calls of one pipeline, passing each stage's output
// objects to the next stage as pipeline input. A stage that fails keeps
// what it wrote before the error: as in PowerShell, where those objects
// have already gone down the pipeline, the later stages get them, and the
// pipeline returns their output with the error.
func RunPipeline(ctx context.Context, s *cmdlet.Session, prefs cmdlet.Prefs, pl *Pipeline) ([]any, error) {
	out, failed, err := runStages(ctx, s, prefs, pl.Calls, nil)
	if err == nil || failed == len(pl.Calls)-1 || len(out) == 0 {
		return out, err
	}
	rest, _, _ := runStages(ctx, s, prefs, pl.Calls[failed+1:], out)
	return rest, err
}

// runStages runs calls with input (nil for a first stage) and returns the
// last output, and on an error the index of the failed call and what it
// wrote.
func runStages(ctx context.Context, s *cmdlet.Session, prefs cmdlet.Prefs, calls []*Call, input []any) ([]any, int, error) {
	for i, c := range calls {
		if i > 0 && input == nil {
			input = []any{}
		}
		c = helpRequest(c)
		cmd, ok := s.Registry.Lookup(ResolveAlias(c.Name))
		if !ok {
			return nil, i, s.Registry.NotFound(c.Name)
		}
		out, _, err := s.Invoke(ctx, prefs, cmd, Args(cmd, c.Elems), input)
		if err != nil {
			return out, i, err
		}
		input = out
	}
	return input, len(calls) - 1, nil
}

// helpRequest turns `NAME -?` into `Get-Help NAME`, as PowerShell does.
func helpRequest(c *Call) *Call {
	for _, e := range c.Elems {
		if e.Param == "?" || e.IsValue && e.Value == "-?" {
			return &Call{Name: "Get-Help", Elems: []Element{{Value: ResolveAlias(c.Name), IsValue: true}}, Pos: c.Pos}
		}
	}
	return c
}
