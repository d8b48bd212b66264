package storage

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// outboxErased is the error recorded on a broadcast delivery that was
// still pending when its recipient erased their data.
const outboxErased = "erased"

// eraseReports keeps what the statistics need of the volunteer's reports
// (number, dates, pilar, activity type, kelurahan, PMKS category, disaster
// type and the counts of people) and removes what may point at a person:
// the free texts (uraian, kebutuhan), the GPS pin, the photos (pictures of
// people, reachable through their file ids), the review notes (in the
// history and the audit log), the volunteer's Telegram id as the actor of
// the submission, and the idempotency key (it starts with that id).
func (s *Store) eraseReports(ctx context.Context, tx *sqlx.Tx, v *Volunteer) error {
	now := s.now()
	stmts := []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM report_photos p USING reports r
			WHERE p.report_id = r.id AND r.volunteer_id = $1`, []any{v.ID}},
		{`UPDATE report_status_history h SET note = '',
				actor_id = CASE WHEN h.actor_id = $2 THEN 0 ELSE h.actor_id END
			FROM reports r WHERE h.report_id = r.id AND r.volunteer_id = $1`, []any{v.ID, v.TelegramID}},
		{`UPDATE audit_log a SET note = ''
			FROM reports r
			WHERE a.subject_type = $2 AND a.subject_id = r.id::text AND r.volunteer_id = $1`, []any{v.ID, SubjectReport}},
		{`UPDATE reports SET description = '', needs = '', latitude = NULL, longitude = NULL,
				idempotency_key = 'erased:' || id, updated_at = $2
			WHERE volunteer_id = $1`, []any{v.ID, now}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// eraseEventAnswers keeps the answers and check-ins of events that have
// started (attendance rates count them) without the distance from the
// pin, a trace of where the volunteer stood. Answers to events still
// ahead are withdrawn, freeing their place in the quota, and pending
// reminders dropped: there is nobody left to remind.
func (s *Store) eraseEventAnswers(ctx context.Context, tx *sqlx.Tx, v *Volunteer) error {
	now := s.now()
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_reminders WHERE volunteer_id = $1 AND sent_at IS NULL`, v.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM event_rsvps r USING events e
		WHERE r.event_id = e.id AND r.volunteer_id = $1 AND e.starts_at > $2`, v.ID, now)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE event_rsvps SET checkin_distance_m = NULL WHERE volunteer_id = $1`, v.ID)
	return err
}

// eraseOutbox keeps the volunteer's broadcast deliveries, so the counts of
// each broadcast stay whole, but replaces their chat id (the Telegram id
// of a private chat) by -volunteer id, which points at nobody, and drops
// the message id. A delivery still pending is closed as failed
// ("erased"), so it is never sent.
func (s *Store) eraseOutbox(ctx context.Context, tx *sqlx.Tx, v *Volunteer) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE broadcast_outbox SET chat_id = -volunteer_id, message_id = NULL,
			status = CASE WHEN status = 'pending' THEN $2 ELSE status END,
			error = CASE WHEN status = 'pending' THEN $3 ELSE error END,
			done_at = coalesce(done_at, $4), claimed_by = '', claimed_at = NULL
		WHERE volunteer_id = $1`, v.ID, OutboxFailed, outboxErased, s.now())
	return err
}
