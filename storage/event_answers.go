package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// The volunteers' answers to events (Hadir / Tidak hadir), their
// check-ins and the lists of them; the events themselves are in
// events.go.

// rsvpLockClass is the first key of the advisory lock that serializes
// the answers to an event with a quota (pg_advisory_xact_lock(class,
// event id)); the two-key space does not meet the one-key locks. An id
// past 2^31 wraps onto another event's lock, which only makes the two
// events' answers wait for each other.
const rsvpLockClass int32 = 15

// The statements of an answer (SetRSVP), prepared (prepared.go).
var (
	answeredEventSQL  = hot(`SELECT ` + eventColumns + ` FROM events e WHERE e.id = $1 FOR SHARE`)
	previousAnswerSQL = hot(`SELECT attending FROM event_rsvps WHERE event_id = $1 AND volunteer_id = $2`)
	storeAnswerSQL    = hot(`INSERT INTO event_rsvps (event_id, volunteer_id, attending, answered_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (event_id, volunteer_id) DO UPDATE SET attending = EXCLUDED.attending, answered_at = EXCLUDED.answered_at`)
	dropRemindersSQL = hot(`DELETE FROM event_reminders WHERE event_id = $1 AND volunteer_id = $2 AND sent_at IS NULL`)
)

// SetRSVP records a volunteer's answer to an event. It reports whether the
// answer changed. Answering Hadir schedules the reminders that are still
// ahead; Tidak hadir drops the pending ones. Answers close when the event
// starts (ErrEventStarted).
//
// The event row is share-locked, so that a cancellation or an edit (which
// lock it FOR UPDATE) waits for the answers in flight and they for it,
// while answers to one event do not wait for each other: when an
// announcement reaches a thousand volunteers, many answer at once. Only an
// event with a quota serializes its answers, on an advisory lock of its
// own, so that each counts the attendees after the one before it
// committed and a full quota holds (ErrEventFull).
func (s *Store) SetRSVP(ctx context.Context, eventID, volunteerID int64, attending bool, now time.Time) (bool, error) {
	changed := false
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		var e Event
		if err := s.getPrepared(ctx, tx, &e, answeredEventSQL, eventID); err != nil {
			return notFound(err)
		}
		if attending && e.Quota != nil {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, rsvpLockClass, int32(eventID)); err != nil {
				return err
			}
		}
		switch {
		case e.CancelledAt != nil:
			return ErrEventCancelled
		case !now.Before(e.StartsAt):
			return ErrEventStarted
		}
		var prev *bool
		err := s.getPrepared(ctx, tx, &prev, previousAnswerSQL, eventID, volunteerID)
		if err != nil && !errors.Is(notFound(err), ErrNotFound) {
			return err
		}
		if prev != nil && *prev == attending {
			return nil
		}
		// Counted after the advisory lock, in a statement of its own, so
		// that the answers committed while waiting for it are seen.
		if attending && e.Quota != nil {
			if err := tx.GetContext(ctx, &e.Attending, `SELECT count(*) FROM event_rsvps WHERE event_id = $1 AND attending`, eventID); err != nil {
				return err
			}
		}
		if attending && e.Quota != nil && e.Attending >= *e.Quota {
			return ErrEventFull
		}
		changed = true
		err = s.execPrepared(ctx, tx, storeAnswerSQL, eventID, volunteerID, attending, s.now())
		if err != nil {
			return err
		}
		if !attending {
			return s.execPrepared(ctx, tx, dropRemindersSQL, eventID, volunteerID)
		}
		return s.insertReminders(ctx, tx, eventID, volunteerID, e.StartsAt, now)
	})
	if err != nil {
		return false, fmt.Errorf("storage: set rsvp: %w", err)
	}
	return changed, nil
}

// CheckIn records that an attendee arrived. distance is nil for an event
// without a pin, in which case the check-in is unverified. A volunteer who
// did not answer Hadir gets ErrNotAttending.
func (s *Store) CheckIn(ctx context.Context, eventID, volunteerID int64, verified bool, distance *float64) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE event_rsvps SET checked_in_at = $3, checkin_verified = $4, checkin_distance_m = $5
		WHERE event_id = $1 AND volunteer_id = $2 AND attending`,
		eventID, volunteerID, s.now(), verified, distance)
	if err != nil {
		return fmt.Errorf("storage: check in: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: check in: %w", ErrNotAttending)
	}
	return nil
}

// Attendee is one answer to an event, with the volunteer.
type Attendee struct {
	VolunteerID   int64      `db:"volunteer_id"`
	ChatID        int64      `db:"chat_id"`
	FullName      string     `db:"full_name"`
	Pilar         string     `db:"pilar"`
	KelurahanCode string     `db:"kelurahan_code"`
	Unreachable   bool       `db:"unreachable"`
	Attending     bool       `db:"attending"`
	CheckedInAt   *time.Time `db:"checked_in_at"`
	Verified      bool       `db:"checkin_verified"`
	DistanceM     *float64   `db:"checkin_distance_m"`
}

const attendeeSelect = `
	SELECT r.volunteer_id, v.chat_id, v.full_name, v.pilar, v.kelurahan_code, v.unreachable,
		r.attending, r.checked_in_at, r.checkin_verified, r.checkin_distance_m
	FROM event_rsvps r JOIN volunteers v ON v.id = r.volunteer_id`

// Attendees lists every answer to an event, Hadir first, then by name.
func (s *Store) Attendees(ctx context.Context, eventID int64) ([]Attendee, error) {
	as := []Attendee{}
	err := s.db.SelectContext(ctx, &as, attendeeSelect+`
		WHERE r.event_id = $1
		ORDER BY r.attending DESC, v.full_name, v.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("storage: attendees: %w", err)
	}
	return as, nil
}

// RSVPOf returns a volunteer's answer to an event, or ErrNotFound.
func (s *Store) RSVPOf(ctx context.Context, eventID, volunteerID int64) (*Attendee, error) {
	var a Attendee
	err := s.db.GetContext(ctx, &a, attendeeSelect+`
		WHERE r.event_id = $1 AND r.volunteer_id = $2`, eventID, volunteerID)
	if err != nil {
		return nil, fmt.Errorf("storage: rsvp: %w", notFound(err))
	}
	return &a, nil
}
