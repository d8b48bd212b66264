package storage

import (
	"context"
	"database/sql"
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
// admin nor a coordinator, and returns the actor's scope (the whole city
// for an admin). It locks the coordinator's row until the transaction
// ends, so a removal or a change of scope waits for the decision to
// commit, and every decision either comes before it or is judged by it.
func checkActor(ctx context.Context, tx *sqlx.Tx, a Actor) (Scope, error) {
	if a.Admin {
		return Scope{}, nil
	}
	var raw []byte
	err := tx.GetContext(ctx, &raw,
		`SELECT scope FROM coordinators WHERE telegram_id = $1 FOR SHARE`, a.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return Scope{}, ErrNotCoordinator
	}
	if err != nil {
		return Scope{}, fmt.Errorf("check coordinator: %w", err)
	}
	return decodeScope(raw)
}
