// Command coldstart measures the cold start of `pcsh -c "return 1"`
// against baselines measured in the same run: an empty Go program it
// builds itself and, when installed, Debian's lua5.4 running the same
// one-line chunk. It needs nothing but the Go toolchain: a machine
// without lua5.4 measures against the empty Go program alone.
//
// Usage: go run ./scripts/bench/coldstart [-runs N] [-target R] [-go GO] [PCSH ...]
//
// Each PCSH is a pcsh binary (default bin/pcsh); several compare builds
// against the same baselines.
//
// The runs are interleaved (one of each program per round), so a burst of
// load on a shared machine hits every program alike. It prints each
// program's median and minimum wall time and CPU time, each figure's
// ratio to the baselines and a PASS/FAIL line for the target ratio of
// medians against lua5.4 (or the empty Go program without lua5.4); it
// exits 1 after a FAIL, 2 when it cannot measure.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// linkedName names the floor program in the report.
const linkedName = "pcsh's packages linked, main empty"

func main() {
	runs := flag.Int("runs", 200, "timed runs of each program")
	warmup := flag.Int("warmup", 10, "untimed runs of each program first")
	target := flag.Float64("target", 2, "the largest pcsh/baseline ratio of medians that passes")
	goCmd := flag.String("go", "go", "the go command that builds the empty program")
	flag.Parse()
	bins := flag.Args()
	if len(bins) == 0 {
		bins = []string{"bin/pcsh"}
	}
	passed, err := run(*goCmd, bins, *runs, *warmup, *target)
	if err != nil {
		fmt.Fprintln(os.Stderr, "coldstart:", err)
		os.Exit(2)
	}
	if !passed {
		os.Exit(1)
	}
}

func run(goCmd string, bins []string, runs, warmup int, target float64) (passed bool, err error) {
	empty, cleanup, err := buildEmpty(goCmd)
	if err != nil {
		return false, err
	}
	defer cleanup()
	linked, err := buildLinked(goCmd, filepath.Dir(empty))
	if err != nil {
		return false, err
	}
	var progs []program
	for _, bin := range bins {
		progs = append(progs, program{Name: bin + " -c 'return 1'", Argv: []string{bin, "-c", "return 1"}})
	}
	progs = append(progs, program{Name: linkedName, Argv: []string{linked}, Baseline: true, Floor: true},
		program{Name: "empty Go program", Argv: []string{empty}, Baseline: true})
	if lua, err := exec.LookPath("lua5.4"); err == nil {
		progs = append(progs, program{Name: "lua5.4 -e 'return 1'", Argv: []string{lua, "-e", "return 1"}, Baseline: true})
	} else {
		fmt.Println("coldstart: lua5.4 is not installed (apt-get install -y lua5.4): the baseline is the empty Go program")
	}
	results, err := measure(progs, runs, warmup)
	if err != nil {
		return false, err
	}
	return report(os.Stdout, results, target), nil
}
