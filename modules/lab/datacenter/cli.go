package datacenter

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"pcsh/runtime/cli"
	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	dir := &ucli.StringFlag{Name: "dir", Value: ".lab", Usage: "the lab directory (lab.json, data, logs, share)"}
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

func labError(format string, args ...any) error {
	return &cmdlet.ErrorRecord{Message: fmt.Sprintf(format, args...), ErrorID: "LabError",
		Category: cmdlet.CategoryInvalidOperation}
}

func upAction(c *ucli.Context) error {
	io := cli.StdioOf(c)
	l := Standard()
	if p := c.String("config"); p != "" {
		var err error
		if l, err = LoadLayout(p); err != nil {
			return labError("Cannot read the lab layout: %v.", err)
		}
	}
	exe, err := Executable(io.Getenv)
	if err != nil {
		return labError("Cannot find the pcsh binary: %v.", err)
	}
	s, err := UpSeeded(c.Context, c.String("dir"), l, exe, os.Environ(), io.Getenv)
	if err != nil {
		return labError("The lab did not start: %v", err)
	}
	fmt.Fprintf(io.Out, "lab up in %s (%d instances, mgc on the primary); details in %s\n", s.Dir, len(s.Instances), StateFile)
	if err := printStatus(io.Out, s.Dir); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "\nTo work with this lab:\n  export PCSH_LAB_FILE=%s PCSH_TOPOLOGY=%s PCSH_CMS_DIR=%s\n",
		filepath.Join(s.Dir, StateFile), filepath.Join(s.Dir, TopologyFile), s.CMSDir)
	return nil
}

func statusAction(c *ucli.Context) error { return printStatus(cli.StdioOf(c).Out, c.String("dir")) }

func printStatus(w io.Writer, dir string) error {
	st, err := Status(dir)
	if err != nil {
		return labError("%v.", err)
	}
	objs := make([]any, len(st))
	for i, s := range st {
		objs[i] = cmdlet.ToObject(s)
	}
	return format.Table(w, objs, []string{"Name", "Site", "Role", "Host", "Address", "State"}, 120)
}

func downAction(c *ucli.Context) error {
	s, err := Down(c.String("dir"), 10*time.Second)
	if err != nil {
		return labError("%v.", err)
	}
	fmt.Fprintf(cli.StdioOf(c).Out, "lab down in %s (%d instances stopped)\n", s.Dir, len(s.Instances))
	return nil
}

func faultAction(c *ucli.Context) error {
	io := cli.StdioOf(c)
	args, dir := splitDir(c.Args().Slice())
	if len(args) < 2 {
		return &cmdlet.ErrorRecord{Message: "Usage: pcsh lab fault kill|restart|partition|heal|slow|disk-full TARGET [MS] --dir DIR.",
			ErrorID: "Usage", Category: cmdlet.CategoryInvalidArgument, Code: cmdlet.ExitUsage}
	}
	exe, err := Executable(io.Getenv)
	if err != nil {
		return labError("Cannot find the pcsh binary: %v.", err)
	}
	msg, err := Fault(c.Context, dir, strings.ToLower(args[0]), args[1], args[2:], exe, os.Environ())
	if err != nil {
		return labError("The fault was not applied: %v.", err)
	}
	fmt.Fprintln(io.Out, msg)
	return nil
}

// splitDir takes --dir DIR (or --dir=DIR) from anywhere in the arguments:
// the documented form puts it after the target.
func splitDir(args []string) (rest []string, dir string) {
	dir = ".lab"
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
