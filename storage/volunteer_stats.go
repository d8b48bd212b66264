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

// VolunteerCounts counts the volunteers registered before end by pilar and
// current status (erased rows included, as status "erased"), and of them
// those registered in [start, end).
func (s *Store) VolunteerCounts(ctx context.Context, start, end time.Time) ([]VolunteerCount, error) {
	cs := []VolunteerCount{}
	err := s.db.SelectContext(ctx, &cs, `
		SELECT pilar, status, count(*) AS total, count(*) FILTER (WHERE created_at >= $1) AS new
		FROM volunteers
		WHERE created_at < $2
		GROUP BY pilar, status
		ORDER BY pilar, status`, start, end)
	if err != nil {
		return nil, fmt.Errorf("storage: volunteer counts: %w", err)
	}
	return cs, nil
}

// EachVolunteer calls fn for every volunteer who has not erased their
// data, ordered by kelurahan, pilar and name, reading rows one at a time
// so that an export of thousands never holds them all. fn must not keep v.
func (s *Store) EachVolunteer(ctx context.Context, fn func(v *Volunteer) error) error {
	rows, err := s.db.QueryxContext(ctx, `SELECT `+volunteerColumns+` FROM volunteers
		WHERE status <> 'erased'
		ORDER BY kelurahan_code, pilar, full_name, id`)
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

// SearchVolunteers finds up to limit volunteers (not erased) whose name
// contains name (any case), or whose phone number is phone (E.164, as
// parse.Phone gives it; "" for none). Only a whole number is searched:
// matching a part would let repeated searches uncover the digits a
// profile masks.
func (s *Store) SearchVolunteers(ctx context.Context, name, phone string, limit int) ([]Volunteer, error) {
	if limit <= 0 {
		limit = 10
	}
	pattern := ""
	if name = strings.TrimSpace(name); name != "" {
		pattern = "%" + escapeLike(name) + "%"
	}
	vs := []Volunteer{}
	err := s.db.SelectContext(ctx, &vs, `SELECT `+volunteerColumns+` FROM volunteers
		WHERE status <> 'erased'
			AND (($1 <> '' AND full_name ILIKE $1) OR ($2 <> '' AND phone = $2))
		ORDER BY full_name, id
		LIMIT $3`, pattern, phone, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: search volunteers: %w", err)
	}
	return vs, nil
}

// escapeLike makes s match literally in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
