package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

var (
	// ErrNotCoordinator means the actor of a decision is not a
	// coordinator (any more) nor an admin: the role was taken away while
	// the decision was being written.
	ErrNotCoordinator = errors.New("storage: actor is not a coordinator")
	// ErrOwnCase means the actor tried to decide their own registration
	// or review their own report.
	ErrOwnCase = errors.New("storage: actor would decide their own case")
)

// Actor is who makes a coordinator's decision. The admins come from the
// configuration, which the store does not hold, so the caller says
// whether the actor is one; anyone else must be in the coordinators table
// when the decision commits.
type Actor struct {
	ID    int64 // Telegram user id
	Admin bool  // one of the configured admins
}

// checkActor refuses with ErrNotCoordinator an actor who is neither an
// admin nor a coordinator. It locks the coordinator's row until the
// transaction ends, so a removal waits for the decision to commit and
// every decision either comes before the removal or is refused.
func checkActor(ctx context.Context, tx *sqlx.Tx, a Actor) error {
	if a.Admin {
		return nil
	}
	var ok bool
	err := tx.GetContext(ctx, &ok,
		`SELECT EXISTS (SELECT 1 FROM coordinators WHERE telegram_id = $1 FOR SHARE)`, a.ID)
	if err != nil {
		return fmt.Errorf("check coordinator: %w", err)
	}
	if !ok {
		return ErrNotCoordinator
	}
	return nil
}
