package cmdlet

import (
	"context"
	"fmt"
	"runtime/debug"
)

// Invoke binds args and runs cmd with the given inherited preferences;
// prefs.Force is -Force for this call alone.
// input, when non-nil, is the pipeline input: bound all at once to an
// Object[] pipeline parameter, otherwise one object per Process call. It
// returns the output objects, the non-terminating errors, and a
// terminating error as an *ErrorRecord.
func (s *Session) Invoke(ctx context.Context, prefs Prefs, cmd *Command, args Args, input []any) ([]any, []*ErrorRecord, error) {
	if s.BeforeCommand != nil {
		s.BeforeCommand()
	}
	b, rec := Bind(cmd, args)
	if rec != nil {
		return nil, nil, stamp(rec, cmd)
	}
	s.Secrets.AddBound(cmd, b)
	force := b.Common.force(prefs)
	prefs.Force = false // -Force is the call's own, never passed on
	s.depth++
	defer func() { s.depth-- }()
	c := &Context{Context: ctx, Session: s, Command: cmd, Prefs: b.Common.apply(prefs), force: force, confirm: &confirmState{},
		nested: s.depth > 1}
	err := s.process(c, b, input)
	if c.confirm.fatal != nil {
		err = c.confirm.fatal // the cause, not what the cmdlet made of it
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		return c.out, c.errs, stamp(AsRecord(err), cmd)
	}
	return c.out, c.errs, nil
}

func stamp(rec *ErrorRecord, cmd *Command) *ErrorRecord {
	if rec.Command == "" {
		rec.Command = cmd.Name
	}
	return rec
}

func (s *Session) process(c *Context, b *Bound, input []any) error {
	if input == nil {
		return s.runOnce(c, b)
	}
	if p := arrayInputParam(c.Command); p != nil && !b.Has(p.Name) {
		b.Values[p.Name] = input
		return s.runOnce(c, b)
	}
	for _, obj := range input {
		if c.Stopped() {
			break
		}
		if err := s.processOne(c, b, obj); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) processOne(c *Context, b *Bound, obj any) error {
	ob := &Bound{Values: make(map[string]any, len(b.Values)), Common: b.Common}
	for k, v := range b.Values {
		ob.Values[k] = v
	}
	took, rec := BindInput(c.Command, ob, obj)
	if rec != nil {
		return rec
	}
	if !took {
		return usageError("InputObjectNotBound", "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.")
	}
	return s.runOnce(c, ob)
}

func arrayInputParam(cmd *Command) *Param {
	for _, p := range cmd.Params {
		if p.Pipeline == PipelineByValue && p.Kind == KindObjectArray {
			return p
		}
	}
	return nil
}

// runOnce completes binding (prompting for missing mandatory parameters
// when a person is there) and runs the command, turning a panic into an
// error record instead of a crashed shell.
func (s *Session) runOnce(c *Context, b *Bound) (err error) {
	if err := s.completeOrPrompt(c, b); err != nil {
		return err
	}
	s.Secrets.AddBound(c.Command, b) // pipeline input and prompted values
	c.Bound = b
	defer func() {
		if r := recover(); r != nil {
			err = PanicRecord(r)
		}
	}()
	return c.Command.Run(c, b)
}

// PanicRecord turns a recovered panic into an error record (exit code
// Error) that keeps the Go stack in Err: a bug shows as an error, never as
// a crashed shell.
func PanicRecord(r any) *ErrorRecord {
	return &ErrorRecord{Message: fmt.Sprintf("The command failed with an internal error: %v.", r),
		ErrorID: "CommandPanic", Category: CategoryNotSpecified,
		Hint: "this is a bug in pcsh; please report it with the stack trace shown by -Debug",
		Err:  fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
}

func (s *Session) completeOrPrompt(c *Context, b *Bound) error {
	for {
		p := Complete(c.Command, b)
		if p == nil {
			return nil
		}
		if !s.Host.Interactive() {
			return MissingMandatory(c.Command, p)
		}
		line, err := s.Host.ReadLine(c, fmt.Sprintf("Supply values for the following parameters:\n%s: ", p.Name))
		if err != nil || line == "" {
			return MissingMandatory(c.Command, p)
		}
		v, rec := convert(p, line)
		if rec != nil {
			return rec
		}
		b.Values[p.Name] = v
	}
}
