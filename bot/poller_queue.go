package bot

import (
	"context"
	"errors"
	"log/slog"
)

// enqueue offers the batch to the shared queue, when the poller has one.
// stored reports that the queue holds it (the workers handle it); fenced
// that this instance lost the polling lease meanwhile, so it stores
// nothing and must stop. An update the queue refuses (handled before, or
// its chat's queue full) is reported to Handled at once, as the local
// path reports a dropped one.
func (p *Poller) enqueue(ctx context.Context, batch []received, log *slog.Logger) (stored, fenced bool) {
	if p.Queue == nil {
		return false, false
	}
	ins := make([]Incoming, 0, len(batch))
	for _, r := range batch {
		if r.u != nil && !r.dropped {
			ins = append(ins, Incoming{ID: r.id, Chat: ChatKey(r.u), Raw: r.raw})
		}
	}
	adm, err := p.Queue.Enqueue(ctx, ins)
	if err == nil {
		for _, r := range batch {
			if r.dropped && p.Handled != nil {
				p.Handled(r.id)
			}
		}
	}
	switch {
	case errors.Is(err, ErrFenced):
		log.Warn("another instance holds the polling lease now; stopping polling")
		return false, true
	case err != nil:
		log.Warn("update queue unavailable; handling the batch here", "error", err)
		return false, false
	}
	for i, a := range adm {
		if a == Dropped {
			log.Debug("dropping an update: its chat has too many waiting", "update_id", ins[i].ID, "chat_id", ins[i].Chat)
		}
		if a != Queued && p.Handled != nil {
			p.Handled(ins[i].ID)
		}
	}
	return true, false
}

// queueFull reports whether the shared queue has maxChats chats with work
// already: polling then waits, as it waits for its own dispatcher.
func (p *Poller) queueFull(ctx context.Context, maxChats int) bool {
	b, ok := p.Queue.(interface {
		Backlog(ctx context.Context) (int, error)
	})
	if !ok {
		return false
	}
	n, err := b.Backlog(ctx)
	return err == nil && n >= maxChats
}
