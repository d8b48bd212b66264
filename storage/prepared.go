package storage

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

// The statements every update runs (the volunteer lookup, the /jadwal
// page, an answer to an event) go through named prepared statements.
// lib/pq sends any other statement with parameters unnamed, and Postgres
// then parses and plans it at every execution: for the /jadwal page that
// took longer than running it, and for the volunteer lookup ten times as
// long. A named statement is parsed once per connection, and after five
// executions Postgres keeps a generic plan when it costs no more than the
// custom ones.
//
// They are prepared when the store opens, while the pool is free: a
// statement prepared on first use inside a transaction would wait for a
// second connection, and transactions holding every connection of the
// pool would wait for each other forever. Inside a transaction the
// transaction's own connection prepares it again (database/sql reuses it
// there afterwards), as any pooled connection does the first time it
// runs it.
//
// Result columns are listed by name, never *, so a migration that adds a
// column (a newer version migrating during a rolling upgrade) leaves the
// statements as they are. One that changes the type of a column they
// read makes Postgres refuse the cached plan ("cached plan must not
// change result type"), on every connection, and database/sql never
// prepares again: such a statement runs unprepared from then on, the
// call that met the refusal is made again unprepared, and a transaction
// that met it runs once more (withTx).

// hotQueries are the queries prepared when a store opens.
var hotQueries []string

// hot registers query as one of the statements every update runs, and
// returns it. Only constant queries belong here: one built from a filter
// would be a new statement each time.
func hot(query string) string {
	hotQueries = append(hotQueries, query)
	return query
}

// hotStmt is a hot query's prepared statement, unless Postgres refused
// its plan.
type hotStmt struct {
	st      *sqlx.Stmt
	refused atomic.Bool
}

// errPlanChanged is a hot statement whose cached plan Postgres refused,
// in a transaction, which that refusal aborted.
var errPlanChanged = errors.New("storage: a prepared statement's plan is out of date")

// prepareHot prepares the hot queries; Open fails on one that does not
// prepare, so a broken statement shows at start.
func (s *Store) prepareHot(ctx context.Context) error {
	s.prep = make(map[string]*hotStmt, len(hotQueries))
	for _, q := range hotQueries {
		st, err := s.db.PreparexContext(ctx, q)
		if err != nil {
			s.closePrepared()
			return fmt.Errorf("storage: prepare %.60q: %w", q, err)
		}
		s.prep[q] = &hotStmt{st: st}
	}
	return nil
}

// closePrepared closes the prepared statements (Close). The map stays:
// a query still running meets a closed statement and fails as it would
// on the closed pool.
func (s *Store) closePrepared() {
	for _, h := range s.prep {
		_ = h.st.Close()
	}
}

// queryer is a pool or a transaction.
type queryer interface {
	sqlx.QueryerContext
	sqlx.ExecerContext
}

// run runs a hot query in tx (the pool when nil): through its prepared
// statement with prepared, or without it with plain.
func (s *Store) run(ctx context.Context, tx *sqlx.Tx, query string,
	prepared func(*sqlx.Stmt) error, plain func(queryer) error) error {
	var q queryer = s.db
	if tx != nil {
		q = tx
	}
	h := s.prep[query]
	if h == nil || h.refused.Load() {
		return plain(q)
	}
	st := h.st
	if tx != nil {
		st = tx.StmtxContext(ctx, st)
	}
	err := prepared(st)
	if !planRefused(err) {
		return err
	}
	h.refused.Store(true)
	if tx != nil {
		return fmt.Errorf("%w: %w", errPlanChanged, err)
	}
	return plain(q)
}

// planRefused reports Postgres refusing a prepared statement's cached
// plan after a column it returns changed type. The routine's name, unlike
// the message, is not translated.
func planRefused(err error) bool {
	e := pq.As(err, pqerror.FeatureNotSupported)
	return e != nil && (e.Routine == "RevalidateCachedQuery" || e.Message == "cached plan must not change result type")
}

// getPrepared is GetContext in tx (the pool when nil), through the
// prepared statement when query is hot.
func (s *Store) getPrepared(ctx context.Context, tx *sqlx.Tx, dest any, query string, args ...any) error {
	return s.run(ctx, tx, query,
		func(st *sqlx.Stmt) error { return st.GetContext(ctx, dest, args...) },
		func(q queryer) error { return sqlx.GetContext(ctx, q, dest, query, args...) })
}

// selectPrepared is SelectContext as getPrepared is GetContext.
func (s *Store) selectPrepared(ctx context.Context, tx *sqlx.Tx, dest any, query string, args ...any) error {
	return s.run(ctx, tx, query,
		func(st *sqlx.Stmt) error { return st.SelectContext(ctx, dest, args...) },
		func(q queryer) error { return sqlx.SelectContext(ctx, q, dest, query, args...) })
}

// execPrepared is ExecContext as getPrepared is GetContext.
func (s *Store) execPrepared(ctx context.Context, tx *sqlx.Tx, query string, args ...any) error {
	return s.run(ctx, tx, query,
		func(st *sqlx.Stmt) error { _, err := st.ExecContext(ctx, args...); return err },
		func(q queryer) error { _, err := q.ExecContext(ctx, query, args...); return err })
}
