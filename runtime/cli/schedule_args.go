package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// scheduleArgs parses a schedule subcommand's words with fs: options and
// positional words in any order before `--`, the command after it. The
// subcommands skip urfave's flag parsing because it stops at the first
// positional word (the job name). help is true when -h or --help was
// asked for; usageText is printed then.
func scheduleArgs(fs *flag.FlagSet, args []string, out io.Writer, usageText string) (pos, command []string, help bool, err error) {
	if i := indexOf(args, "--"); i >= 0 {
		args, command = args[:i], args[i+1:]
	}
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(out, usageText)
			fs.SetOutput(out)
			fs.PrintDefaults()
			return nil, nil, true, nil
		} else if err != nil {
			return nil, nil, false, usage("%v", err)
		}
		if fs.NArg() == 0 {
			return pos, command, false, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

func indexOf(words []string, w string) int {
	for i, a := range words {
		if a == w {
			return i
		}
	}
	return -1
}

// stringList is a repeatable string option.
type stringList []string

// String joins the values, for flag's defaults.
func (l *stringList) String() string { return strings.Join(*l, " ") }

// Set adds a value.
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

var _ flag.Value = (*stringList)(nil)
