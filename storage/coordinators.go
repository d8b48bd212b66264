package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
)

// Audit actions and subject type for coordinators.
const (
	SubjectCoordinator      = "coordinator"
	ActionCoordinatorAdd    = "coordinator.add"
	ActionCoordinatorRename = "coordinator.rename"
	ActionCoordinatorRemove = "coordinator.remove"
	ActionCoordinatorScope  = "coordinator.scope"
)

// Coordinator is a Dinsos staff member who verifies volunteers. AddedBy is
// the Telegram id of the admin who appointed them, 0 for the system.
type Coordinator struct {
	TelegramID int64     `db:"telegram_id"`
	Name       string    `db:"name"`
	AddedBy    int64     `db:"added_by"`
	CreatedAt  time.Time `db:"created_at"`
	ScopeJSON  []byte    `db:"scope"`
}

// Scope is where the coordinator works; the zero Scope is the whole city.
func (c *Coordinator) Scope() (Scope, error) {
	g, err := decodeScope(c.ScopeJSON)
	if err != nil {
		return g, fmt.Errorf("storage: coordinator %d: %w", c.TelegramID, err)
	}
	return g, nil
}

const coordinatorColumns = `telegram_id, name, added_by, created_at, scope`

// CoordinatorByID returns the coordinator telegramID, or ErrNotFound.
func (s *Store) CoordinatorByID(ctx context.Context, telegramID int64) (*Coordinator, error) {
	var c Coordinator
	err := s.db.GetContext(ctx, &c,
		`SELECT `+coordinatorColumns+` FROM coordinators WHERE telegram_id = $1`, telegramID)
	if err != nil {
		return nil, fmt.Errorf("storage: coordinator: %w", notFound(err))
	}
	return &c, nil
}

// SetCoordinatorScope gives the coordinator telegramID the scope g (the
// zero Scope: the whole city) on behalf of the admin by, and records the
// change in the audit log with the scopes before and after as JSON. It
// returns ErrNotFound if telegramID is not a coordinator; setting the
// scope a coordinator has already changes nothing.
func (s *Store) SetCoordinatorScope(ctx context.Context, telegramID int64, g Scope, by int64) error {
	after, err := scopeJSON(g)
	if err != nil {
		return fmt.Errorf("storage: set coordinator scope: %w", err)
	}
	err = s.withTx(ctx, func(tx *sqlx.Tx) error {
		var raw []byte
		err := tx.GetContext(ctx, &raw,
			`SELECT scope FROM coordinators WHERE telegram_id = $1 FOR UPDATE`, telegramID)
		if err != nil {
			return notFound(err)
		}
		old, err := decodeScope(raw)
		if err != nil {
			return err
		}
		before, err := scopeJSON(old)
		if err != nil || string(before) == string(after) {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE coordinators SET scope = $2 WHERE telegram_id = $1`, telegramID, string(after)); err != nil {
			return err
		}
		return s.insertAudit(ctx, tx, AuditEntry{ActorID: by, Action: ActionCoordinatorScope,
			SubjectType: SubjectCoordinator, SubjectID: strconv.FormatInt(telegramID, 10),
			Before: string(before), After: string(after)})
	})
	if err != nil {
		return fmt.Errorf("storage: set coordinator scope: %w", err)
	}
	return nil
}

// IsCoordinator reports whether telegramID is a coordinator.
func (s *Store) IsCoordinator(ctx context.Context, telegramID int64) (bool, error) {
	var ok bool
	err := s.db.GetContext(ctx, &ok,
		`SELECT EXISTS (SELECT 1 FROM coordinators WHERE telegram_id = $1)`, telegramID)
	if err != nil {
		return false, fmt.Errorf("storage: is coordinator: %w", err)
	}
	return ok, nil
}

// Coordinators returns all coordinators, longest-serving first.
func (s *Store) Coordinators(ctx context.Context) ([]Coordinator, error) {
	cs := []Coordinator{}
	err := s.db.SelectContext(ctx, &cs, `
		SELECT `+coordinatorColumns+` FROM coordinators
		ORDER BY created_at, telegram_id`)
	if err != nil {
		return nil, fmt.Errorf("storage: coordinators: %w", err)
	}
	return cs, nil
}

// AddCoordinator appoints c.TelegramID as coordinator on behalf of by and
// records it in the audit log. Adding an existing coordinator is not an
// error: a different name is stored (and audited as a rename), the same
// name changes nothing. c.AddedBy and c.CreatedAt are ignored.
func (s *Store) AddCoordinator(ctx context.Context, c Coordinator, by int64) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		now := s.now()
		subjectID := strconv.FormatInt(c.TelegramID, 10)
		res, err := tx.ExecContext(ctx, `
			INSERT INTO coordinators (telegram_id, name, added_by, created_at)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (telegram_id) DO NOTHING`,
			c.TelegramID, c.Name, by, now)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			return s.insertAudit(ctx, tx, AuditEntry{ActorID: by, Action: ActionCoordinatorAdd,
				SubjectType: SubjectCoordinator, SubjectID: subjectID, After: c.Name, CreatedAt: now})
		}
		var old string
		err = tx.GetContext(ctx, &old,
			`SELECT name FROM coordinators WHERE telegram_id = $1 FOR UPDATE`, c.TelegramID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("coordinator %d removed concurrently: %w", c.TelegramID, ErrNotFound)
		}
		if err != nil || old == c.Name {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`UPDATE coordinators SET name = $2 WHERE telegram_id = $1`, c.TelegramID, c.Name)
		if err != nil {
			return err
		}
		return s.insertAudit(ctx, tx, AuditEntry{ActorID: by, Action: ActionCoordinatorRename,
			SubjectType: SubjectCoordinator, SubjectID: subjectID, Before: old, After: c.Name, CreatedAt: now})
	})
	if err != nil {
		return fmt.Errorf("storage: add coordinator: %w", err)
	}
	return nil
}

// RemoveCoordinator removes telegramID from the coordinators on behalf of
// by and records it in the audit log. It returns ErrNotFound if
// telegramID is not a coordinator.
func (s *Store) RemoveCoordinator(ctx context.Context, telegramID, by int64) error {
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		var name string
		err := tx.GetContext(ctx, &name,
			`DELETE FROM coordinators WHERE telegram_id = $1 RETURNING name`, telegramID)
		if err != nil {
			return notFound(err)
		}
		return s.insertAudit(ctx, tx, AuditEntry{ActorID: by, Action: ActionCoordinatorRemove,
			SubjectType: SubjectCoordinator, SubjectID: strconv.FormatInt(telegramID, 10), Before: name})
	})
	if err != nil {
		return fmt.Errorf("storage: remove coordinator: %w", err)
	}
	return nil
}
