package cli

import (
	"fmt"
	"io"
	"strings"

	"pcsh/runtime/cmdlet"
)

// barWidth is the number of cells of a progress bar.
const barWidth = 30

// progressBars draws one bar per running activity on a terminal, fed by
// WriteProgress (for example the "N percent processed." messages of
// BACKUP and RESTORE WITH STATS). A bar is redrawn in place with a
// carriage return and ends with a newline at 100%. It is drawn here rather
// than with a progress-bar library, whose dependencies (net/http among
// them) cost every start-up a few milliseconds.
type progressBars struct {
	w    io.Writer
	bars map[string]int // activity → last percentage drawn
}

func newProgressBars(w io.Writer) *progressBars {
	return &progressBars{w: w, bars: map[string]int{}}
}

// update moves the activity's bar to the report's percentage; at 100 the
// bar finishes and is forgotten.
func (p *progressBars) update(r cmdlet.Progress) {
	act, n := r.Activity, min(max(r.Percent, 0), 100)
	if last, ok := p.bars[act]; ok && last == n {
		return
	}
	p.bars[act] = n
	_, _ = io.WriteString(p.w, "\r"+barLine(act, n))
	if n == 100 {
		_, _ = io.WriteString(p.w, "\n")
		delete(p.bars, act)
	}
}

// barLine renders "activity  45% |█████·····| (45/100)".
func barLine(act string, pct int) string {
	full := pct * barWidth / 100
	return fmt.Sprintf("%s %3d%% |%s%s| (%d/100)", act, pct,
		strings.Repeat("█", full), strings.Repeat(" ", barWidth-full), pct)
}
