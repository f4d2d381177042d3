package logship

import (
	"sync"

	"pcsh/runtime/cmdlet"
)

// DefaultThrottleLimit is how many instances the read-only fan-out
// cmdlets query at once.
const DefaultThrottleLimit = 32

// forEach runs work(i) for i in [0, n) on at most limit goroutines and
// returns when all are done; results go into slots the caller indexes by
// i, so the output order is the input order whatever the timing. A
// cancelled context stops the remaining items.
func forEach(ctx *cmdlet.Context, n, limit int, work func(i int)) {
	if limit < 1 {
		limit = 1
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(limit, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
