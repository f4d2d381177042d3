package datacenter

import (
	"fmt"
	"io"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cli"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

// The CLI forms of the lab cmdlets: pcsh lab up, status, down and fault
// call the functions Start-PcLab, Get-PcLabInstance, Stop-PcLab and
// Invoke-PcLabFault call (Start, Instances, Stop, ApplyFault).
func init() {
	dir := &ucli.StringFlag{Name: "dir", Value: DefaultDir, Usage: "the lab directory (lab.json, data, logs, share)"}
	cli.RegisterSubcommand("lab", &ucli.Command{Name: "up", Usage: "start the two-data-center lab in the background",
		Flags:  []ucli.Flag{dir, &ucli.StringFlag{Name: "config", Usage: "a JSON layout `FILE` instead of the standard one"}},
		Action: upAction})
	cli.RegisterSubcommand("lab", &ucli.Command{Name: "status", Usage: "show the lab's instances",
		Flags: []ucli.Flag{dir}, Action: statusAction})
	cli.RegisterSubcommand("lab", &ucli.Command{Name: "down", Usage: "stop the lab's instances",
		Flags: []ucli.Flag{dir}, Action: downAction})
	cli.RegisterSubcommand("lab", &ucli.Command{Name: "fault", Usage: "inject a fault: kill|restart|partition|heal|slow|disk-full TARGET",
		ArgsUsage: "ACTION TARGET [MS] [--dir DIR]", SkipFlagParsing: true, Action: faultAction})
}

// DefaultDir is the lab directory when none is given.
const DefaultDir = ".lab"

func upAction(c *ucli.Context) error {
	io := cli.StdioOf(c)
	l, err := LayoutFrom(c.String("config"))
	if err != nil {
		return err
	}
	s, err := Start(c.Context, c.String("dir"), l, io.Getenv)
	if err != nil {
		return err
	}
	fmt.Fprintln(io.Out, s.UpMessage())
	if err := printStatus(io.Out, s.Dir); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "\nTo work with this lab:\n  %s\n", ExportLine(s.Environment()))
	return nil
}

func statusAction(c *ucli.Context) error { return printStatus(cli.StdioOf(c).Out, c.String("dir")) }

func printStatus(w io.Writer, dir string) error {
	st, err := Instances(dir)
	if err != nil {
		return err
	}
	objs := make([]any, len(st))
	for i, s := range st {
		objs[i] = cmdlet.ToObject(s)
	}
	return format.Table(w, objs, statusColumns, 120)
}

func downAction(c *ucli.Context) error {
	s, err := Stop(c.String("dir"))
	if err != nil {
		return err
	}
	fmt.Fprintln(cli.StdioOf(c).Out, s.DownMessage())
	return nil
}

func faultAction(c *ucli.Context) error {
	io := cli.StdioOf(c)
	args, dir := splitDir(c.Args().Slice())
	if len(args) < 2 {
		return &cmdlet.ErrorRecord{Message: "Usage: pcsh lab fault kill|restart|partition|heal|slow|disk-full TARGET [MS] --dir DIR.",
			ErrorID: "Usage", Category: cmdlet.CategoryInvalidArgument, Code: cmdlet.ExitUsage}
	}
	msg, err := ApplyFault(c.Context, dir, strings.ToLower(args[0]), args[1], args[2:], io.Getenv)
	if err != nil {
		return err
	}
	fmt.Fprintln(io.Out, msg)
	return nil
}

// splitDir takes --dir DIR (or --dir=DIR) from anywhere in the arguments:
// the documented form puts it after the target.
func splitDir(args []string) (rest []string, dir string) {
	dir = DefaultDir
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case (a == "--dir" || a == "-dir") && i+1 < len(args):
			dir = args[i+1]
			i++
		case strings.HasPrefix(a, "--dir="):
			dir = strings.TrimPrefix(a, "--dir=")
		default:
			rest = append(rest, a)
		}
	}
	return rest, dir
}
