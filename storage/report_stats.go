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

// ReportCounts counts the reports of reporters inside scope whose
// activity date lies in [from, to), by pilar, kelurahan (of the activity)
// and status. from and to are calendar dates: their year, month and day
// in their own location.
func (s *Store) ReportCounts(ctx context.Context, scope Scope, from, to time.Time) ([]ReportCount, error) {
	cs := []ReportCount{}
	args := []any{from.Format(time.DateOnly), to.Format(time.DateOnly)}
	err := s.db.SelectContext(ctx, &cs, `
		SELECT r.pilar, r.kelurahan_code, r.status, count(*) AS reports,
			coalesce(sum(r.beneficiaries), 0) AS beneficiaries,
			coalesce(sum(r.victims), 0) AS victims,
			coalesce(sum(r.evacuees), 0) AS evacuees
		FROM reports r
		WHERE r.activity_date >= $1 AND r.activity_date < $2 AND `+scope.reporterIn("r", &args)+`
		GROUP BY r.pilar, r.kelurahan_code, r.status
		ORDER BY r.pilar, r.kelurahan_code, r.status`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: report counts: %w", err)
	}
	return cs, nil
}

// MonthReportCount is the number of reports of one month with one
// status, with the totals of the people they counted: the bars of the
// /rekap chart's trend.
type MonthReportCount struct {
	Month         time.Time           `db:"month"` // the first day of the month, as a calendar date (UTC)
	Status        domain.ReportStatus `db:"status"`
	Reports       int                 `db:"reports"`
	Beneficiaries int                 `db:"beneficiaries"`
	Victims       int                 `db:"victims"`
	Evacuees      int                 `db:"evacuees"`
}

// MonthReportCounts counts the reports of reporters inside scope whose
// activity date lies in [from, to) by month and status: the months before
// the one /rekap shows in detail, in one scan of reports_month_stats_idx
// (migration 00012) instead of one ReportCounts a month. from and to are
// calendar dates, as for ReportCounts, and should be first days of months.
func (s *Store) MonthReportCounts(ctx context.Context, scope Scope, from, to time.Time) ([]MonthReportCount, error) {
	cs := []MonthReportCount{}
	args := []any{from.Format(time.DateOnly), to.Format(time.DateOnly)}
	err := s.db.SelectContext(ctx, &cs, `
		SELECT date_trunc('month', r.activity_date)::date AS month, r.status, count(*) AS reports,
			coalesce(sum(r.beneficiaries), 0) AS beneficiaries,
			coalesce(sum(r.victims), 0) AS victims,
			coalesce(sum(r.evacuees), 0) AS evacuees
		FROM reports r
		WHERE r.activity_date >= $1 AND r.activity_date < $2 AND `+scope.reporterIn("r", &args)+`
		GROUP BY 1, r.status
		ORDER BY 1, r.status`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: month report counts: %w", err)
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

// EachReport calls fn for every report of a reporter inside scope whose
// activity date lies in [from, to) (calendar dates, as for ReportCounts),
// by date and number, reading rows one at a time so that an export of
// thousands never holds them all. fn must not keep r.
func (s *Store) EachReport(ctx context.Context, scope Scope, from, to time.Time, fn func(r *ReportRow) error) error {
	args := []any{from.Format(time.DateOnly), to.Format(time.DateOnly)}
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
		WHERE r.activity_date >= $1 AND r.activity_date < $2 AND `+scope.where("v", &args)+`
		ORDER BY r.activity_date, r.id`, args...)
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
// ones included, soonest first, with the attendance of the volunteers
// inside scope. A scope that is not the whole city lists only the events
// its volunteers answered (answeredIn).
func (s *Store) EventAttendances(ctx context.Context, scope Scope, start, end time.Time) ([]EventAttendance, error) {
	es := []EventAttendance{}
	args := []any{start, end}
	inScope := scope.where("v", &args)
	answered := scope.answeredIn("e", &args)
	err := s.db.SelectContext(ctx, &es, `
		SELECT e.id, e.title, e.starts_at, e.cancelled_at,
			count(v.id) FILTER (WHERE r.attending) AS attending,
			count(v.id) FILTER (WHERE r.attending AND r.checked_in_at IS NOT NULL) AS checked_in,
			count(v.id) FILTER (WHERE r.attending AND r.checked_in_at IS NOT NULL AND r.checkin_verified) AS verified
		FROM events e
		LEFT JOIN event_rsvps r ON r.event_id = e.id
		LEFT JOIN volunteers v ON v.id = r.volunteer_id AND `+inScope+`
		WHERE e.starts_at >= $1 AND e.starts_at < $2 AND `+answered+`
		GROUP BY e.id
		ORDER BY e.starts_at, e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: event attendances: %w", err)
	}
	return es, nil
}

// RecentEvents lists the events not cancelled that start before until,
// latest first, at most limit: what an attendance export is asked for.
// A scope that is not the whole city lists only the events its volunteers
// answered.
func (s *Store) RecentEvents(ctx context.Context, scope Scope, until time.Time, limit int) ([]Event, error) {
	es := []Event{}
	args := []any{until, limit}
	err := s.db.SelectContext(ctx, &es, `
		SELECT `+eventColumns+` FROM events e
		WHERE e.cancelled_at IS NULL AND e.starts_at < $1 AND `+scope.answeredIn("e", &args)+`
		ORDER BY e.starts_at DESC, e.id DESC LIMIT $2`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: recent events: %w", err)
	}
	return es, nil
}

// AttendeesInScope lists the answers to an event of the volunteers inside
// scope, Hadir first, then by name: the rows of an attendance export.
func (s *Store) AttendeesInScope(ctx context.Context, scope Scope, eventID int64) ([]Attendee, error) {
	as := []Attendee{}
	args := []any{eventID}
	err := s.db.SelectContext(ctx, &as, attendeeSelect+`
		WHERE r.event_id = $1 AND `+scope.where("v", &args)+`
		ORDER BY r.attending DESC, v.full_name, v.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: attendees in scope: %w", err)
	}
	return as, nil
}

// answeredIn returns the SQL condition that the event of table alias e
// has an answer from a volunteer inside g, with its parameters appended
// to args: a scoped coordinator's events are those their volunteers
// answered. For the whole city it is true, so that every event counts,
// answered or not.
func (g Segment) answeredIn(e string, args *[]any) string {
	if g.CityWide() {
		return "true"
	}
	return `EXISTS (SELECT 1 FROM event_rsvps sa JOIN volunteers sv ON sv.id = sa.volunteer_id
		WHERE sa.event_id = ` + e + `.id AND ` + g.where("sv", args) + `)`
}
