// Package retention ages out PilarBot's handled flow data (RETENTION,
// 180 days by default): the recipients of finished announcements (each
// broadcast keeps its counts, so /umumkan riwayat still shows them), the
// event reminders sent or missed, and the morning digests and nudges
// done. Records stay: volunteers, reports, events and answers, call-ups,
// the audit log. Redis needs nothing here: a flow's state expires by its
// own TTL (CONVERSATION_TTL plus an hour, its marker a week later), the
// handled-update ids after 48 hours and the inbox after INBOX_TTL.
//
// The pruner runs beside the poller like the digest: every hour each
// instance deletes in batches (storage.PruneHandled), short statements
// that several instances may run at once.
package retention

import (
	"context"
	"time"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// Every is how often the pruner looks for old rows: the data ages by
// days, so an hour is soon enough, and a tick with nothing to do reads
// only small partial indexes.
const Every = time.Hour

// Batch is the most rows one statement deletes.
const Batch = 5000

// Config holds the pruner's settings; values come from app.Defaults and
// are never defaulted again here.
type Config struct {
	Keep time.Duration // RETENTION: rows older than this go
}

// Pruner deletes the handled flow data older than Config.Keep.
type Pruner struct {
	*kit.Env
	cfg Config
}

// New returns the pruner.
func New(env *kit.Env, cfg Config) *Pruner {
	return &Pruner{Env: env, cfg: cfg}
}

// Run prunes at once and then every interval until ctx is cancelled.
func (p *Pruner) Run(ctx context.Context, every time.Duration) {
	kit.Every(ctx, every, func(ctx context.Context) { p.Tick(ctx) })
}

// Tick prunes what is older than the retention and returns what went.
func (p *Pruner) Tick(ctx context.Context) storage.Pruned {
	got, err := p.Store.PruneHandled(ctx, p.Now().Add(-p.cfg.Keep), Batch)
	if err != nil && ctx.Err() == nil {
		p.Log.Error("pruning old handled data failed", "error", err)
	}
	if got.Total() > 0 || got.Broadcasts > 0 {
		p.Log.Info("pruned old handled data", "broadcasts", got.Broadcasts, "outbox_rows", got.OutboxRows,
			"reminders", got.Reminders, "digests", got.Digests, "nudges", got.Nudges)
	}
	return got
}
