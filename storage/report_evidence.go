package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"pilarbot/storage/domain"
)

// ReportReview is the decision that closed a report's review: who made it
// (ActorName is "" when the reviewer is not, or no longer, in the
// coordinators table, as for an admin from the configuration), what they
// decided and the note that went to the volunteer.
type ReportReview struct {
	ReportID  int64               `db:"report_id"`
	ActorID   int64               `db:"actor_id"`
	ActorName string              `db:"actor_name"`
	Status    domain.ReportStatus `db:"to_status"`
	Note      string              `db:"note"`
	At        time.Time           `db:"created_at"`
}

// ReportReviews returns the latest review decision of each of the reports
// ids that has one, by report id. A report still waiting for review has
// only its submission in the history and is left out.
func (s *Store) ReportReviews(ctx context.Context, ids []int64) (map[int64]ReportReview, error) {
	out := map[int64]ReportReview{}
	if len(ids) == 0 {
		return out, nil
	}
	var rs []ReportReview
	err := s.db.SelectContext(ctx, &rs, `
		SELECT DISTINCT ON (h.report_id) h.report_id, h.actor_id, coalesce(c.name, '') AS actor_name,
			h.to_status, h.note, h.created_at
		FROM report_status_history h LEFT JOIN coordinators c ON c.telegram_id = h.actor_id
		WHERE h.report_id = ANY($1) AND h.from_status <> ''
		ORDER BY h.report_id, h.id DESC`, pq.Int64Array(ids))
	if err != nil {
		return nil, fmt.Errorf("storage: report reviews: %w", err)
	}
	for _, r := range rs {
		out[r.ReportID] = r
	}
	return out, nil
}

// PhotoReuse is a photo of a report (Position, from 1) that earlier
// reports also carry: the same file_unique_id, which Telegram gives the
// file itself whoever sends it. Numbers are those reports, oldest first.
type PhotoReuse struct {
	Position int
	Numbers  []string
}

// PhotoReuses finds the photos of report reportID that were attached to an
// earlier report, by this volunteer or another: a recycled photo is the
// commonest false report. It goes through report_photos_file_unique_idx.
func (s *Store) PhotoReuses(ctx context.Context, reportID int64) ([]PhotoReuse, error) {
	var rows []struct {
		Position int    `db:"position"`
		Number   string `db:"number"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.position, r.number
		FROM report_photos p
		JOIN report_photos q ON q.file_unique_id = p.file_unique_id AND q.report_id < p.report_id
		JOIN reports r ON r.id = q.report_id
		WHERE p.report_id = $1 AND p.file_unique_id <> ''
		ORDER BY p.position, r.id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("storage: photo reuses: %w", err)
	}
	var out []PhotoReuse
	for _, row := range rows {
		if n := len(out); n == 0 || out[n-1].Position != row.Position {
			out = append(out, PhotoReuse{Position: row.Position})
		}
		out[len(out)-1].Numbers = append(out[len(out)-1].Numbers, row.Number)
	}
	return out, nil
}

// ReporterRecord is a volunteer's record as a reviewer weighs it: the
// reports sent since the start of the month, and all their reports by
// review status.
type ReporterRecord struct {
	ThisMonth       int `db:"this_month"`
	Total           int `db:"total"`
	Approved        int `db:"approved"`
	NeedsCorrection int `db:"needs_correction"`
	Rejected        int `db:"rejected"`
	Pending         int `db:"pending"`
}

// ReporterRecordOf counts the reports of volunteer volunteerID: those
// submitted from monthStart on (the caller's month, in WIB) and every
// report by its status, in one pass over the volunteer's reports.
func (s *Store) ReporterRecordOf(ctx context.Context, volunteerID int64, monthStart time.Time) (ReporterRecord, error) {
	var rec ReporterRecord
	err := s.db.GetContext(ctx, &rec, `
		SELECT count(*) FILTER (WHERE created_at >= $2) AS this_month,
			count(*) AS total,
			count(*) FILTER (WHERE status = $3) AS approved,
			count(*) FILTER (WHERE status = $4) AS needs_correction,
			count(*) FILTER (WHERE status = $5) AS rejected,
			count(*) FILTER (WHERE status = $6) AS pending
		FROM reports WHERE volunteer_id = $1`, volunteerID, monthStart,
		domain.ReportApproved, domain.ReportNeedsCorrection, domain.ReportRejected, domain.ReportSubmitted)
	if err != nil {
		return rec, fmt.Errorf("storage: reporter record: %w", err)
	}
	return rec, nil
}
