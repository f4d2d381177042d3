package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// buildEmpty builds a Go program that does nothing with goCmd, the
// toolchain that builds pcsh, into a temporary directory: the floor a Go
// binary's start-up cannot go below. Like make build's bin/pcsh, the
// program timed is a copy of the linked file (see the Makefile).
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
	linked, path := filepath.Join(dir, "empty.link"), filepath.Join(dir, "empty")
	cmd := exec.Command(goCmd, "build", "-o", linked, ".")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if err := cmd.Run(); err == nil {
		err = copyFile(path, linked)
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return path, cleanup, nil
}

// buildLinked builds scripts/bench/coldstart/linked, a program that links
// every package pcsh links and does nothing, as make build builds pcsh
// (CGO_ENABLED=0, the GOFLAGS in force), into dir.
func buildLinked(goCmd, dir string) (path string, err error) {
	linked, path := filepath.Join(dir, "linked.link"), filepath.Join(dir, "linked")
	cmd := exec.Command(goCmd, "build", "-o", linked, "./scripts/bench/coldstart/linked")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return path, copyFile(path, linked)
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
