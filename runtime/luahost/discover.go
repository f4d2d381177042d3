package luahost

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
)

var runbookFileRE = regexp.MustCompile(`^[A-Z][A-Za-z]*-[A-Z][A-Za-z0-9]*\.lua$`)

// LoadRunbooks defines a command for every Verb-Noun.lua runbook at the top
// of fsys. origin prefixes the source shown in Get-Command (for example
// "builtin:" or a directory). It returns one error per runbook that could
// not be loaded; the others are still defined.
func (h *Host) LoadRunbooks(fsys fs.FS, origin string) []error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return []error{err}
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() && runbookFileRE.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var errs []error
	for _, n := range names {
		if err := h.loadRunbook(fsys, n, origin); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func (h *Host) loadRunbook(fsys fs.FS, file, origin string) error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	if !IsRunbook(string(src)) {
		return nil
	}
	name := RunbookName(file)
	if _, exists := h.Sess.Registry.Lookup(name); exists {
		return fmt.Errorf("runbook %s%s: a command with that name already exists", origin, file)
	}
	cmd, err := h.NewRunbook(name, origin+file, string(src))
	if err != nil {
		return err
	}
	return h.Define(cmd)
}

// LoadPath loads runbooks from each directory of PCSH_PATH that exists.
func (h *Host) LoadPath(dirs []string) []error {
	var errs []error
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		errs = append(errs, h.LoadRunbooks(os.DirFS(d), d+string(os.PathSeparator))...)
	}
	return errs
}
