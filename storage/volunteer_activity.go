package storage

import (
	"context"
	"fmt"
	"time"
)

// VolunteerActivity is one volunteer's record of a year, for the award
// candidates ("pilar berprestasi", /ekspor aktivitas): approved reports
// with what they counted, event answers and check-ins, call-ups answered
// Siap, and the first and last of those activities.
type VolunteerActivity struct {
	ID            int64      `db:"id"`
	Name          string     `db:"full_name"`
	Pilar         string     `db:"pilar"`
	KelurahanCode string     `db:"kelurahan_code"`
	Phone         string     `db:"phone"`
	NIK           string     `db:"nik"`
	Approved      int        `db:"approved"`      // reports approved, by activity date in the year
	Beneficiaries int        `db:"beneficiaries"` // PSM: people helped in them
	Victims       int        `db:"victims"`       // Tagana: korban
	Evacuees      int        `db:"evacuees"`      // Tagana: pengungsi
	Hadir         int        `db:"hadir"`         // events of the year answered Hadir
	CheckedIn     int        `db:"checked_in"`    // of which checked in
	Siap          int        `db:"siap"`          // call-ups of the year answered Siap
	First         *time.Time `db:"first_at"`
	Last          *time.Time `db:"last_at"`
}

// EachVolunteerActivity calls fn for every volunteer inside scope (not
// erased) with their activity between start and end, by kelurahan, pilar
// and name. An activity is an approved report (its activity date), a
// check-in, or a Siap answer to a call-up.
func (s *Store) EachVolunteerActivity(ctx context.Context, scope Scope, start, end time.Time, fn func(a *VolunteerActivity) error) error {
	args := []any{start, end}
	rows, err := s.db.QueryxContext(ctx, `
		WITH rep AS (
			SELECT volunteer_id, count(*) AS approved, coalesce(sum(beneficiaries), 0) AS beneficiaries,
				coalesce(sum(victims), 0) AS victims, coalesce(sum(evacuees), 0) AS evacuees,
				min(activity_date)::timestamptz AS first_at, max(activity_date)::timestamptz AS last_at
			FROM reports WHERE status = 'approved' AND activity_date >= $1::date AND activity_date < $2::date
			GROUP BY volunteer_id),
		ev AS (
			SELECT r.volunteer_id, count(*) FILTER (WHERE r.attending) AS hadir,
				count(*) FILTER (WHERE r.attending AND r.checked_in_at IS NOT NULL) AS checked_in,
				min(r.checked_in_at) AS first_at, max(r.checked_in_at) AS last_at
			FROM event_rsvps r JOIN events e ON e.id = r.event_id
			WHERE e.starts_at >= $1 AND e.starts_at < $2 AND e.cancelled_at IS NULL
			GROUP BY r.volunteer_id),
		cu AS (
			SELECT a.volunteer_id, count(*) AS siap, min(a.answered_at) AS first_at, max(a.answered_at) AS last_at
			FROM callup_answers a JOIN callups c ON c.id = a.callup_id
			WHERE a.answer = 'siap' AND c.created_at >= $1 AND c.created_at < $2
			GROUP BY a.volunteer_id)
		SELECT v.id, v.full_name, v.pilar, v.kelurahan_code, v.phone, coalesce(v.nik, '') AS nik,
			coalesce(rep.approved, 0) AS approved, coalesce(rep.beneficiaries, 0) AS beneficiaries,
			coalesce(rep.victims, 0) AS victims, coalesce(rep.evacuees, 0) AS evacuees,
			coalesce(ev.hadir, 0) AS hadir, coalesce(ev.checked_in, 0) AS checked_in, coalesce(cu.siap, 0) AS siap,
			least(rep.first_at, ev.first_at, cu.first_at) AS first_at,
			greatest(rep.last_at, ev.last_at, cu.last_at) AS last_at
		FROM volunteers v
		LEFT JOIN rep ON rep.volunteer_id = v.id
		LEFT JOIN ev ON ev.volunteer_id = v.id
		LEFT JOIN cu ON cu.volunteer_id = v.id
		WHERE v.status <> 'erased' AND `+scope.where("v", &args)+`
		ORDER BY v.kelurahan_code, v.pilar, v.full_name, v.id`, args...)
	if err != nil {
		return fmt.Errorf("storage: volunteer activity: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a VolunteerActivity
		if err := rows.StructScan(&a); err != nil {
			return fmt.Errorf("storage: volunteer activity: %w", err)
		}
		if err := fn(&a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: volunteer activity: %w", err)
	}
	return nil
}
