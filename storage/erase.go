package storage

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"

	"pilarbot/storage/domain"
)

// Audit action of an erasure (/hapusdata).
const (
	ActionVolunteerErase   = "volunteer.erase"
	erasedAuditReplacement = "[dihapus]"
)

// ErasureStep is one part of erasing a volunteer's personal data. Every
// step runs in the same transaction, in order, and sees the volunteer as
// it was before the erasure (so it can find and remove the old name, phone
// or NIK). A step must leave statistics intact: counts by pilar, kelurahan
// and date stay possible, the person behind them does not.
type ErasureStep struct {
	Name string
	Run  func(ctx context.Context, tx *sqlx.Tx, v *Volunteer) error
}

// erasureSteps lists what erasing a volunteer touches: the audit notes
// about them, their reports (free texts, pins, photos), their event
// answers (distances; answers to events ahead) and their broadcast
// deliveries (chat ids). Rows keep their volunteer_id, which points at the
// anonymous row. The volunteers row itself goes last.
func (s *Store) erasureSteps() []ErasureStep {
	return []ErasureStep{
		{Name: "audit_log", Run: s.redactAuditOf},
		{Name: "reports", Run: s.eraseReports},
		{Name: "event_rsvps", Run: s.eraseEventAnswers},
		{Name: "broadcast_outbox", Run: s.eraseOutbox},
		{Name: "volunteers", Run: s.anonymiseVolunteer},
	}
}

// EraseVolunteer erases the personal data of the volunteer registered by
// telegramID (name, username, phone, NIK, rejection note; later also the
// free texts and location pins of their reports) in one transaction, and
// records the erasure in the audit log without naming who asked. The row
// is anonymised rather than deleted: it keeps pilar, kelurahan and dates,
// so the statistics of Dinsos and the reports pointing at it stay whole,
// and its NIK (NULL) and telegram_id (-id) no longer block a new
// registration. It returns ErrNotFound if telegramID is not registered.
func (s *Store) EraseVolunteer(ctx context.Context, telegramID int64) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		var v Volunteer
		err := tx.GetContext(ctx, &v, `SELECT `+volunteerColumns+` FROM volunteers
			WHERE telegram_id = $1 FOR UPDATE`, telegramID)
		if err != nil {
			return notFound(err)
		}
		for _, step := range s.erasureSteps() {
			if err := step.Run(ctx, tx, &v); err != nil {
				return fmt.Errorf("step %s: %w", step.Name, err)
			}
		}
		// Actor 0: recording the account that asked would tie it to the
		// anonymous row again.
		return s.insertAudit(ctx, tx, AuditEntry{Action: ActionVolunteerErase,
			SubjectType: SubjectVolunteer, SubjectID: strconv.FormatInt(v.ID, 10),
			Before: string(v.Status), After: string(domain.StatusErased)})
	})
	if err != nil {
		return fmt.Errorf("storage: erase volunteer: %w", err)
	}
	return nil
}

// anonymiseVolunteer empties every personal field of the row and marks it
// erased.
func (s *Store) anonymiseVolunteer(ctx context.Context, tx *sqlx.Tx, v *Volunteer) error {
	now := s.now()
	_, err := tx.ExecContext(ctx, `
		UPDATE volunteers SET telegram_id = -id, chat_id = 0, username = '', full_name = '',
			phone = '', nik = NULL, status = 'erased', status_note = '', unreachable = false,
			erased_at = $2, updated_at = $2
		WHERE id = $1`, v.ID, now)
	return err
}

// redactAuditOf keeps the decisions about the volunteer in the audit log
// but removes their name, phone and NIK from the free-text notes (a
// rejection reason may quote them), in every form redactPatterns knows.
func (s *Store) redactAuditOf(ctx context.Context, tx *sqlx.Tx, v *Volunteer) error {
	for _, pattern := range redactPatterns(v) {
		_, err := tx.ExecContext(ctx, `
			UPDATE audit_log SET
				note = regexp_replace(note, $2, $3, 'gi'),
				before = regexp_replace(before, $2, $3, 'gi'),
				after = regexp_replace(after, $2, $3, 'gi')
			WHERE subject_type = $1 AND subject_id = $4
				AND (note ~* $2 OR before ~* $2 OR after ~* $2)`,
			SubjectVolunteer, pattern, erasedAuditReplacement, strconv.FormatInt(v.ID, 10))
		if err != nil {
			return err
		}
	}
	return nil
}
