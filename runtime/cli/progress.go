package cli

import (
	"io"
	"strconv"
	"strings"

	"github.com/schollz/progressbar/v3"
)

// progressBars draws one bar per running activity on a terminal, fed by
// WriteProgress (for example the "N percent processed." messages of
// BACKUP and RESTORE WITH STATS).
type progressBars struct {
	w    io.Writer
	bars map[string]*progressbar.ProgressBar
}

func newProgressBars(w io.Writer) *progressBars {
	return &progressBars{w: w, bars: map[string]*progressbar.ProgressBar{}}
}

// update moves the activity's bar to the percentage in "activity\x00N";
// at 100 the bar finishes and is forgotten.
func (p *progressBars) update(msg string) {
	act, pct, _ := strings.Cut(msg, "\x00")
	n, err := strconv.Atoi(pct)
	if err != nil {
		return
	}
	bar, ok := p.bars[act]
	if !ok {
		bar = progressbar.NewOptions(100, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription(act),
			progressbar.OptionShowCount(), progressbar.OptionOnCompletion(func() { _, _ = io.WriteString(p.w, "\n") }))
		p.bars[act] = bar
	}
	_ = bar.Set(min(max(n, 0), 100))
	if n >= 100 {
		_ = bar.Finish()
		delete(p.bars, act)
	}
}
