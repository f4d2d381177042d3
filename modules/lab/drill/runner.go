package drill

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"pcsh/modules/lab/datacenter"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/console"
)

// Options are a drill run's settings.
type Options struct {
	Dir       string   // the drill's directory: the lab in Dir/lab, the report in Dir/report.html
	Layout    string   // a lab layout file; "" for the standard layout
	Report    string   // the HTML report; "" for Dir/report.html
	Scenarios []string // nil for DefaultScenarios
	KeepLab   bool     // leave the lab running afterwards
	Log       io.Writer
	Scripts   fs.FS // the scenario folder (scripts/drills)
	Now       func() time.Time
}

// Run runs a drill in the console's session: setup.lua starts the lab and
// sets it up, each scenario runs between Harness.Begin and End (a failed
// scenario is reported and the next one still runs), teardown.lua stops
// the lab, and the HTML report is written. Text the scripts write to the
// host goes to Log, so the output is the report alone.
func Run(ctx context.Context, con *console.Console, o Options) (*Report, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	all, err := Scenarios(o.Scripts)
	if err != nil {
		return nil, err
	}
	names := o.Scenarios
	if len(names) == 0 {
		names = DefaultScenarios
	}
	run, err := pick(all, names)
	if err != nil {
		return nil, cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "DrillScenarioNotFound", "", "%v.", err)
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	lab := filepath.Join(dir, "lab")
	rep := &Report{Started: o.Now()}
	h := For(con.Sess)
	h.Now = o.Now
	if err := freshDir(lab, filepath.Join(dir, "state")); err != nil {
		return nil, err
	}
	useStateDir(con.Sess, filepath.Join(dir, "state"))
	restore := logHost(con.Sess, o.Log)
	defer restore()

	err = runScript(ctx, con, o.Scripts, setupScript, lab, o.Layout)
	if err == nil {
		for _, s := range run {
			fmt.Fprintf(o.Log, "== drill scenario %s: %s\n", s.Name, s.Description)
			began := o.Now()
			h.Begin(s.Name, s.Description)
			_, serr := con.Lua.Exec(ctx, "drills/"+s.Name+".lua", s.Source, lab)
			r := h.End(context.WithoutCancel(ctx), serr)
			fmt.Fprintf(o.Log, "== %s: %s in %.1f s\n", s.Name, r.Outcome, o.Now().Sub(began).Seconds())
			if ctx.Err() != nil {
				break
			}
		}
	}
	h.Close()
	if !o.KeepLab {
		if terr := runScript(context.WithoutCancel(ctx), con, o.Scripts, teardownScript, lab, ""); terr != nil {
			err = errors.Join(err, terr)
		}
	}
	if err != nil {
		return nil, err
	}
	rep.Scenarios = h.Results()
	rep.Duration = o.Now().Sub(rep.Started)
	rep.HTML = o.Report
	if rep.HTML == "" {
		rep.HTML = filepath.Join(dir, "report.html")
	}
	return rep, writeReport(rep)
}

// runScript runs setup.lua or teardown.lua with the lab directory and
// the layout as its arguments.
func runScript(ctx context.Context, con *console.Console, fsys fs.FS, name, lab, layout string) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	_, err = con.Lua.Exec(ctx, "drills/"+name, string(src), lab, layout)
	return err
}

// writeReport writes the HTML report file.
func writeReport(r *Report) error {
	if err := os.MkdirAll(filepath.Dir(r.HTML), 0o755); err != nil {
		return err
	}
	f, err := os.Create(r.HTML)
	if err != nil {
		return err
	}
	if err := WriteHTML(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// freshDir stops a lab a previous drill left running in lab and removes
// it and the runbooks' journals, so every drill starts from a new lab.
func freshDir(lab, state string) error {
	if _, err := datacenter.ReadState(lab); err == nil {
		if _, err := datacenter.Stop(lab); err != nil {
			return fmt.Errorf("stop the lab a previous drill left in %s: %w", lab, err)
		}
	}
	return errors.Join(os.RemoveAll(lab), os.RemoveAll(state))
}

// useStateDir points the session's runbook journals at the drill's own
// state directory: a journal from an earlier drill would make the
// runbooks skip steps on the new lab.
func useStateDir(s *cmdlet.Session, dir string) {
	prev := s.Getenv
	s.Getenv = func(key string) string {
		if key == "PCSH_STATE_DIR" {
			return dir
		}
		return prev(key)
	}
}

// logHost sends the session's host text to w while the drill runs (the
// runbooks' plans and tables), keeping the other streams; it returns the
// function that puts the host back.
func logHost(s *cmdlet.Session, w io.Writer) func() {
	if w == nil {
		return func() {}
	}
	prev := s.Host
	s.Host = loggingHost{Host: prev, w: w}
	return func() { s.Host = prev }
}

// loggingHost is a host whose host text goes to a log.
type loggingHost struct {
	cmdlet.Host
	w io.Writer
}

// Write sends host text to the log and the other streams to the host.
func (l loggingHost) Write(s cmdlet.Stream, text string) {
	if s == cmdlet.StreamHost {
		fmt.Fprintln(l.w, text)
		return
	}
	l.Host.Write(s, text)
}
