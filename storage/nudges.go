package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Gentle nudges: one row of volunteer_nudges per volunteer and WIB day a
// nudge fell due, sent and marked done in one transaction, the way the
// morning digests are (digests.go).

// nudgeQuiet is the SQL condition that the volunteer of alias v may be
// nudged at all, and has been quiet since $1 (now minus NUDGE_AFTER):
// verified (not pending, rejected or erased) before $1, reachable, and
// without a report sent since. A volunteer verified less than that ago
// counts from the verification.
const nudgeQuiet = `v.status = 'verified' AND NOT v.unreachable AND v.telegram_id > 0
	AND v.decided_at <= $1
	AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.volunteer_id = v.id AND r.created_at > $1)`

// ScheduleNudges makes a nudge due today (the WIB day of now) for every
// volunteer quiet for after who had no nudge within it either, so each
// gets at most one a month. Several instances may call it at once: a
// day's row is written once.
func (s *Store) ScheduleNudges(ctx context.Context, now time.Time, after time.Duration) error {
	since := now.Add(-after)
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO volunteer_nudges (volunteer_id, day)
		SELECT v.id, $2::date FROM volunteers v
		WHERE `+nudgeQuiet+`
			AND NOT EXISTS (SELECT 1 FROM volunteer_nudges n WHERE n.volunteer_id = v.id AND n.day > $3::date)
		ON CONFLICT (volunteer_id, day) DO NOTHING`, since, digestDay(now), digestDay(since))
	if err != nil {
		return fmt.Errorf("storage: schedule nudges: %w", err)
	}
	return nil
}

// Nudge is one volunteer's nudge, as SendDueNudge left it.
type Nudge struct {
	VolunteerID int64 `db:"volunteer_id"`
	ChatID      int64 `db:"chat_id"`
	Sent        bool  `db:"-"` // false: no longer quiet, or not deliverable
}

// ErrNoNudgeDue means SendDueNudge found nothing to send.
var ErrNoNudgeDue = errors.New("storage: no nudge due")

// SendDueNudge claims one nudge that is due and not done (FOR UPDATE
// SKIP LOCKED: other instances skip it) and, when its volunteer is still
// quiet for after, calls send with their chat while the row stays
// locked. The nudge is marked done in the same transaction, with sent as
// send reports it; a volunteer who reported, blocked the bot or was
// erased meanwhile is marked done unsent. When send fails the nudge stays
// due. Volunteers in skip are left alone (nudges that failed earlier in
// the same tick). It returns the nudge, or ErrNoNudgeDue. The claim is
// held as withLeasedTx describes.
func (s *Store) SendDueNudge(ctx context.Context, now time.Time, after time.Duration, skip []int64, lease time.Duration,
	send func(ctx context.Context, chatID int64) (sent bool, err error)) (*Nudge, error) {
	var n Nudge
	var day string
	err := s.withLeasedTx(ctx, lease, func(tx *sqlx.Tx) error {
		row := tx.QueryRowxContext(ctx, `
			SELECT n.volunteer_id, n.day::text, v.chat_id FROM volunteer_nudges n
			JOIN volunteers v ON v.id = n.volunteer_id
			WHERE n.done_at IS NULL AND NOT (n.volunteer_id = ANY ($1))
			ORDER BY n.day, n.volunteer_id
			LIMIT 1
			FOR UPDATE OF n SKIP LOCKED`, pq.Array(nonNil64(skip)))
		err := row.Scan(&n.VolunteerID, &day, &n.ChatID)
		if errors.Is(notFound(err), ErrNotFound) {
			return ErrNoNudgeDue
		}
		if err != nil {
			return err
		}
		var quiet bool
		if err := tx.GetContext(ctx, &quiet, `SELECT EXISTS (SELECT 1 FROM volunteers v WHERE v.id = $2 AND `+nudgeQuiet+`)`,
			now.Add(-after), n.VolunteerID); err != nil {
			return err
		}
		if quiet {
			if n.Sent, err = send(ctx, n.ChatID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE volunteer_nudges SET sent = $3, done_at = $4
			WHERE volunteer_id = $1 AND day = $2::date`, n.VolunteerID, day, n.Sent, s.now())
		return err
	})
	if errors.Is(err, ErrNoNudgeDue) {
		return nil, ErrNoNudgeDue
	}
	if err != nil {
		return &n, fmt.Errorf("storage: send due nudge: %w", err)
	}
	return &n, nil
}

// NudgesSent counts the nudges a volunteer was sent.
func (s *Store) NudgesSent(ctx context.Context, volunteerID int64) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM volunteer_nudges WHERE volunteer_id = $1 AND sent`, volunteerID)
	if err != nil {
		return 0, fmt.Errorf("storage: nudges sent: %w", err)
	}
	return n, nil
}
