package main

import (
	"fmt"
	"io"
	"time"
)

// report prints each program's figures, then each pcsh build's ratios to
// the baselines and its verdict on the target against the last baseline
// (lua5.4 when installed). It returns whether every build passed.
func report(w io.Writer, results []*result, target float64) (passed bool) {
	var builds, baselines []*result
	for _, r := range results {
		fmt.Fprintf(w, "cold start %s: median %s (min %s), CPU median %s, %d runs\n",
			r.Name, ms(median(r.Wall)), ms(minimum(r.Wall)), ms(median(r.CPU)), len(r.Wall))
		if r.Baseline {
			baselines = append(baselines, r)
		} else {
			builds = append(builds, r)
		}
	}
	for _, p := range builds {
		for _, b := range baselines {
			fmt.Fprintf(w, "ratio %s / %s: median %.2fx, min %.2fx, CPU median %.2fx\n", p.Argv[0], b.Name,
				ratio(median(p.Wall), median(b.Wall)), ratio(minimum(p.Wall), minimum(b.Wall)),
				ratio(median(p.CPU), median(b.CPU)))
		}
	}
	ref, passed := baselines[len(baselines)-1], true
	for _, b := range baselines {
		if b.Floor && b != ref {
			fmt.Fprintf(w, "floor: %s / %s: median %.2fx; no change to pcsh's own start-up goes below it\n",
				b.Name, ref.Name, ratio(median(b.Wall), median(ref.Wall)))
		}
	}
	for _, p := range builds {
		got := ratio(median(p.Wall), median(ref.Wall))
		verdict := "PASS"
		if got > target {
			verdict, passed = "FAIL", false
		}
		fmt.Fprintf(w, "%s: cold start %s / %s median ratio %.2fx (target <= %gx)\n", verdict, p.Argv[0], ref.Name, got, target)
	}
	return passed
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

func minimum(ds []time.Duration) time.Duration {
	m := ds[0]
	for _, d := range ds[1:] {
		m = min(m, d)
	}
	return m
}
