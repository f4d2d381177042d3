package main

import (
	"os"
	"os/exec"
	"path/filepath"
)

// buildEmpty builds a Go program that does nothing with goCmd, the
// toolchain that builds pcsh, into a temporary directory: the floor a Go
// binary's start-up cannot go below.
func buildEmpty(goCmd string) (path string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "coldstart-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	files := map[string]string{"go.mod": "module empty\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {}\n"}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			cleanup()
			return "", nil, err
		}
	}
	path = filepath.Join(dir, "empty")
	cmd := exec.Command(goCmd, "build", "-o", path, ".")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, err
	}
	return path, cleanup, nil
}
