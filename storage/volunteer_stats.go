package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"pilarbot/storage/domain"
)

// VolunteerCount is the number of volunteers of one pilar in one status.
// New counts those of them who registered in the period asked for.
type VolunteerCount struct {
	Pilar  string        `db:"pilar"`
	Status domain.Status `db:"status"`
	Total  int           `db:"total"`
	New    int           `db:"new"`
}

// VolunteerCounts counts the volunteers inside scope registered before
// end by pilar and current status (erased rows included, as status
// "erased": they keep their pilar and kelurahan), and of them those
// registered in [start, end).
func (s *Store) VolunteerCounts(ctx context.Context, scope Scope, start, end time.Time) ([]VolunteerCount, error) {
	cs := []VolunteerCount{}
	args := []any{start, end}
	err := s.db.SelectContext(ctx, &cs, `
		SELECT v.pilar, v.status, count(*) AS total, count(*) FILTER (WHERE v.created_at >= $1) AS new
		FROM volunteers v
		WHERE v.created_at < $2 AND `+scope.where("v", &args)+`
		GROUP BY v.pilar, v.status
		ORDER BY v.pilar, v.status`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: volunteer counts: %w", err)
	}
	return cs, nil
}

// EachVolunteer calls fn for every volunteer inside scope who has not
// erased their data, ordered by kelurahan, pilar and name, reading rows
// one at a time so that an export of thousands never holds them all. fn
// must not keep v.
func (s *Store) EachVolunteer(ctx context.Context, scope Scope, fn func(v *Volunteer) error) error {
	var args []any
	rows, err := s.db.QueryxContext(ctx, `SELECT `+volunteerColumns+` FROM volunteers v
		WHERE status <> 'erased' AND `+scope.where("v", &args)+`
		ORDER BY kelurahan_code, pilar, full_name, id`, args...)
	if err != nil {
		return fmt.Errorf("storage: each volunteer: %w", err)
	}
	defer rows.Close()
	var v Volunteer
	for rows.Next() {
		v = Volunteer{}
		if err := rows.StructScan(&v); err != nil {
			return fmt.Errorf("storage: each volunteer: %w", err)
		}
		if err := fn(&v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: each volunteer: %w", err)
	}
	return nil
}

// SearchVolunteers finds up to limit volunteers inside scope (not erased)
// whose name contains name (any case), or whose phone number is phone
// (E.164, as parse.Phone gives it; "" for none). Only a whole number is
// searched: matching a part would let repeated searches uncover the
// digits a profile masks.
func (s *Store) SearchVolunteers(ctx context.Context, scope Scope, name, phone string, limit int) ([]Volunteer, error) {
	if limit <= 0 {
		limit = 10
	}
	pattern := ""
	if name = strings.TrimSpace(name); name != "" {
		pattern = "%" + escapeLike(name) + "%"
	}
	vs := []Volunteer{}
	args := []any{pattern, phone, limit}
	err := s.db.SelectContext(ctx, &vs, `SELECT `+volunteerColumns+` FROM volunteers v
		WHERE status <> 'erased'
			AND (($1 <> '' AND full_name ILIKE $1) OR ($2 <> '' AND phone = $2))
			AND `+scope.where("v", &args)+`
		ORDER BY full_name, id
		LIMIT $3`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: search volunteers: %w", err)
	}
	return vs, nil
}

// escapeLike makes s match literally in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
