package main

import (
	"fmt"
	"os"
	"slices"
	"time"
)

// program is one command line to time.
type program struct {
	Name     string
	Argv     []string
	Baseline bool // a program pcsh is compared with
	Floor    bool // the program linking pcsh's packages and doing nothing
}

// result holds one program's timed runs.
type result struct {
	program
	Wall []time.Duration // start to exit, as seen by the parent
	CPU  []time.Duration // user plus system time of the child
}

// measure runs every program warmup times untimed, then runs times each,
// one of each per round.
func measure(progs []program, runs, warmup int) ([]*result, error) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	defer null.Close()
	out := make([]*result, len(progs))
	for i, p := range progs {
		out[i] = &result{program: p}
	}
	for round := 0; round < warmup+runs; round++ {
		for _, r := range out {
			wall, cpu, err := once(r.Argv, null)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.Name, err)
			}
			if round >= warmup {
				r.Wall, r.CPU = append(r.Wall, wall), append(r.CPU, cpu)
			}
		}
	}
	return out, nil
}

// once starts argv with its standard streams on null and waits for it.
func once(argv []string, null *os.File) (wall, cpu time.Duration, err error) {
	attr := &os.ProcAttr{Files: []*os.File{null, null, null}, Env: os.Environ()}
	start := time.Now()
	p, err := os.StartProcess(argv[0], argv, attr)
	if err != nil {
		return 0, 0, err
	}
	st, err := p.Wait()
	wall = time.Since(start)
	if err == nil && !st.Success() {
		err = fmt.Errorf("exited with %v", st)
	}
	return wall, st.UserTime() + st.SystemTime(), err
}

// median returns the middle of ds (the mean of the two middle ones).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
