package storage

import (
	"context"
	"fmt"

	"pilarbot/storage/domain"
)

// ReviewQueue returns up to limit reports waiting for review whose
// reporter lives inside scope, oldest first, photos loaded. It starts
// after the report afterID (0: at the oldest), so Lewati moves on without
// a state of its own, and leaves out the reports of the Telegram user
// reviewer: nobody reviews their own report.
func (s *Store) ReviewQueue(ctx context.Context, scope Scope, reviewer, afterID int64, limit int) ([]Report, error) {
	rs := []Report{}
	args := []any{domain.ReportSubmitted, reviewer, afterID, limit}
	err := s.db.SelectContext(ctx, &rs, `
		SELECT `+prefixed("r.", reportColumns)+` FROM reports r JOIN volunteers v ON v.id = r.volunteer_id
		WHERE r.status = $1 AND v.telegram_id <> $2 AND `+scope.where("v", &args)+`
			AND ($3 = 0 OR (r.created_at, r.id) > (SELECT created_at, id FROM reports WHERE id = $3))
		ORDER BY r.created_at, r.id
		LIMIT $4`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: review queue: %w", err)
	}
	for i := range rs {
		rs[i].Photos = []ReportPhoto{}
		if err := s.db.SelectContext(ctx, &rs[i].Photos, `SELECT file_id, file_unique_id FROM report_photos
			WHERE report_id = $1 ORDER BY position`, rs[i].ID); err != nil {
			return nil, fmt.Errorf("storage: review queue: %w", err)
		}
	}
	return rs, nil
}

// CountReviewQueue returns how many reports of reporters inside scope wait
// for review, leaving out reviewer's own. It reads reports_submitted_volunteer_idx
// alone for the whole city: a province has tens of thousands waiting.
func (s *Store) CountReviewQueue(ctx context.Context, scope Scope, reviewer int64) (int, error) {
	var n int
	args := []any{domain.ReportSubmitted, reviewer}
	err := s.db.GetContext(ctx, &n, `
		SELECT count(*) FROM reports r
		WHERE r.status = $1 AND r.volunteer_id NOT IN (SELECT id FROM volunteers WHERE telegram_id = $2)
			AND `+scope.reporterIn("r", &args), args...)
	if err != nil {
		return 0, fmt.Errorf("storage: count review queue: %w", err)
	}
	return n, nil
}
