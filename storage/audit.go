package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// AuditEntry records one decision: who (ActorID, 0 for the system) did
// what (Action) to which subject, with the state before and after. Before
// and After hold short states such as a status or a name, never personal
// data like a NIK or a phone number.
type AuditEntry struct {
	ID          int64     `db:"id"`
	ActorID     int64     `db:"actor_id"`
	Action      string    `db:"action"`
	SubjectType string    `db:"subject_type"`
	SubjectID   string    `db:"subject_id"`
	Before      string    `db:"before"`
	After       string    `db:"after"`
	Note        string    `db:"note"`
	CreatedAt   time.Time `db:"created_at"`
}

// AuditLog returns the audit entries of one subject, oldest first, for
// example AuditLog(ctx, SubjectVolunteer, "42").
func (s *Store) AuditLog(ctx context.Context, subjectType, subjectID string) ([]AuditEntry, error) {
	entries := []AuditEntry{}
	err := s.db.SelectContext(ctx, &entries, `
		SELECT id, actor_id, action, subject_type, subject_id, before, after, note, created_at
		FROM audit_log
		WHERE subject_type = $1 AND subject_id = $2
		ORDER BY id`, subjectType, subjectID)
	if err != nil {
		return nil, fmt.Errorf("storage: audit log: %w", err)
	}
	return entries, nil
}

// insertAudit writes e in tx, so the entry commits or rolls back with the
// change it records.
func (s *Store) insertAudit(ctx context.Context, tx *sqlx.Tx, e AuditEntry) error {
	if e.CreatedAt.IsZero() {
		e.CreatedAt = s.now()
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit_log (actor_id, action, subject_type, subject_id, before, after, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		e.ActorID, e.Action, e.SubjectType, e.SubjectID, e.Before, e.After, e.Note, e.CreatedAt)
	return err
}
