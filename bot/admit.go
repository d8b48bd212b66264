package bot

import (
	"context"
	"log/slog"
)

// admit marks the updates of a batch that their chat's queue has no room
// for (Poller.MaxPerChat), before the batch goes to the inbox: what is
// dropped is never stored, and is confirmed to Telegram with the rest.
// Only the polling goroutine submits, so the room it sees can only grow
// until it submits the batch.
func (p *Poller) admit(disp *Dispatcher, batch []received, log *slog.Logger) []received {
	taken := map[int64]int{}
	dropped := 0
	for i := range batch {
		u := batch[i].u
		if u == nil {
			continue
		}
		key := ChatKey(u)
		if disp.Room(key) <= taken[key] {
			batch[i].dropped = true
			dropped++
			log.Debug("dropping an update: its chat has too many waiting", "update_id", batch[i].id, "chat_id", key)
			continue
		}
		taken[key]++
	}
	if dropped > 0 {
		log.Info("dropped updates of chats with too many waiting", "count", dropped)
	}
	return batch
}

// forget removes a dropped update from the inbox it was stored in by an
// earlier run.
func (p *Poller) forget(ctx context.Context, updateID int, log *slog.Logger) {
	if err := p.Inbox.Done(ctx, updateID); err != nil {
		log.Warn("removing a dropped update from the inbox failed", "update_id", updateID, "error", err)
	}
}
