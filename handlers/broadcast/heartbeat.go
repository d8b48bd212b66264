package broadcast

import (
	"context"
	"time"

	"pilarbot/storage"
)

// hold adds a claimed row to those the heartbeat renews while it is being
// sent, or (on false) takes it off once its outcome is recorded or given
// up. A row left claimed but not held, like one cut off at shutdown, is
// taken over after the lease.
func (r *Runner) hold(row storage.OutboxRow, on bool) {
	k := outboxKey{row.BroadcastID, row.ChatID}
	r.mu.Lock()
	defer r.mu.Unlock()
	if on {
		r.held[k] = row
	} else {
		delete(r.held, k)
	}
}

func (r *Runner) heldRows() []storage.OutboxRow {
	r.mu.Lock()
	defer r.mu.Unlock()
	rows := make([]storage.OutboxRow, 0, len(r.held))
	for _, row := range r.held {
		rows = append(rows, row)
	}
	return rows
}

// heartbeat renews the claims of the rows being sent every
// RunnerConfig.Heartbeat until ctx is done. While this instance lives its
// rows are never taken over, however long Telegram takes to answer, so
// the lease can be short; when it dies the renewals stop and another
// instance takes its rows over one lease later. A row that is taken over
// all the same (this instance stalled for longer than the lease) is
// logged when its outcome cannot be recorded.
func (r *Runner) heartbeat(ctx context.Context) {
	t := time.NewTicker(r.cfg.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rows := r.heldRows()
		if len(rows) == 0 {
			continue
		}
		rctx, cancel := context.WithTimeout(ctx, r.cfg.Heartbeat)
		_, err := r.store.RenewOutbox(rctx, r.id, rows)
		cancel()
		if err != nil && ctx.Err() == nil {
			r.log.Warn("renewing broadcast claims failed", "rows", len(rows), "error", err)
		}
	}
}
