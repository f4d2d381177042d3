package main

import (
	"io"
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
	if err := build(goCmd, dir, ".", path, "GOWORK=off", "GOFLAGS="); err != nil {
		cleanup()
		return "", nil, err
	}
	return path, cleanup, nil
}

// buildLinked builds scripts/bench/coldstart/linked, a program that links
// every package pcsh links and does nothing, as make build builds pcsh
// (CGO_ENABLED=0, the GOFLAGS in force), into dir.
func buildLinked(goCmd, dir string) (path string, err error) {
	path = filepath.Join(dir, "linked")
	return path, build(goCmd, "", "./scripts/bench/coldstart/linked", path, "CGO_ENABLED=0")
}

// build runs go build of pkg in srcDir ("" for the current directory)
// with env added, then copies the linked file to dst: like make build's
// bin/pcsh, the program timed is a copy of the linker's output (see the
// Makefile).
func build(goCmd, srcDir, pkg, dst string, env ...string) error {
	linked := dst + ".link"
	cmd := exec.Command(goCmd, "build", "-o", linked, pkg)
	cmd.Dir, cmd.Stdout, cmd.Stderr = srcDir, os.Stderr, os.Stderr
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Run(); err != nil {
		return err
	}
	return copyFile(dst, linked)
}

// copyFile copies an executable.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
