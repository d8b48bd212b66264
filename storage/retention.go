package storage

import (
	"context"
	"fmt"
	"time"
)

// Pruned counts what one PruneHandled removed.
type Pruned struct {
	Broadcasts int64 // finished broadcasts whose counts were kept and recipients pruned
	OutboxRows int64
	Reminders  int64
	Digests    int64
	Nudges     int64
}

// Total is every row removed (broadcasts are kept, so not counted).
func (p Pruned) Total() int64 { return p.OutboxRows + p.Reminders + p.Digests + p.Nudges }

// pruneStep deletes one batch of handled rows older than $1 (at most $2)
// and returns how many it deleted.
type pruneStep struct {
	name string
	sql  string
	into func(p *Pruned) *int64
}

// pruneSteps are the kinds of handled flow data that age out. Records
// stay: volunteers, reports and their history, events and answers,
// call-ups and their answers, the audit log, and shown_messages (an
// erasure needs them whenever it comes). Call-up recipients stay too: a
// call-up's tally and who may answer it are read from its outbox rows.
var pruneSteps = []pruneStep{
	{"outbox", `DELETE FROM broadcast_outbox o USING (
			SELECT x.broadcast_id, x.chat_id FROM broadcasts b
			JOIN broadcast_outbox x ON x.broadcast_id = b.id
			WHERE b.pruned_at IS NOT NULL AND b.finished_at < $1 LIMIT $2) d
		WHERE o.broadcast_id = d.broadcast_id AND o.chat_id = d.chat_id`,
		func(p *Pruned) *int64 { return &p.OutboxRows }},
	// A reminder sent, or due so long ago that its event has started:
	// the scheduler never sends one after the start.
	{"reminders sent", `DELETE FROM event_reminders WHERE id IN (
			SELECT id FROM event_reminders WHERE sent_at < $1 LIMIT $2)`,
		func(p *Pruned) *int64 { return &p.Reminders }},
	{"reminders missed", `DELETE FROM event_reminders WHERE id IN (
			SELECT id FROM event_reminders WHERE sent_at IS NULL AND due_at < $1 LIMIT $2)`,
		func(p *Pruned) *int64 { return &p.Reminders }},
	{"digests", `DELETE FROM coordinator_digests d USING (
			SELECT day, telegram_id FROM coordinator_digests WHERE done_at < $1 LIMIT $2) x
		WHERE d.day = x.day AND d.telegram_id = x.telegram_id`,
		func(p *Pruned) *int64 { return &p.Digests }},
	// A volunteer's latest nudge stays whatever its age: it is what keeps
	// the next one NUDGE_AFTER away.
	{"nudges", `DELETE FROM volunteer_nudges n USING (
			SELECT x.volunteer_id, x.day FROM volunteer_nudges x
			WHERE x.done_at < $1
				AND EXISTS (SELECT 1 FROM volunteer_nudges y WHERE y.volunteer_id = x.volunteer_id AND y.day > x.day)
			LIMIT $2) d
		WHERE n.volunteer_id = d.volunteer_id AND n.day = d.day`,
		func(p *Pruned) *int64 { return &p.Nudges }},
}

// PruneHandled removes the handled flow data older than before, in
// batches of at most batch rows, each batch its own short statement, so
// that the pruning of a million rows never holds a long lock or a long
// transaction: the recipients of announcements finished before before
// (after their counts are kept on the broadcast, so /umumkan riwayat
// still shows them), event reminders sent or missed, morning digests and
// nudges done. Several instances may prune at once.
func (s *Store) PruneHandled(ctx context.Context, before time.Time, batch int) (Pruned, error) {
	var p Pruned
	n, err := s.sealBroadcasts(ctx, before)
	if err != nil {
		return p, err
	}
	p.Broadcasts = n
	for _, st := range pruneSteps {
		for {
			if err := ctx.Err(); err != nil {
				return p, err
			}
			res, err := s.db.ExecContext(ctx, st.sql, before, batch)
			if err != nil {
				return p, fmt.Errorf("storage: prune %s: %w", st.name, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return p, err
			}
			*st.into(&p) += n
			if n < int64(batch) {
				break
			}
		}
	}
	return p, nil
}

// sealBroadcasts marks the announcements finished before before pruned,
// so their outbox rows may go, after keeping their counts on the
// broadcast: FinishBroadcast kept them already, except for those
// finished before migration 00011, which are counted here once from
// their own rows (the primary key).
func (s *Store) sealBroadcasts(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE broadcasts b SET pruned_at = $2, sent_count = coalesce(b.sent_count, c.sent),
			blocked_count = coalesce(b.blocked_count, c.blocked), failed_count = coalesce(b.failed_count, c.failed)
		FROM (SELECT id, sent_count FROM broadcasts WHERE status = 'done' AND pruned_at IS NULL AND class = 'umum'
				AND finished_at < $1
			ORDER BY finished_at FOR UPDATE SKIP LOCKED) due
		CROSS JOIN LATERAL (SELECT
				count(*) FILTER (WHERE o.status = 'sent')    AS sent,
				count(*) FILTER (WHERE o.status = 'blocked') AS blocked,
				count(*) FILTER (WHERE o.status = 'failed')  AS failed
			FROM broadcast_outbox o WHERE o.broadcast_id = due.id AND due.sent_count IS NULL) c
		WHERE b.id = due.id`, before, s.now())
	if err != nil {
		return 0, fmt.Errorf("storage: keep the counts of old broadcasts: %w", err)
	}
	return res.RowsAffected()
}
