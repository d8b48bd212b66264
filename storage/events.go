package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Event errors.
var (
	// ErrEventFull means the event's quota of attendees is reached.
	ErrEventFull = errors.New("storage: event is full")
	// ErrEventStarted means the event has started, so answers are closed.
	ErrEventStarted = errors.New("storage: event has started")
	// ErrEventCancelled means the event was cancelled.
	ErrEventCancelled = errors.New("storage: event is cancelled")
	// ErrNotAttending means the volunteer did not answer Hadir.
	ErrNotAttending = errors.New("storage: volunteer did not answer Hadir")
)

// Event is a coordinator's event. Empty Pilars means every pilar; empty
// Regions means the whole city, otherwise kecamatan and kelurahan codes.
type Event struct {
	ID          int64          `db:"id"`
	Title       string         `db:"title"`
	Kind        string         `db:"kind"`
	StartsAt    time.Time      `db:"starts_at"`
	EndsAt      *time.Time     `db:"ends_at"`
	Place       string         `db:"place"`
	Latitude    *float64       `db:"latitude"`
	Longitude   *float64       `db:"longitude"`
	Pilars      pq.StringArray `db:"pilars"`
	Regions     pq.StringArray `db:"regions"`
	Description string         `db:"description"`
	Quota       *int           `db:"quota"`
	CreatedBy   int64          `db:"created_by"`
	CancelledAt *time.Time     `db:"cancelled_at"`
	CreatedAt   time.Time      `db:"created_at"`
	UpdatedAt   time.Time      `db:"updated_at"`
	Attending   int            `db:"attending"` // answers Hadir, filled by listings
	Answer      *bool          `db:"answer"`    // this volunteer's answer, filled by EventsFor
	CheckedIn   *time.Time     `db:"checked_in_at"`
}

// HasPin reports whether the event has a map location.
func (e *Event) HasPin() bool { return e.Latitude != nil && e.Longitude != nil }

const eventColumns = `e.id, e.title, e.kind, e.starts_at, e.ends_at, e.place, e.latitude, e.longitude,
	e.pilars, e.regions, e.description, e.quota, e.created_by, e.cancelled_at, e.created_at, e.updated_at,
	(SELECT count(*) FROM event_rsvps a WHERE a.event_id = e.id AND a.attending) AS attending`

// CreateEvent stores a new event of by (e.CreatedBy becomes by.ID) and
// fills e from the stored row. It refuses, in the transaction, with
// ErrNotCoordinator when by is no longer a coordinator and with
// ErrOutOfScope when e aims outside by's scope.
func (s *Store) CreateEvent(ctx context.Context, e *Event, by Actor) error {
	now := s.now()
	e.CreatedBy = by.ID
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		if err := checkEventActor(ctx, tx, by, e); err != nil {
			return err
		}
		return tx.GetContext(ctx, &e.ID, `
			INSERT INTO events (title, kind, starts_at, ends_at, place, latitude, longitude, pilars, regions,
				description, quota, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
			RETURNING id`,
			e.Title, e.Kind, e.StartsAt, e.EndsAt, e.Place, e.Latitude, e.Longitude, nonNil(e.Pilars), nonNil(e.Regions),
			e.Description, e.Quota, e.CreatedBy, now)
	})
	if err != nil {
		return fmt.Errorf("storage: create event: %w", err)
	}
	e.CreatedAt, e.UpdatedAt = now, now
	return nil
}

// UpdateEvent stores the editable fields of e on behalf of by and returns
// the event as it was before. When the start moves, the reminders of the
// attendees are scheduled again for the new time (those already due are
// left out). It refuses, in the transaction, with ErrNotCoordinator when
// by is no longer a coordinator and with ErrOutOfScope when e aims
// outside by's scope (as it is now, whatever it was at creation).
func (s *Store) UpdateEvent(ctx context.Context, e *Event, by Actor, now time.Time) (*Event, error) {
	var old Event
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		if err := checkEventActor(ctx, tx, by, e); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &old, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1 FOR UPDATE`, e.ID); err != nil {
			return notFound(err)
		}
		if old.CancelledAt != nil {
			return ErrEventCancelled
		}
		_, err := tx.ExecContext(ctx, `
			UPDATE events SET title = $2, kind = $3, starts_at = $4, ends_at = $5, place = $6,
				latitude = $7, longitude = $8, pilars = $9, regions = $10, description = $11,
				quota = $12, updated_at = $13
			WHERE id = $1`,
			e.ID, e.Title, e.Kind, e.StartsAt, e.EndsAt, e.Place, e.Latitude, e.Longitude,
			nonNil(e.Pilars), nonNil(e.Regions), e.Description, e.Quota, s.now())
		if err != nil {
			return err
		}
		if old.StartsAt.Equal(e.StartsAt) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM event_reminders WHERE event_id = $1`, e.ID); err != nil {
			return err
		}
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT volunteer_id FROM event_rsvps WHERE event_id = $1 AND attending`, e.ID); err != nil {
			return err
		}
		for _, v := range ids {
			if err := s.insertReminders(ctx, tx, e.ID, v, e.StartsAt, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: update event: %w", err)
	}
	return &old, nil
}

// checkEventActor is checkActor for a decision on e: the event's pilar
// types and regions must lie inside the actor's scope (Segment.Within),
// so a scoped coordinator invites only their own people whatever a
// forged answer says.
func checkEventActor(ctx context.Context, tx *sqlx.Tx, by Actor, e *Event) error {
	scope, err := checkActor(ctx, tx, by)
	if err != nil {
		return err
	}
	if !e.TargetSegment().Within(scope) {
		return ErrOutOfScope
	}
	return nil
}

// CancelEvent marks the event cancelled and drops its pending reminders.
// It returns ErrEventCancelled when it was cancelled already, so of two
// presses one wins.
func (s *Store) CancelEvent(ctx context.Context, id int64) (*Event, error) {
	var e Event
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &e, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err)
		}
		if e.CancelledAt != nil {
			return ErrEventCancelled
		}
		now := s.now()
		e.CancelledAt = &now
		if _, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = $2, updated_at = $2 WHERE id = $1`, id, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM event_reminders WHERE event_id = $1 AND sent_at IS NULL`, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: cancel event: %w", err)
	}
	return &e, nil
}

// EventByID returns an event with its count of attendees, or ErrNotFound.
func (s *Store) EventByID(ctx context.Context, id int64) (*Event, error) {
	var e Event
	if err := s.db.GetContext(ctx, &e, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1`, id); err != nil {
		return nil, fmt.Errorf("storage: event by id: %w", notFound(err))
	}
	return &e, nil
}

// UpcomingEventsBy lists the events created by a coordinator that are not
// cancelled and not over (running ones included, for their attendance),
// soonest first, at most limit.
func (s *Store) UpcomingEventsBy(ctx context.Context, createdBy int64, now time.Time, limit int) ([]Event, error) {
	es := []Event{}
	err := s.db.SelectContext(ctx, &es, `
		SELECT `+eventColumns+` FROM events e
		WHERE e.created_by = $1 AND e.cancelled_at IS NULL
			AND COALESCE(e.ends_at, e.starts_at + interval '4 hours') > $2
		ORDER BY e.starts_at, e.id LIMIT $3`, createdBy, now, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: upcoming events by creator: %w", err)
	}
	return es, nil
}

// Audience is who an event listing is for.
type Audience struct {
	VolunteerID   int64
	Pilar         string
	KelurahanCode string
	KecamatanCode string
}

// targetSQL is true for an event aimed at the audience $2 pilar, $3
// kelurahan and $4 kecamatan.
const targetSQL = `(cardinality(e.pilars) = 0 OR $2 = ANY (e.pilars))
	AND (cardinality(e.regions) = 0 OR $3 = ANY (e.regions) OR $4 = ANY (e.regions))`

// eventsForWhere is the events aimed at the audience $1 (volunteer id),
// $2-$4 (targetSQL) that are still open at $5.
const eventsForWhere = ` FROM events e
	LEFT JOIN event_rsvps r ON r.event_id = e.id AND r.volunteer_id = $1
	WHERE e.cancelled_at IS NULL AND COALESCE(e.ends_at, e.starts_at + interval '4 hours') > $5
	AND ` + targetSQL

// eventsPageSQL is one page of them ($6 offset, $7 limit) with the total.
var eventsPageSQL = hot(`SELECT ` + eventColumns + `, r.attending AS answer, r.checked_in_at,
	count(*) OVER () AS total` + eventsForWhere + `
	ORDER BY e.starts_at, e.id OFFSET $6 LIMIT $7`)

var eventTargetsSQL = hot(`SELECT EXISTS (SELECT 1 FROM events e WHERE e.id = $1 AND ` + targetSQL + `)`)

// EventsFor lists the events aimed at the audience that are not cancelled
// and whose check-in window (until the end, or start+4h without one) has
// not closed, soonest first, with the volunteer's own answer. It returns
// one page and the total.
func (s *Store) EventsFor(ctx context.Context, a Audience, now time.Time, offset, limit int) ([]Event, int, error) {
	// The total comes with the page (a window count over every match,
	// before OFFSET and LIMIT): one statement for /jadwal and each redraw
	// after an answer, where there were two. Only a page past the end has
	// no row to carry it and counts on its own.
	var rows []struct {
		Event
		Total int `db:"total"`
	}
	err := s.selectPrepared(ctx, nil, &rows, eventsPageSQL, a.VolunteerID, a.Pilar, a.KelurahanCode, a.KecamatanCode, now, offset, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: events for volunteer: %w", err)
	}
	es := make([]Event, len(rows))
	for i, r := range rows {
		es[i] = r.Event
	}
	if len(rows) > 0 {
		return es, rows[0].Total, nil
	}
	var total int
	if offset > 0 {
		if err := s.db.GetContext(ctx, &total, `SELECT count(*)`+eventsForWhere, a.VolunteerID, a.Pilar, a.KelurahanCode, a.KecamatanCode, now); err != nil {
			return nil, 0, fmt.Errorf("storage: count events for volunteer: %w", err)
		}
	}
	return es, total, nil
}

// EventTargets reports, by the same SQL as EventsFor, whether event id is
// aimed at the audience (cancelled or past events included).
func (s *Store) EventTargets(ctx context.Context, id int64, a Audience) (bool, error) {
	var ok bool
	err := s.getPrepared(ctx, nil, &ok, eventTargetsSQL, id, a.Pilar, a.KelurahanCode, a.KecamatanCode)
	if err != nil {
		return false, fmt.Errorf("storage: event targets: %w", err)
	}
	return ok, nil
}

func nonNil(a pq.StringArray) pq.StringArray {
	if a == nil {
		return pq.StringArray{}
	}
	return a
}

func nonNil64(a []int64) []int64 {
	if a == nil {
		return []int64{}
	}
	return a
}
