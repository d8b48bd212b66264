package kit

import (
	"context"
	"time"
)

// Every calls tick at once and then every interval until ctx is
// cancelled: the loop of the durable schedules (event reminders, morning
// digests), which keep their state in Postgres and so need nothing from
// the loop but a beat.
func Every(ctx context.Context, interval time.Duration, tick func(context.Context)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		tick(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
