package mirror

import "time"

// Clock is the time source of mirroring: ping intervals, the partner
// TIMEOUT and retry pacing all read it, so tests can inject their own.
type Clock interface {
	Now() time.Time
	NewTicker(d time.Duration) Ticker
}

// Ticker delivers ticks as time.Ticker does.
type Ticker interface {
	C() <-chan time.Time
	Stop()
}

// RealClock returns the wall clock. Lab time is real time: TIMEOUT n is n
// real seconds.
func RealClock() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) NewTicker(d time.Duration) Ticker { return realTicker{time.NewTicker(d)} }

type realTicker struct{ t *time.Ticker }

func (t realTicker) C() <-chan time.Time { return t.t.C }

func (t realTicker) Stop() { t.t.Stop() }

var _ Clock = realClock{}
