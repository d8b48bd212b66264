package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Event reminders: rows of event_reminders written with a Hadir answer,
// due a day and two hours before the start, sent once.

// Reminder kinds and how long before the start each is due.
const (
	ReminderDayBefore = "h1"
	ReminderTwoHours  = "h2"
)

// reminderLeads maps each reminder kind to its lead time before the start.
var reminderLeads = map[string]time.Duration{
	ReminderDayBefore: 24 * time.Hour,
	ReminderTwoHours:  2 * time.Hour,
}

// insertReminders schedules the reminders of one attendee that are still
// ahead of now, in one statement; one already sent for the same start is
// kept.
func (s *Store) insertReminders(ctx context.Context, tx *sqlx.Tx, eventID, volunteerID int64, start, now time.Time) error {
	var kinds pq.StringArray
	var dues []time.Time
	for kind, lead := range reminderLeads {
		if due := start.Add(-lead); due.After(now) {
			kinds, dues = append(kinds, kind), append(dues, due)
		}
	}
	if len(kinds) == 0 {
		return nil
	}
	return s.execPrepared(ctx, tx, insertRemindersSQL, eventID, volunteerID, kinds, pq.Array(dues))
}

var insertRemindersSQL = hot(`INSERT INTO event_reminders (event_id, volunteer_id, kind, due_at)
	SELECT $1, $2, k, d FROM unnest($3::text[], $4::timestamptz[]) AS r (k, d)
	ON CONFLICT (event_id, volunteer_id, kind) DO NOTHING`)

// DueReminder is a reminder to send, with what the message needs.
type DueReminder struct {
	ID          int64  `db:"id"`
	Kind        string `db:"kind"`
	ChatID      int64  `db:"chat_id"`
	VolunteerID int64  `db:"volunteer_id"`
	Event       Event  `db:"event"`
}

// ErrNoReminderDue means SendDueReminder found nothing to send.
var ErrNoReminderDue = errors.New("storage: no reminder due")

// SendDueReminder claims one reminder that is due at now, whose event has
// neither started nor been cancelled and whose volunteer still answers
// Hadir, and calls send with it while the row stays locked (FOR UPDATE
// SKIP LOCKED: other instances skip it). When send returns nil the reminder
// is marked sent in the same transaction; otherwise it stays due. Ids in
// skip are left alone (reminders that failed earlier in the same tick). It
// returns the reminder, or ErrNoReminderDue.
//
// The claim is held as withLeasedTx describes: send must return within
// lease, or the reminder goes out again.
func (s *Store) SendDueReminder(ctx context.Context, now time.Time, skip []int64, lease time.Duration,
	send func(ctx context.Context, r *DueReminder) error) (*DueReminder, error) {
	var r DueReminder
	err := s.withLeasedTx(ctx, lease, func(tx *sqlx.Tx) error {
		var row struct {
			ID          int64  `db:"id"`
			Kind        string `db:"kind"`
			EventID     int64  `db:"event_id"`
			VolunteerID int64  `db:"volunteer_id"`
			ChatID      int64  `db:"chat_id"`
		}
		err := tx.GetContext(ctx, &row, `
			SELECT m.id, m.kind, m.event_id, m.volunteer_id, v.chat_id
			FROM event_reminders m
			JOIN events e ON e.id = m.event_id
			JOIN event_rsvps a ON a.event_id = m.event_id AND a.volunteer_id = m.volunteer_id
			JOIN volunteers v ON v.id = m.volunteer_id
			WHERE m.sent_at IS NULL AND m.due_at <= $1 AND e.starts_at > $1 AND e.cancelled_at IS NULL
				AND a.attending AND NOT v.unreachable AND NOT (m.id = ANY ($2))
			ORDER BY m.due_at, m.id
			LIMIT 1
			FOR UPDATE OF m SKIP LOCKED`, now, pq.Array(nonNil64(skip)))
		if err != nil {
			if errors.Is(notFound(err), ErrNotFound) {
				return ErrNoReminderDue
			}
			return err
		}
		r = DueReminder{ID: row.ID, Kind: row.Kind, ChatID: row.ChatID, VolunteerID: row.VolunteerID}
		if err := tx.GetContext(ctx, &r.Event, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1`, row.EventID); err != nil {
			return err
		}
		if err := send(ctx, &r); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE event_reminders SET sent_at = $2 WHERE id = $1`, r.ID, now)
		return err
	})
	if errors.Is(err, ErrNoReminderDue) {
		return nil, ErrNoReminderDue
	}
	if err != nil {
		return &r, fmt.Errorf("storage: send due reminder: %w", err)
	}
	return &r, nil
}

// CountDueReminders returns how many reminders SendDueReminder would
// send at now: due, not sent, for an event ahead that is not cancelled,
// to a reachable volunteer who still answers Hadir. For the metrics: a
// number that stays up means the reminders are stuck.
func (s *Store) CountDueReminders(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := s.db.GetContext(ctx, &n, `
		SELECT count(*)
		FROM event_reminders m
		JOIN events e ON e.id = m.event_id
		JOIN event_rsvps a ON a.event_id = m.event_id AND a.volunteer_id = m.volunteer_id
		JOIN volunteers v ON v.id = m.volunteer_id
		WHERE m.sent_at IS NULL AND m.due_at <= $1 AND e.starts_at > $1 AND e.cancelled_at IS NULL
			AND a.attending AND NOT v.unreachable`, now)
	if err != nil {
		return 0, fmt.Errorf("storage: count due reminders: %w", err)
	}
	return n, nil
}

// RemindersSent counts the reminders of an event already sent, by kind.
func (s *Store) RemindersSent(ctx context.Context, eventID int64) (map[string]int, error) {
	var rows []struct {
		Kind string `db:"kind"`
		N    int    `db:"n"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT kind, count(*) AS n FROM event_reminders WHERE event_id = $1 AND sent_at IS NOT NULL GROUP BY kind`, eventID)
	if err != nil {
		return nil, fmt.Errorf("storage: reminders sent: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Kind] = r.N
	}
	return out, nil
}
