package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"pilarbot/storage/domain"
)

// Audit subject and action of a review decision on a report.
const (
	SubjectReport      = "report"
	ActionReportReview = "report.review"
)

// ErrAlreadyReviewed means a coordinator tried to review a report that is
// not waiting for review anymore.
var ErrAlreadyReviewed = errors.New("storage: report already reviewed")

// Report is an activity report of a volunteer. Optional numbers are nil
// when the pilar's flow does not ask for them; Latitude and Longitude are
// nil when no map pin was sent.
type Report struct {
	ID             int64               `db:"id"`
	Number         string              `db:"number"` // LAP-2024-000123
	Year           int                 `db:"year"`
	Seq            int                 `db:"seq"`
	IdempotencyKey string              `db:"idempotency_key"`
	VolunteerID    int64               `db:"volunteer_id"`
	Pilar          string              `db:"pilar"`
	Activity       string              `db:"activity"`      // activity type code
	ActivityDate   time.Time           `db:"activity_date"` // a calendar date (midnight UTC as read back)
	KelurahanCode  string              `db:"kelurahan_code"`
	Latitude       *float64            `db:"latitude"`
	Longitude      *float64            `db:"longitude"`
	DisasterType   string              `db:"disaster_type"`
	Victims        *int                `db:"victims"`
	Evacuees       *int                `db:"evacuees"`
	Needs          string              `db:"needs"`
	PMKSCategory   string              `db:"pmks_category"`
	Beneficiaries  *int                `db:"beneficiaries"`
	Description    string              `db:"description"`
	Status         domain.ReportStatus `db:"status"`
	CreatedAt      time.Time           `db:"created_at"`
	UpdatedAt      time.Time           `db:"updated_at"`

	Photos []ReportPhoto `db:"-"`
}

// ReportPhoto is one photo of a report: the file_id of its largest size,
// which can be sent again, and its file_unique_id.
type ReportPhoto struct {
	FileID       string `db:"file_id"`
	FileUniqueID string `db:"file_unique_id"`
}

// ReportStatusChange is one row of a report's review history.
type ReportStatusChange struct {
	ID        int64               `db:"id"`
	ReportID  int64               `db:"report_id"`
	ActorID   int64               `db:"actor_id"`
	From      domain.ReportStatus `db:"from_status"`
	To        domain.ReportStatus `db:"to_status"`
	Note      string              `db:"note"`
	CreatedAt time.Time           `db:"created_at"`
}

const reportColumns = `id, number, year, seq, idempotency_key, volunteer_id, pilar, activity,
	activity_date, kelurahan_code, latitude, longitude, disaster_type, victims, evacuees, needs,
	pmks_category, beneficiaries, description, status, created_at, updated_at`

// CreateReport stores r with its photos and its first history row, numbering
// it LAP-<year>-<seq> from the year of submission in loc and a per-year
// sequence, and fills r from the stored row. A report with the same
// IdempotencyKey already stored is returned instead (created false), so a
// submission handled twice is stored once.
func (s *Store) CreateReport(ctx context.Context, r *Report, actorID int64, loc *time.Location) (created bool, err error) {
	err = s.withTx(ctx, func(tx *sqlx.Tx) error {
		// Into a copy: sqlx allocates the pointer fields of its destination
		// even when no row comes back.
		var existing Report
		err := tx.GetContext(ctx, &existing, `SELECT `+reportColumns+` FROM reports WHERE idempotency_key = $1`, r.IdempotencyKey)
		if err == nil {
			*r = existing
			return s.loadPhotos(ctx, tx, r)
		}
		if err = notFound(err); !errors.Is(err, ErrNotFound) {
			return err
		}
		now := s.now()
		year := now.In(loc).Year()
		var seq int
		err = tx.GetContext(ctx, &seq, `
			INSERT INTO report_counters (year, last) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last = report_counters.last + 1
			RETURNING last`, year)
		if err != nil {
			return err
		}
		photos := r.Photos
		err = tx.GetContext(ctx, r, `
			INSERT INTO reports (number, year, seq, idempotency_key, volunteer_id, pilar, activity,
				activity_date, kelurahan_code, latitude, longitude, disaster_type, victims, evacuees,
				needs, pmks_category, beneficiaries, description, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
				'submitted', $19, $19)
			RETURNING `+reportColumns,
			fmt.Sprintf("LAP-%d-%06d", year, seq), year, seq, r.IdempotencyKey, r.VolunteerID, r.Pilar,
			r.Activity, r.ActivityDate.Format(time.DateOnly), r.KelurahanCode, r.Latitude, r.Longitude,
			r.DisasterType, r.Victims, r.Evacuees, r.Needs, r.PMKSCategory, r.Beneficiaries,
			r.Description, now)
		if err != nil {
			return err
		}
		for i, p := range photos {
			_, err := tx.ExecContext(ctx, `
				INSERT INTO report_photos (report_id, position, file_id, file_unique_id)
				VALUES ($1, $2, $3, $4)`, r.ID, i+1, p.FileID, p.FileUniqueID)
			if err != nil {
				return err
			}
		}
		r.Photos = photos
		created = true
		return insertReportHistory(ctx, tx, r.ID, actorID, "", domain.ReportSubmitted, "", now)
	})
	if err != nil {
		return false, fmt.Errorf("storage: create report: %w", err)
	}
	return created, nil
}

// ReportByNumber returns a report with its photos, or ErrNotFound.
func (s *Store) ReportByNumber(ctx context.Context, number string) (*Report, error) {
	return s.reportWhere(ctx, "number = $1", number)
}

// ReportByID returns a report with its photos, or ErrNotFound.
func (s *Store) ReportByID(ctx context.Context, id int64) (*Report, error) {
	return s.reportWhere(ctx, "id = $1", id)
}

func (s *Store) reportWhere(ctx context.Context, where string, arg any) (*Report, error) {
	var r Report
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &r, `SELECT `+reportColumns+` FROM reports WHERE `+where, arg); err != nil {
			return notFound(err)
		}
		return s.loadPhotos(ctx, tx, &r)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: report: %w", err)
	}
	return &r, nil
}

func (s *Store) loadPhotos(ctx context.Context, tx *sqlx.Tx, r *Report) error {
	r.Photos = []ReportPhoto{}
	return tx.SelectContext(ctx, &r.Photos, `
		SELECT file_id, file_unique_id FROM report_photos WHERE report_id = $1 ORDER BY position`, r.ID)
}

// ReportsByVolunteer returns one page of a volunteer's reports, newest
// first, without photos, and how many reports the volunteer has in all.
func (s *Store) ReportsByVolunteer(ctx context.Context, volunteerID int64, limit, offset int) ([]Report, int, error) {
	var total int
	if err := s.db.GetContext(ctx, &total, `SELECT count(*) FROM reports WHERE volunteer_id = $1`, volunteerID); err != nil {
		return nil, 0, fmt.Errorf("storage: count reports: %w", err)
	}
	rs := []Report{}
	err := s.db.SelectContext(ctx, &rs, `
		SELECT `+reportColumns+` FROM reports
		WHERE volunteer_id = $1
		ORDER BY created_at DESC, id DESC
		LIMIT $2 OFFSET $3`, volunteerID, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: reports by volunteer: %w", err)
	}
	return rs, total, nil
}

// ReviewReport moves a submitted report to status on behalf of the
// coordinator actorID, appending a history row in the same transaction, and
// returns the updated report. A report that is not waiting for review is
// returned with ErrAlreadyReviewed, so of two coordinators deciding at once
// exactly one wins. The decision goes to the audit log in the same
// transaction. Like DecideVolunteer it refuses, in the transaction, an
// actor who is no longer a coordinator (ErrNotCoordinator) and the
// reporter themselves (ErrOwnCase), and a reporter outside the actor's
// scope (ErrOutOfScope). The note is dropped when the reporter
// has erased their data: a note typed in a review opened before the
// erasure would put back what it removed (it often names the reporter).
func (s *Store) ReviewReport(ctx context.Context, id int64, by Actor, status domain.ReportStatus, note string) (*Report, error) {
	var r Report
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		scope, err := checkActor(ctx, tx, by)
		if err != nil {
			return err
		}
		// The reporter first, in the order an erasure locks them.
		var reporter struct {
			Status    domain.Status `db:"status"`
			Pilar     string        `db:"pilar"`
			Kelurahan string        `db:"kelurahan_code"`
		}
		err = tx.GetContext(ctx, &reporter, `SELECT v.status, v.pilar, v.kelurahan_code
			FROM volunteers v JOIN reports r ON r.volunteer_id = v.id
			WHERE r.id = $1 FOR SHARE OF v`, id)
		if err != nil {
			return notFound(err)
		}
		if reporter.Status == domain.StatusErased {
			note = ""
		}
		err = tx.GetContext(ctx, &r, `SELECT `+reportColumns+` FROM reports WHERE id = $1 FOR UPDATE`, id)
		if err != nil {
			return notFound(err)
		}
		if r.Status != domain.ReportSubmitted {
			return ErrAlreadyReviewed
		}
		var own bool
		err = tx.GetContext(ctx, &own,
			`SELECT EXISTS (SELECT 1 FROM volunteers WHERE id = $1 AND telegram_id = $2)`, r.VolunteerID, by.ID)
		if err != nil {
			return err
		}
		if own {
			return ErrOwnCase
		}
		if !scope.Covers(reporter.Pilar, reporter.Kelurahan) {
			return ErrOutOfScope
		}
		now := s.now()
		err = tx.GetContext(ctx, &r, `
			UPDATE reports SET status = $2, updated_at = $3 WHERE id = $1
			RETURNING `+reportColumns, id, status, now)
		if err != nil {
			return err
		}
		if err := insertReportHistory(ctx, tx, id, by.ID, domain.ReportSubmitted, status, note, now); err != nil {
			return err
		}
		return s.insertAudit(ctx, tx, AuditEntry{ActorID: by.ID, Action: ActionReportReview,
			SubjectType: SubjectReport, SubjectID: strconv.FormatInt(id, 10),
			Before: string(domain.ReportSubmitted), After: string(status), Note: note, CreatedAt: now})
	})
	switch {
	case errors.Is(err, ErrAlreadyReviewed):
		return &r, fmt.Errorf("storage: review report: %w", err)
	case err != nil:
		return nil, fmt.Errorf("storage: review report: %w", err)
	}
	return &r, nil
}

// ReportHistory returns the status changes of a report, oldest first.
func (s *Store) ReportHistory(ctx context.Context, reportID int64) ([]ReportStatusChange, error) {
	hs := []ReportStatusChange{}
	err := s.db.SelectContext(ctx, &hs, `
		SELECT id, report_id, actor_id, from_status, to_status, note, created_at
		FROM report_status_history WHERE report_id = $1 ORDER BY id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("storage: report history: %w", err)
	}
	return hs, nil
}

func insertReportHistory(ctx context.Context, tx *sqlx.Tx, reportID, actorID int64, from, to domain.ReportStatus, note string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO report_status_history (report_id, actor_id, from_status, to_status, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, reportID, actorID, from, to, note, at)
	return err
}
