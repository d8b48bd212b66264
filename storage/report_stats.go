package storage

import (
	"context"
	"fmt"
	"time"

	"pilarbot/storage/domain"
)

// ReportCount is the number of reports of one pilar in one kelurahan with
// one status, with the totals of the people they counted.
type ReportCount struct {
	Pilar         string              `db:"pilar"`
	KelurahanCode string              `db:"kelurahan_code"`
	Status        domain.ReportStatus `db:"status"`
	Reports       int                 `db:"reports"`
	Beneficiaries int                 `db:"beneficiaries"` // PSM: penerima manfaat
	Victims       int                 `db:"victims"`       // Tagana: korban
	Evacuees      int                 `db:"evacuees"`      // Tagana: pengungsi
}

// ReportCounts counts the reports whose activity date lies in [from, to),
// by pilar, kelurahan and status. from and to are calendar dates: their
// year, month and day in their own location.
func (s *Store) ReportCounts(ctx context.Context, from, to time.Time) ([]ReportCount, error) {
	cs := []ReportCount{}
	err := s.db.SelectContext(ctx, &cs, `
		SELECT pilar, kelurahan_code, status, count(*) AS reports,
			coalesce(sum(beneficiaries), 0) AS beneficiaries,
			coalesce(sum(victims), 0) AS victims,
			coalesce(sum(evacuees), 0) AS evacuees
		FROM reports
		WHERE activity_date >= $1 AND activity_date < $2
		GROUP BY pilar, kelurahan_code, status
		ORDER BY pilar, kelurahan_code, status`, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("storage: report counts: %w", err)
	}
	return cs, nil
}

// ReportRow is a report as the export lists it: with the name of the
// volunteer ("" once erased), the number of photos, and the coordinator
// who reviewed it (ReviewerID 0 while it waits).
type ReportRow struct {
	Report
	VolunteerName string `db:"volunteer_name"`
	PhotoCount    int    `db:"photo_count"`
	ReviewerID    int64  `db:"reviewer_id"`
	ReviewerName  string `db:"reviewer_name"`
}

// EachReport calls fn for every report whose activity date lies in
// [from, to) (calendar dates, as for ReportCounts), by date and number,
// reading rows one at a time so that an export of thousands never holds
// them all. fn must not keep r.
func (s *Store) EachReport(ctx context.Context, from, to time.Time, fn func(r *ReportRow) error) error {
	rows, err := s.db.QueryxContext(ctx, `
		SELECT `+prefixed("r.", reportColumns)+`, v.full_name AS volunteer_name,
			(SELECT count(*) FROM report_photos p WHERE p.report_id = r.id) AS photo_count,
			coalesce(rv.actor_id, 0) AS reviewer_id, coalesce(c.name, '') AS reviewer_name
		FROM reports r
		JOIN volunteers v ON v.id = r.volunteer_id
		LEFT JOIN LATERAL (
			SELECT h.actor_id FROM report_status_history h
			WHERE h.report_id = r.id AND h.from_status <> ''
			ORDER BY h.id DESC LIMIT 1
		) rv ON true
		LEFT JOIN coordinators c ON c.telegram_id = rv.actor_id
		WHERE r.activity_date >= $1 AND r.activity_date < $2
		ORDER BY r.activity_date, r.id`, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		return fmt.Errorf("storage: each report: %w", err)
	}
	defer rows.Close()
	var r ReportRow
	for rows.Next() {
		r = ReportRow{}
		if err := rows.StructScan(&r); err != nil {
			return fmt.Errorf("storage: each report: %w", err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: each report: %w", err)
	}
	return nil
}

// EventAttendance is how many answered Hadir to an event and how many of
// them checked in.
type EventAttendance struct {
	ID          int64      `db:"id"`
	Title       string     `db:"title"`
	StartsAt    time.Time  `db:"starts_at"`
	CancelledAt *time.Time `db:"cancelled_at"`
	Attending   int        `db:"attending"`
	CheckedIn   int        `db:"checked_in"`
	Verified    int        `db:"verified"` // check-ins within reach of the pin
}

// EventAttendances lists the events starting in [start, end), cancelled
// ones included, soonest first, with their attendance.
func (s *Store) EventAttendances(ctx context.Context, start, end time.Time) ([]EventAttendance, error) {
	es := []EventAttendance{}
	err := s.db.SelectContext(ctx, &es, `
		SELECT e.id, e.title, e.starts_at, e.cancelled_at,
			count(r.event_id) FILTER (WHERE r.attending) AS attending,
			count(r.event_id) FILTER (WHERE r.attending AND r.checked_in_at IS NOT NULL) AS checked_in,
			count(r.event_id) FILTER (WHERE r.attending AND r.checked_in_at IS NOT NULL AND r.checkin_verified) AS verified
		FROM events e
		LEFT JOIN event_rsvps r ON r.event_id = e.id
		WHERE e.starts_at >= $1 AND e.starts_at < $2
		GROUP BY e.id
		ORDER BY e.starts_at, e.id`, start, end)
	if err != nil {
		return nil, fmt.Errorf("storage: event attendances: %w", err)
	}
	return es, nil
}

// RecentEvents lists the events not cancelled that start before until,
// latest first, at most limit: what an attendance export is asked for.
func (s *Store) RecentEvents(ctx context.Context, until time.Time, limit int) ([]Event, error) {
	es := []Event{}
	err := s.db.SelectContext(ctx, &es, `
		SELECT `+eventColumns+` FROM events e
		WHERE e.cancelled_at IS NULL AND e.starts_at < $1
		ORDER BY e.starts_at DESC, e.id DESC LIMIT $2`, until, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: recent events: %w", err)
	}
	return es, nil
}
