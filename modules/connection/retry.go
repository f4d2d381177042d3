package connection

import (
	"context"
	"time"
)

// Clock is the time source retries wait on; tests use a fake that records
// the waits and returns at once.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx ends, whichever is first.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d unless ctx ends first.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RetryPolicy bounds retries: at most Attempts tries in all, waiting Base,
// 2×Base, 4×Base… (capped at Max) between them. There is no jitter: one
// admin's shell is not a thundering herd, and fixed waits keep runs
// reproducible.
type RetryPolicy struct {
	Attempts int
	Base     time.Duration
	Max      time.Duration
}

// DefaultRetry returns the default policy: three tries, 1 s then 2 s
// apart.
func DefaultRetry() RetryPolicy {
	return RetryPolicy{Attempts: 3, Base: time.Second, Max: 8 * time.Second}
}

// Wait returns the pause before try number n+1 (n counts from 1).
func (p RetryPolicy) Wait(n int) time.Duration {
	d := p.Base << (n - 1)
	if d > p.Max || d <= 0 {
		return p.Max
	}
	return d
}

// Do calls fn until it succeeds, fails with an error retryable rejects, or
// the attempts are used up. onRetry is told about each retry before the
// wait. It returns fn's last error.
func (p RetryPolicy) Do(ctx context.Context, clock Clock, retryable func(error) bool,
	onRetry func(n int, wait time.Duration, err error), fn func() error) error {
	for n := 1; ; n++ {
		err := fn()
		if err == nil || n >= p.Attempts || !retryable(err) || ctx.Err() != nil {
			return err
		}
		wait := p.Wait(n)
		onRetry(n, wait, err)
		if serr := clock.Sleep(ctx, wait); serr != nil {
			return err
		}
	}
}

var _ Clock = RealClock{}
