package drill

import (
	"context"
	"fmt"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cli"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/console"
	"pcsh/runtime/format"
	"pcsh/scripts/drills"
)

func init() {
	cli.RegisterSessionCommand(&ucli.Command{
		Name:      "drill",
		Usage:     "run DR drill scenarios on a new lab and report RTO and RPO: pcsh drill [SCENARIO...]",
		ArgsUsage: "[SCENARIO...] (default: " + fmt.Sprint(DefaultScenarios) + ")",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "dir", Value: ".drill", Usage: "the drill's directory: the lab in DIR/lab, the report in DIR/report.html"},
			&ucli.StringFlag{Name: "layout", Usage: "a JSON lab layout `FILE` instead of the standard one"},
			&ucli.StringFlag{Name: "report", Usage: "where to write the HTML report (default DIR/report.html)"},
			&ucli.BoolFlag{Name: "keep-lab", Usage: "leave the lab running afterwards"},
		},
	}, drillAction)
}

// drillAction runs the drill and prints the report: the table of figures
// and the runbook steps through the host formatter (the whole report as
// one document with --output json), then the report file.
func drillAction(ctx context.Context, c *ucli.Context, con *console.Console) error {
	io := cli.StdioOf(c)
	rep, err := Run(ctx, con, Options{Dir: c.String("dir"), Layout: c.String("layout"), Report: c.String("report"),
		Scenarios: c.Args().Slice(), KeepLab: c.Bool("keep-lab"), Log: io.Err, Scripts: drills.FS, Now: con.Sess.Now})
	if err != nil {
		return err
	}
	for _, s := range rep.Scenarios {
		if s.Outcome == OutcomeFailed {
			rec := &cmdlet.ErrorRecord{Message: fmt.Sprintf("Drill scenario %s failed: %s", s.Scenario, s.Error),
				ErrorID: "DrillScenarioFailed", Category: cmdlet.CategoryInvalidOperation, Target: s.Scenario}
			con.Sess.Errors = append(con.Sess.Errors, rec)
			con.Sess.Host.WriteError(rec)
		}
	}
	if con.Mode == format.ModeJSON {
		if err := con.Print([]any{cmdlet.ToObject(rep)}); err != nil {
			return err
		}
		fmt.Fprintf(io.Err, "Report: %s\n", rep.HTML)
		return nil
	}
	if err := printTable(con, objects(rep.Summaries())); err != nil {
		return err
	}
	if steps := rep.StepRows(); len(steps) > 0 {
		if err := printTable(con, objects(steps)); err != nil {
			return err
		}
	}
	fmt.Fprintf(con.Out, "Report: %s\n", rep.HTML)
	return nil
}

// printTable prints rows through the host formatter, as a table unless
// --output asks for another form (Out-Default would make a list of rows
// with more than four columns).
func printTable(con *console.Console, rows []any) error {
	if con.Mode != format.ModeDefault {
		return con.Print(rows)
	}
	var b strings.Builder
	if err := format.Out(&b, rows, format.ModeTable, con.Sess.Width); err != nil {
		return err
	}
	_, err := fmt.Fprint(con.Out, con.Sess.Secrets.Redact(b.String()))
	return err
}

// objects converts rows to pipeline objects.
func objects[T any](rows []T) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = cmdlet.ToObject(r)
	}
	return out
}
