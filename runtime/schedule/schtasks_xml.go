package schedule

import "encoding/xml"

// The Task Scheduler schema's elements pcsh writes, in the order the
// schema's sequences require (triggerBaseType: StartBoundary, then
// Repetition; calendarTriggerType: then one ScheduleBy… element).

type taskXML struct {
	XMLName  xml.Name    `xml:"Task"`
	Version  string      `xml:"version,attr"`
	Xmlns    string      `xml:"xmlns,attr"`
	Info     regInfoXML  `xml:"RegistrationInfo"`
	Triggers triggersXML `xml:"Triggers"`
	Settings settingsXML `xml:"Settings"`
	Actions  actionsXML  `xml:"Actions"`
}

type regInfoXML struct {
	URI         string
	Date        string
	Author      string
	Description string
}

type triggersXML struct {
	Time     []timeTriggerXML     `xml:"TimeTrigger"`
	Calendar []calendarTriggerXML `xml:"CalendarTrigger"`
}

type timeTriggerXML struct {
	StartBoundary string
	Repetition    *repetitionXML
}

type calendarTriggerXML struct {
	StartBoundary string
	Repetition    *repetitionXML
	scheduleXML
}

// scheduleXML holds the one ScheduleBy… element of a calendar trigger.
type scheduleXML struct {
	ByDay      *byDayXML      `xml:"ScheduleByDay"`
	ByWeek     *byWeekXML     `xml:"ScheduleByWeek"`
	ByMonth    *byMonthXML    `xml:"ScheduleByMonth"`
	ByMonthDOW *byMonthDOWXML `xml:"ScheduleByMonthDayOfWeek"`
}

type repetitionXML struct {
	Interval string
	Duration string `xml:",omitempty"`
}

type byDayXML struct{ DaysInterval int }

type byWeekXML struct {
	WeeksInterval int
	DaysOfWeek    emptyElems
}

type byMonthXML struct {
	DaysOfMonth struct{ Day []string }
	Months      emptyElems
}

type byMonthDOWXML struct {
	Weeks      struct{ Week []string }
	DaysOfWeek emptyElems
	Months     emptyElems
}

type settingsXML struct {
	MultipleInstancesPolicy    string
	DisallowStartIfOnBatteries bool
	StopIfGoingOnBatteries     bool
	StartWhenAvailable         bool
	Enabled                    bool
}

type actionsXML struct {
	Exec struct {
		Command   string
		Arguments string
	}
}

// emptyElems is a set of empty elements named by its values, such as
// <Monday/><Friday/> in DaysOfWeek.
type emptyElems []string

// MarshalXML writes the element holding one empty element per value.
func (e emptyElems) MarshalXML(enc *xml.Encoder, start xml.StartElement) error {
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	for _, name := range e {
		el := xml.StartElement{Name: xml.Name{Local: name}}
		if err := enc.EncodeToken(el); err != nil {
			return err
		}
		if err := enc.EncodeToken(el.End()); err != nil {
			return err
		}
	}
	return enc.EncodeToken(start.End())
}

var _ xml.Marshaler = emptyElems(nil)
