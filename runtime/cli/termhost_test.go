package cli

import (
	"strings"
	"testing"
	"time"

	"pcsh/runtime/cmdlet"
)

func newTestHost(json, bars bool) (*termHost, *strings.Builder, *strings.Builder) {
	out, errw := &strings.Builder{}, &strings.Builder{}
	h := &termHost{out: out, err: errw, jsonLog: json, secrets: &cmdlet.Secrets{},
		now: func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }}
	if bars {
		h.bars = newProgressBars(errw)
	}
	return h, out, errw
}

func TestProgressPlainLines(t *testing.T) {
	h, _, errw := newTestHost(false, false)
	for _, p := range []int{10, 20, 30, 40, 50, 60, 70, 80, 90, 100} {
		h.WriteProgress(cmdlet.Progress{Activity: "BACKUP DATABASE [mgc]", Percent: p})
	}
	want := "PROGRESS: BACKUP DATABASE [mgc]: 10% complete\nPROGRESS: BACKUP DATABASE [mgc]: 40% complete\n" +
		"PROGRESS: BACKUP DATABASE [mgc]: 70% complete\nPROGRESS: BACKUP DATABASE [mgc]: 100% complete\n"
	if errw.String() != want {
		t.Fatalf("%q", errw.String())
	}
}

func TestProgressBarOnTerminal(t *testing.T) {
	h, _, errw := newTestHost(false, true)
	for _, p := range []int{10, 50, 100} {
		h.WriteProgress(cmdlet.Progress{Activity: "RESTORE DATABASE [mgc]", Percent: p})
	}
	s := errw.String()
	if !strings.Contains(s, "RESTORE DATABASE [mgc]") || !strings.Contains(s, "100%") || len(h.bars.bars) != 0 {
		t.Fatalf("bar output %q", s)
	}
	want := "\rRESTORE DATABASE [mgc]  50% |" + strings.Repeat("█", 15) + strings.Repeat(" ", 15) + "| (50/100)" +
		"\rRESTORE DATABASE [mgc] 100% |" + strings.Repeat("█", 30) + "| (100/100)\n"
	if !strings.HasSuffix(s, want) {
		t.Errorf("bar output %q, want it to end with %q", s, want)
	}
}

func TestStreamsRedactSecrets(t *testing.T) {
	h, out, errw := newTestHost(false, false)
	h.secrets.Add("Sup3rS3cret!")
	h.Write(cmdlet.StreamHost, "pw Sup3rS3cret!")
	h.Write(cmdlet.StreamVerbose, "dsn password=abc;")
	h.WriteError(&cmdlet.ErrorRecord{Message: "Login failed with Sup3rS3cret!", Command: "X", Hint: "pwd=zzz"})
	all := out.String() + errw.String()
	for _, leak := range []string{"Sup3rS3cret!", "abc", "zzz"} {
		if strings.Contains(all, leak) {
			t.Errorf("%q leaked: %q", leak, all)
		}
	}
}
