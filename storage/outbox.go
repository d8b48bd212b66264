package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
)

// OutboxRow is one recipient of a broadcast.
type OutboxRow struct {
	BroadcastID   int64      `db:"broadcast_id"`
	Priority      int        `db:"priority"` // 0 for a call-up, 1 for an announcement
	ChatID        int64      `db:"chat_id"`
	VolunteerID   int64      `db:"volunteer_id"`
	Status        string     `db:"status"`
	Attempts      int        `db:"attempts"`
	NextAttemptAt time.Time  `db:"next_attempt_at"`
	ClaimedBy     string     `db:"claimed_by"`
	ClaimedAt     *time.Time `db:"claimed_at"`
	MessageID     *int64     `db:"message_id"`
	Error         string     `db:"error"`
	DoneAt        *time.Time `db:"done_at"`
}

const outboxColumns = `broadcast_id, priority, chat_id, volunteer_id, status, attempts, next_attempt_at,
	claimed_by, claimed_at, message_id, error, done_at`

// ClaimOutbox claims up to limit pending rows that are due, for sender
// (an id unique to one running instance), and returns them. Rows claimed by
// another sender are skipped unless their claim was neither made nor
// renewed (RenewOutbox) within lease: that sender died. FOR UPDATE SKIP
// LOCKED lets several instances claim at once without waiting on or taking
// each other's rows. Call-ups first (the rows' priority), then the oldest
// broadcast.
func (s *Store) ClaimOutbox(ctx context.Context, sender string, limit int, lease time.Duration) ([]OutboxRow, error) {
	now := s.now()
	rows := []OutboxRow{}
	err := s.db.SelectContext(ctx, &rows, `
		UPDATE broadcast_outbox o SET claimed_by = $1, claimed_at = $2
		FROM (
			SELECT broadcast_id, chat_id FROM broadcast_outbox
			WHERE status = 'pending' AND next_attempt_at <= $2
				AND (claimed_at IS NULL OR claimed_at <= $3)
			ORDER BY priority, broadcast_id, chat_id
			LIMIT $4
			FOR UPDATE SKIP LOCKED
		) c
		WHERE o.broadcast_id = c.broadcast_id AND o.chat_id = c.chat_id
		RETURNING `+prefixed("o.", outboxColumns),
		sender, now, now.Add(-lease), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: claim outbox: %w", err)
	}
	return rows, nil
}

// RenewOutbox is the heartbeat of a live sender: it renews the claims of
// rows (those it is sending now), so a short lease is safe however long a
// send takes, while the claims of a sender that died stop being renewed
// and are taken over once the lease has passed. It returns how many rows
// are still held by sender; fewer than len(rows) means another sender
// took some over (this one stalled for longer than the lease).
func (s *Store) RenewOutbox(ctx context.Context, sender string, rows []OutboxRow) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	broadcasts, chats := make([]int64, len(rows)), make([]int64, len(rows))
	for i, r := range rows {
		broadcasts[i], chats[i] = r.BroadcastID, r.ChatID
	}
	res, err := s.db.ExecContext(ctx, `UPDATE broadcast_outbox o SET claimed_at = $2
		FROM unnest($3::bigint[], $4::bigint[]) AS h(broadcast_id, chat_id)
		WHERE o.broadcast_id = h.broadcast_id AND o.chat_id = h.chat_id
			AND o.claimed_by = $1 AND o.status = 'pending'`,
		sender, s.now(), pq.Array(broadcasts), pq.Array(chats))
	if err != nil {
		return 0, fmt.Errorf("storage: renew outbox claims: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// MarkOutboxSent records that Telegram accepted the message to the row's
// chat. It reports false when the row is no longer claimed by sender (its
// lease expired and another sender took it).
func (s *Store) MarkOutboxSent(ctx context.Context, sender string, r OutboxRow, messageID int64) (bool, error) {
	return s.finishOutbox(ctx, sender, r, OutboxSent, &messageID, "")
}

// MarkOutboxBlocked records that the recipient blocked the bot (403).
func (s *Store) MarkOutboxBlocked(ctx context.Context, sender string, r OutboxRow, errText string) (bool, error) {
	return s.finishOutbox(ctx, sender, r, OutboxBlocked, nil, errText)
}

// MarkOutboxFailed records that sending failed for good; errText must hold
// no personal data.
func (s *Store) MarkOutboxFailed(ctx context.Context, sender string, r OutboxRow, errText string) (bool, error) {
	return s.finishOutbox(ctx, sender, r, OutboxFailed, nil, errText)
}

func (s *Store) finishOutbox(ctx context.Context, sender string, r OutboxRow, status string, messageID *int64, errText string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE broadcast_outbox
		SET status = $4, message_id = $5, error = $6, done_at = $7, attempts = attempts + 1,
			claimed_by = '', claimed_at = NULL
		WHERE broadcast_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status = 'pending'`,
		r.BroadcastID, r.ChatID, sender, status, messageID, errText, s.now())
	if err != nil {
		return false, fmt.Errorf("storage: mark outbox %s: %w", status, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RetryOutbox releases a row after a temporary failure, to be tried again
// after delay; errText must hold no personal data.
func (s *Store) RetryOutbox(ctx context.Context, sender string, r OutboxRow, delay time.Duration, errText string) error {
	now := s.now()
	_, err := s.db.ExecContext(ctx, `UPDATE broadcast_outbox
		SET attempts = attempts + 1, next_attempt_at = $4, error = $5, claimed_by = '', claimed_at = NULL
		WHERE broadcast_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status = 'pending'`,
		r.BroadcastID, r.ChatID, sender, now.Add(delay), errText)
	if err != nil {
		return fmt.Errorf("storage: retry outbox: %w", err)
	}
	return nil
}

// ReleaseOutbox gives a claimed row back untouched (nothing was sent), so
// another sender can take it at once instead of after the lease.
func (s *Store) ReleaseOutbox(ctx context.Context, sender string, r OutboxRow) error {
	_, err := s.db.ExecContext(ctx, `UPDATE broadcast_outbox SET claimed_by = '', claimed_at = NULL
		WHERE broadcast_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status = 'pending'`,
		r.BroadcastID, r.ChatID, sender)
	if err != nil {
		return fmt.Errorf("storage: release outbox: %w", err)
	}
	return nil
}

// CountPendingOutbox returns how many broadcast messages wait to be sent
// (due or waiting for a retry), for the metrics.
func (s *Store) CountPendingOutbox(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM broadcast_outbox WHERE status = 'pending'`); err != nil {
		return 0, fmt.Errorf("storage: count pending outbox: %w", err)
	}
	return n, nil
}

// OutboxRows returns every row of a broadcast, by chat, for tests and
// diagnostics.
func (s *Store) OutboxRows(ctx context.Context, broadcastID int64) ([]OutboxRow, error) {
	rows := []OutboxRow{}
	err := s.db.SelectContext(ctx, &rows, `SELECT `+outboxColumns+` FROM broadcast_outbox
		WHERE broadcast_id = $1 ORDER BY chat_id`, broadcastID)
	if err != nil {
		return nil, fmt.Errorf("storage: outbox rows: %w", err)
	}
	return rows, nil
}

// prefixed puts p before every column of a comma-separated list.
func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
