package schedule

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"

	"github.com/robfig/cron/v3"
)

func TestOnCalendar(t *testing.T) {
	for expr, want := range map[string][]string{
		"*/5 * * * *":       {"*-*-* *:00/5:00"},
		"2-59/5 * * * *":    {"*-*-* *:02/5:00"},
		"*/10 8-18 * * 1-5": {"Mon..Fri *-*-* 08..18:00/10:00"},
		"30 2 * * *":        {"*-*-* 02:30:00"},
		"0 0 1 1 *":         {"*-01-01 00:00:00"},
		"0 3 1,15 * 1":      {"Mon *-*-* 03:00:00", "*-*-01,15 03:00:00"}, // cron: either day
		"0 12 * * 0,6":      {"Sun,Sat *-*-* 12:00:00"},
		"@weekly":           {"Sun *-*-* 00:00:00"},
	} {
		s, err := cronParser.Parse(expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := onCalendar(s.(*cron.SpecSchedule)); !slices.Equal(got, want) {
			t.Errorf("onCalendar(%q) = %q; want %q", expr, got, want)
		}
	}
}

func TestSystemdUnitsRunTheFullCommand(t *testing.T) {
	u, err := SystemdUnits(testJob(t, FormatSystemd, "45m", "", ""))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.Service, `ExecStart=/usr/local/bin/pcsh schedule run health --env PCSH_TOPOLOGY=/etc/pcsh/topology.lua -- Test-PcPersistentChatHealth -Pool "pc 1"`+"\n") {
		t.Errorf("service:\n%s", u.Service)
	}
	if !strings.Contains(u.Timer, "OnActiveSec=45min\nOnUnitActiveSec=45min\n") || !strings.Contains(u.Timer, "Unit=pcsh-health.service") {
		t.Errorf("timer:\n%s", u.Timer)
	}
}

func TestCrontabEntryRefusesAnIntervalCronCannotHold(t *testing.T) {
	if _, err := CrontabEntry(testJob(t, FormatCron, "45m", "", "")); err == nil || !strings.Contains(err.Error(), "as a crontab line") {
		t.Errorf("err = %v", err)
	}
}

func TestCrontabWithAndWithout(t *testing.T) {
	tab := "MAILTO=ops\n0 1 * * * backup\n"
	entry, _ := CrontabEntry(testJob(t, FormatCron, "5m", "", ""))
	with := CrontabWith(tab, "health", entry)
	if !strings.HasPrefix(with, tab) || strings.Count(with, "schedule run health") != 1 {
		t.Fatalf("with:\n%s", with)
	}
	if again := CrontabWith(with, "health", entry); again != with {
		t.Errorf("a second add changed the crontab:\n%s", again)
	}
	if rest, found := CrontabWithout(with, "health"); !found || rest != tab {
		t.Errorf("without = %q, %v; want the original", rest, found)
	}
}

// parsedTask is the part of a task definition the tests read back.
type parsedTask struct {
	Triggers struct {
		Calendar []struct {
			StartBoundary string
			Interval      string    `xml:"Repetition>Interval"`
			Duration      string    `xml:"Repetition>Duration"`
			Week          *struct{} `xml:"ScheduleByWeek"`
			Day           *struct{} `xml:"ScheduleByDay"`
			Month         *struct{} `xml:"ScheduleByMonth"`
		} `xml:"CalendarTrigger"`
		Time []struct {
			Interval string `xml:"Repetition>Interval"`
		} `xml:"TimeTrigger"`
	}
	Policy    string `xml:"Settings>MultipleInstancesPolicy"`
	Command   string `xml:"Actions>Exec>Command"`
	Arguments string `xml:"Actions>Exec>Arguments"`
}

func readTask(t *testing.T, j *Job) parsedTask {
	t.Helper()
	text, err := TaskXML(j, testNow)
	if err != nil {
		t.Fatal(err)
	}
	var p parsedTask
	body := text[strings.Index(text, "\n")+1:] // encoding/xml reads no UTF-16 declaration
	if err := xml.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	return p
}

func TestTaskXMLEveryFiveMinutes(t *testing.T) {
	p := readTask(t, testJob(t, FormatSchtasks, "5m", "", ""))
	c := p.Triggers.Calendar
	if len(c) != 1 || c[0].StartBoundary != "2024-01-01T00:00:00" || c[0].Interval != "PT5M" || c[0].Duration != "P1D" || c[0].Day == nil {
		t.Errorf("triggers = %+v", c)
	}
	if p.Policy != "IgnoreNew" || p.Command != "/usr/local/bin/pcsh" ||
		p.Arguments != `schedule run health --env PCSH_TOPOLOGY=/etc/pcsh/topology.lua -- Test-PcPersistentChatHealth -Pool "pc 1"` {
		t.Errorf("policy %q, command %q, arguments %q", p.Policy, p.Command, p.Arguments)
	}
}

func TestTaskXMLCronForms(t *testing.T) {
	p := readTask(t, testJob(t, FormatSchtasks, "", "", "*/10 8-18 * * 1-5"))
	if c := p.Triggers.Calendar; len(c) != 1 || c[0].StartBoundary != "2024-01-01T08:00:00" || c[0].Interval != "PT10M" || c[0].Duration != "PT11H" || c[0].Week == nil {
		t.Errorf("weekday office hours: %+v", c)
	}
	p = readTask(t, testJob(t, FormatSchtasks, "", "", "0 3 1,15 * 1"))
	if c := p.Triggers.Calendar; len(c) != 2 || c[0].Month == nil || c[1].Week == nil {
		t.Errorf("either day: %+v", c)
	}
	p = readTask(t, testJob(t, FormatSchtasks, "45m", "", ""))
	if tt := p.Triggers.Time; len(tt) != 1 || tt[0].Interval != "PT45M" {
		t.Errorf("interval: %+v", tt)
	}
	if _, err := TaskXML(testJob(t, FormatSchtasks, "", "", "7,11,13 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17 * * *"), testNow); err == nil ||
		!strings.Contains(err.Error(), "needs 51 triggers") {
		t.Errorf("too many triggers: %v", err)
	}
}

func TestRenderHoldsTheCommandLine(t *testing.T) {
	for _, f := range []Format{FormatCron, FormatSystemd, FormatSchtasks} {
		text, err := Render(testJob(t, f, "5m", "", ""), testNow)
		if err != nil || !strings.Contains(text, "/usr/local/bin/pcsh") || !strings.Contains(text, "schedule run health --env PCSH_TOPOLOGY=/etc/pcsh/topology.lua -- Test-PcPersistentChatHealth -Pool") {
			t.Errorf("%s: %v\n%s", f, err, text)
		}
	}
	if text, _ := Render(testJob(t, FormatSchtasks, "5m", "", ""), testNow); !strings.HasSuffix(text, "schtasks /Create /TN pcsh\\health /XML health.xml\n") {
		t.Errorf("no schtasks line:\n%s", text)
	}
}
