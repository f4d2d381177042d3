package cmdlet

import "strings"

// suggest returns the candidate closest to got, or "" when none is close
// enough to be a plausible typo.
func suggest(got string, candidates []string) string {
	best, bestDist := "", len(got)/3+2
	lg := strings.ToLower(got)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := distance(lg, lc)
		if strings.HasPrefix(lc, lg) && len(lg) >= 2 {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Suggest returns the closest candidates to got, best first, at most n.
func Suggest(got string, candidates []string, n int) []string {
	var out []string
	rest := append([]string(nil), candidates...)
	for len(out) < n {
		s := suggest(got, rest)
		if s == "" {
			break
		}
		out = append(out, s)
		rest = remove(rest, s)
	}
	return out
}

func remove(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
