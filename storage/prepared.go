package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// The statements every update runs (the volunteer lookup, the /jadwal
// page, an answer to an event, a report's numbering) go through named
// prepared statements. lib/pq sends any other statement with parameters
// unnamed, and Postgres then parses and plans it at every execution: for
// the /jadwal page that took longer than running it, and for the
// volunteer lookup ten times as long. A named statement is parsed once
// per connection, and after five executions Postgres keeps a generic
// plan when it costs no more than the custom ones.
//
// They are prepared when the store opens, while the pool is free: a
// statement prepared on first use inside a transaction would wait for a
// second connection, and transactions holding every connection of the
// pool would wait for each other forever. Inside a transaction the
// transaction's own connection prepares it again (database/sql reuses it
// there afterwards), as any pooled connection does the first time it
// runs it. Result columns are always listed by name, never *, so a
// migration that adds a column (a newer version migrating during a
// rolling upgrade) does not change a prepared statement's result type.

// hotQueries are the queries prepared when a store opens.
var hotQueries []string

// hot registers query as one of the statements every update runs, and
// returns it. Only constant queries belong here: one built from a filter
// would be a new statement each time.
func hot(query string) string {
	hotQueries = append(hotQueries, query)
	return query
}

// prepareHot prepares the hot queries; Open fails on one that does not
// prepare, so a broken statement shows at start.
func (s *Store) prepareHot(ctx context.Context) error {
	s.prep = make(map[string]*sqlx.Stmt, len(hotQueries))
	for _, q := range hotQueries {
		st, err := s.db.PreparexContext(ctx, q)
		if err != nil {
			s.closePrepared()
			return fmt.Errorf("storage: prepare %.60q: %w", q, err)
		}
		s.prep[q] = st
	}
	return nil
}

// closePrepared closes the prepared statements (Close).
func (s *Store) closePrepared() {
	for _, st := range s.prep {
		_ = st.Close()
	}
	s.prep = nil
}

// queryer is a pool or a transaction.
type queryer interface {
	sqlx.QueryerContext
	sqlx.ExecerContext
}

// on returns where to run a query: tx, or the pool when tx is nil.
func (s *Store) on(tx *sqlx.Tx) queryer {
	if tx != nil {
		return tx
	}
	return s.db
}

// prepared returns the prepared statement of a hot query, bound to tx
// when tx is not nil, or nil for a query that is not hot.
func (s *Store) prepared(ctx context.Context, tx *sqlx.Tx, query string) *sqlx.Stmt {
	st := s.prep[query]
	if st == nil || tx == nil {
		return st
	}
	return tx.StmtxContext(ctx, st)
}

// getPrepared is GetContext in tx (or the pool when nil), through the
// prepared statement when query is hot.
func (s *Store) getPrepared(ctx context.Context, tx *sqlx.Tx, dest any, query string, args ...any) error {
	if st := s.prepared(ctx, tx, query); st != nil {
		return st.GetContext(ctx, dest, args...)
	}
	return sqlx.GetContext(ctx, s.on(tx), dest, query, args...)
}

// selectPrepared is SelectContext as getPrepared is GetContext.
func (s *Store) selectPrepared(ctx context.Context, tx *sqlx.Tx, dest any, query string, args ...any) error {
	if st := s.prepared(ctx, tx, query); st != nil {
		return st.SelectContext(ctx, dest, args...)
	}
	return sqlx.SelectContext(ctx, s.on(tx), dest, query, args...)
}

// execPrepared is ExecContext as getPrepared is GetContext.
func (s *Store) execPrepared(ctx context.Context, tx *sqlx.Tx, query string, args ...any) error {
	var err error
	if st := s.prepared(ctx, tx, query); st != nil {
		_, err = st.ExecContext(ctx, args...)
	} else {
		_, err = s.on(tx).ExecContext(ctx, query, args...)
	}
	return err
}
