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
//
// backlog is the queue's backlog after the batch when the queue tells it
// with the batch (batchEnqueuer), else -1.
func (p *Poller) enqueue(ctx context.Context, batch []received, log *slog.Logger) (stored, fenced bool, backlog int) {
	backlog = -1
	if p.Queue == nil {
		return false, false, backlog
	}
	ins := make([]Incoming, 0, len(batch))
	for _, r := range batch {
		if r.u != nil && !r.dropped {
			ins = append(ins, Incoming{ID: r.id, Chat: ChatKey(r.u), Raw: r.raw, Update: r.u})
		}
	}
	var adm []Admission
	var err error
	if bq, ok := p.Queue.(batchEnqueuer); ok {
		adm, backlog, err = bq.EnqueueBatch(ctx, ins)
	} else {
		adm, err = p.Queue.Enqueue(ctx, ins)
	}
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
		return false, true, -1
	case err != nil:
		log.Warn("update queue unavailable; handling the batch here", "error", err)
		return false, false, -1
	}
	for i, a := range adm {
		if a == Dropped {
			log.Debug("dropping an update: its chat has too many waiting", "update_id", ins[i].ID, "chat_id", ins[i].Chat)
		}
		if a != Queued && p.Handled != nil {
			p.Handled(ins[i].ID)
		}
	}
	return true, false, backlog
}

// batchEnqueuer is a queue that measures its backlog with each batch
// (RedisQueue): the poller then needs no round trip of its own before
// each getUpdates to know whether to wait.
type batchEnqueuer interface {
	EnqueueBatch(ctx context.Context, ups []Incoming) ([]Admission, int, error)
}

// queueFull reports whether the shared queue has maxChats chats with work
// already: polling then waits, as it waits for its own dispatcher. known
// is the backlog the last batch reported (-1: none reported): only this
// poller adds chats to the queue while it polls, so a backlog below
// maxChats then can only have shrunk since, and Redis is not asked.
func (p *Poller) queueFull(ctx context.Context, maxChats, known int) bool {
	if known >= 0 && known < maxChats {
		return false
	}
	b, ok := p.Queue.(interface {
		Backlog(ctx context.Context) (int, error)
	})
	if !ok {
		return false
	}
	n, err := b.Backlog(ctx)
	return err == nil && n >= maxChats
}
