package all_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// preferenceReads are the selectors through which a module would read
// the preferences instead of acting on what the runtime decided: the
// Prefs of a Context or Session (WhatIf, ConfirmImpact, Verbose, Debug,
// ErrorAction) and a WhatIf or Confirm method or field. A module asks
// ctx.Decide (or runbook.Apply) about a change and ctx.Mode() whether it
// is planning.
var preferenceReads = map[string]string{
	"Prefs":   "reads the preferences",
	"WhatIf":  "reads -WhatIf",
	"Confirm": "reads -Confirm",
}

// preferenceReadsIn lists, as "file:line: what", the preference reads in
// one Go source file.
func preferenceReadsIn(fset *token.FileSet, f *ast.File) []string {
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if what, bad := preferenceReads[sel.Sel.Name]; bad {
			out = append(out, fset.Position(sel.Pos()).String()+": "+what+" (."+sel.Sel.Name+")")
		}
		return true
	})
	return out
}

// TestModulesDoNotReadPreferences fails when a module's code (tests
// aside) reads -WhatIf, -Confirm or the preferences itself: every change
// goes through ShouldProcess's decision, and planning is ctx.Mode().
func TestModulesDoNotReadPreferences(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "..":
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		for _, r := range preferenceReadsIn(fset, f) {
			t.Error(r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read %d module files; the walk did not reach modules/", files)
	}
}

// TestPreferenceReadsAreFound: the check finds each kind of read.
func TestPreferenceReadsAreFound(t *testing.T) {
	src := `package m
func f(ctx *cmdlet.Context) {
	if ctx.WhatIf() || ctx.Prefs.Verbose || ctx.Session.Prefs.Debug || c.Confirm != nil {
	}
	_ = ctx.Mode() == cmdlet.Planning
	_ = ctx.Decide("t", "a") == cmdlet.WhatIfShown
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "m.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := preferenceReadsIn(fset, f)
	if len(got) != 4 {
		t.Fatalf("found %d reads, want 4:\n%s", len(got), strings.Join(got, "\n"))
	}
}
