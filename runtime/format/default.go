package format

import (
	"fmt"
	"io"
	"time"

	"pcsh/runtime/cmdlet"
)

// Mode selects how Out-Default renders.
type Mode string

// The output modes of the CLI's --output flag.
const (
	ModeDefault Mode = "default"
	ModeTable   Mode = "table"
	ModeList    Mode = "list"
	ModeJSON    Mode = "json"
	// ModeNagios prints the monitoring-plugin form: a status line with
	// performance data, then a line per finding that is not healthy.
	ModeNagios Mode = "nagios"
)

// Modes lists the output modes in the order help names them.
func Modes() []Mode { return []Mode{ModeDefault, ModeTable, ModeList, ModeJSON, ModeNagios} }

// Whole reports whether the mode renders a command line's whole output as
// one document (json, nagios) rather than pipeline by pipeline, and prints
// even when there is no object (an empty array, an UNKNOWN status).
func (m Mode) Whole() bool { return m == ModeJSON || m == ModeNagios }

// Rendered is text already formatted by Format-Table, Format-List or
// ConvertTo-Json; Out-Default prints it unchanged.
type Rendered string

// Out writes objects the way PowerShell's Out-Default does: runs of objects
// of one type print together, four or fewer default properties as a table,
// more as a list; scalars print on their own line, a date in its long
// form; a hashtable prints as a Name/Value table. In JSON mode the objects
// are one array, also when there are none or one; in Nagios mode they are
// one monitoring-plugin result (see Nagios).
func Out(w io.Writer, objs []any, mode Mode, width int) error {
	if mode == ModeNagios {
		_, err := Nagios(w, objs, "")
		return err
	}
	if mode == ModeJSON {
		s, err := JSONArray(objs, 8)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, s)
		return err
	}
	for start := 0; start < len(objs); {
		end := runEnd(objs, start)
		if err := outRun(w, objs[start:end], mode, width); err != nil {
			return err
		}
		start = end
	}
	return nil
}

func runEnd(objs []any, start int) int {
	t := typeName(objs[start])
	end := start + 1
	for end < len(objs) && t != "" && typeName(objs[end]) == t {
		end++
	}
	return end
}

func typeName(o any) string {
	switch x := o.(type) {
	case *cmdlet.Object:
		return "object:" + x.TypeName
	case *cmdlet.Hashtable:
		return "hashtable"
	}
	return ""
}

func outRun(w io.Writer, run []any, mode Mode, width int) error {
	if typeName(run[0]) == "" {
		for _, o := range run {
			if _, err := fmt.Fprintln(w, scalarText(o)); err != nil {
				return err
			}
		}
		return nil
	}
	run = entries(run)
	if mode == ModeList || mode == ModeDefault && len(viewOf(run)) > 4 {
		return List(w, run, viewOf(run))
	}
	return Table(w, run, nil, width)
}

func scalarText(o any) string {
	if r, ok := o.(Rendered); ok {
		s := string(r)
		if len(s) > 0 && s[len(s)-1] == '\n' {
			s = s[:len(s)-1]
		}
		return s
	}
	if t, ok := o.(time.Time); ok {
		return t.Format(DateLayout)
	}
	return Text(o)
}
