package core

import (
	"os"
	"strings"

	"pcsh/runtime/cmdlet"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "Get-Content",
		Synopsis: "Gets the content of a text file, one string per line.",
		Description: "Reads each file and writes its lines without their line endings; -Raw writes the whole file " +
			"as one string. A file that does not exist is a non-terminating error, and the next path is read.",
		Output: "String",
		Examples: []cmdlet.Example{
			{Code: "Get-Content ./servers.txt", Remarks: "Writes the lines of servers.txt."},
			{Code: "Get-Content ./servers.txt -TotalCount 2", Remarks: "Writes the first two lines."},
			{Code: "Get-Content ./pool.json -Raw | ConvertFrom-Json", Remarks: "Reads a JSON file into objects."},
		},
		Related: []string{"Set-Content", "Test-Path", "ConvertFrom-Json"},
		New:     func() cmdlet.Cmdlet { return new(getContent) },
	})
}

type getContent struct {
	Path       []string `param:"position=0,mandatory,pipeline=byname,alias=FullName|LiteralPath" help:"The files to read."`
	TotalCount int      `param:"alias=First|Head" help:"Only the first N lines."`
	Tail       int      `param:"alias=Last" help:"Only the last N lines."`
	Raw        bool     `param:"" help:"Writes the whole file as one string, line endings kept."`
}

// Process writes the lines of each file.
func (g *getContent) Process(ctx *cmdlet.Context) error {
	for _, p := range g.Path {
		data, err := os.ReadFile(p)
		if err != nil {
			ctx.WriteError(pathError(p, err))
			continue
		}
		if g.Raw {
			ctx.WriteObject(string(data))
			continue
		}
		for _, line := range g.window(lines(string(data))) {
			ctx.WriteObject(line)
		}
	}
	return nil
}

// window applies -TotalCount and -Tail.
func (g *getContent) window(ls []string) []string {
	if g.TotalCount > 0 && g.TotalCount < len(ls) {
		ls = ls[:g.TotalCount]
	}
	if g.Tail > 0 && g.Tail < len(ls) {
		ls = ls[len(ls)-g.Tail:]
	}
	return ls
}

// lines splits text at LF or CRLF; a final line ending starts no line.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.Split(strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n"), "\n")
	return ls
}

// pathError is the record for a file that cannot be read or written.
func pathError(path string, err error) *cmdlet.ErrorRecord {
	if os.IsNotExist(err) {
		rec := cmdlet.Errorf(cmdlet.CategoryObjectNotFound, "PathNotFound", path,
			"Cannot find path '%s' because it does not exist.", path)
		rec.Err = err
		return rec
	}
	rec := cmdlet.Errorf(cmdlet.CategoryPermissionDenied, "FileAccessFailed", path, "Cannot access '%s': %v.", path, unwrapPath(err))
	rec.Err = err
	return rec
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
