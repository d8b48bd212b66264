// Package storage keeps PilarBot's data in PostgreSQL: volunteers,
// coordinators and the audit log. It knows SQL and nothing about Telegram.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

// Default pool sizes and timeouts, used for zero fields of Config.
//
// The pool keeps as many idle connections as it may open. database/sql
// closes a connection handed back while MaxIdleConns are idle already, so
// with fewer idle than open every burst of updates (many volunteers
// answering at once) opened connections only to close them a moment
// later, and each new one costs Postgres a backend process and a cold
// catalog cache: with 10 idle of 20, a load of 400 volunteers answering
// an event opened 43 connections where 23 were needed, and Postgres spent
// 2.4 ms of CPU per update instead of 1.4.
const (
	DefaultMaxOpenConns    = 20
	DefaultMaxIdleConns    = DefaultMaxOpenConns
	DefaultConnMaxLifetime = 30 * time.Minute
	DefaultPingTimeout     = 5 * time.Second
)

// Config describes how to reach PostgreSQL. Zero fields take the defaults
// above.
type Config struct {
	// URL is a lib/pq connection string, usually
	// postgres://user:pass@host:5432/db?sslmode=disable. A search_path
	// parameter selects (and if needed creates) the schema to use.
	URL             string
	MaxOpenConns    int
	MaxIdleConns    int
	ConnMaxLifetime time.Duration
	// PingTimeout bounds each start-up step that talks to the server:
	// connecting, creating the database and the schema.
	PingTimeout time.Duration
}

func (c Config) withDefaults() Config {
	if c.MaxOpenConns <= 0 {
		c.MaxOpenConns = DefaultMaxOpenConns
	}
	if c.MaxIdleConns <= 0 {
		c.MaxIdleConns = c.MaxOpenConns // see DefaultMaxIdleConns
	}
	if c.MaxIdleConns > c.MaxOpenConns {
		c.MaxIdleConns = c.MaxOpenConns
	}
	if c.ConnMaxLifetime <= 0 {
		c.ConnMaxLifetime = DefaultConnMaxLifetime
	}
	if c.PingTimeout <= 0 {
		c.PingTimeout = DefaultPingTimeout
	}
	return c
}

// Store is PilarBot's PostgreSQL storage. It is safe for concurrent use.
type Store struct {
	db   *sqlx.DB
	prep map[string]*hotStmt // the hot statements by query (prepared.go); read-only once open

	// Now returns the current time; every timestamp the store writes comes
	// from it. It defaults to time.Now; tests may replace it before use.
	Now func() time.Time
}

// Open connects to PostgreSQL, creates the database named in cfg.URL and
// the schema named by its search_path if they are missing, and applies the
// migrations. Errors never contain the password of the URL.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	pcfg, err := pq.NewConfig(cfg.URL)
	if err != nil {
		return nil, scrub(fmt.Errorf("storage: parse database URL: %w", err), cfg.URL, "")
	}
	if pcfg.ConnectTimeout == 0 {
		// Bound every new connection, not only the ones made during Open.
		pcfg.ConnectTimeout = cfg.PingTimeout
	}
	// A statement with parameters is sent as one message group (parse,
	// bind, execute) and answered in one round trip; without this the
	// driver waits for the parse's answer first, two round trips each.
	// Parameters given as []byte then go as binary data, so JSON for a
	// jsonb column is passed as a string.
	pcfg.BinaryParameters = true
	s, err := open(ctx, cfg, pcfg)
	if err != nil {
		return nil, scrub(err, cfg.URL, pcfg.Password)
	}
	return s, nil
}

func open(ctx context.Context, cfg Config, pcfg pq.Config) (*Store, error) {
	db, err := connect(cfg, pcfg)
	if err != nil {
		return nil, err
	}
	err = ping(ctx, db, cfg.PingTimeout)
	if pq.As(err, pqerror.InvalidCatalogName) != nil {
		_ = db.Close()
		if err := createDatabase(ctx, pcfg, cfg.PingTimeout); err != nil {
			return nil, err
		}
		if db, err = connect(cfg, pcfg); err != nil {
			return nil, err
		}
		err = ping(ctx, db, cfg.PingTimeout)
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("storage: connect to postgres: %w", err)
	}
	if schema := searchPathSchema(pcfg); schema != "" {
		if err := ensureSchema(ctx, db, schema, cfg.PingTimeout); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	if err := migrate(ctx, db.DB, searchPathSchema(pcfg)); err != nil {
		_ = db.Close()
		return nil, err
	}
	s := &Store{db: db, Now: time.Now}
	if err := s.prepareHot(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

func connect(cfg Config, pcfg pq.Config) (*sqlx.DB, error) {
	connector, err := pq.NewConnectorConfig(pcfg)
	if err != nil {
		return nil, fmt.Errorf("storage: connect to postgres: %w", err)
	}
	db := sqlx.NewDb(sql.OpenDB(connector), "postgres")
	db.SetMaxOpenConns(cfg.MaxOpenConns)
	db.SetMaxIdleConns(cfg.MaxIdleConns)
	db.SetConnMaxLifetime(cfg.ConnMaxLifetime)
	return db, nil
}

func ping(ctx context.Context, db *sqlx.DB, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return db.PingContext(ctx)
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.closePrepared()
	return s.db.Close()
}

// DB returns the underlying pool, for tests and diagnostics.
func (s *Store) DB() *sqlx.DB {
	return s.db
}

// now returns the store's clock at the precision PostgreSQL keeps, so that
// values written and read back compare equal.
func (s *Store) now() time.Time {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return now().Truncate(time.Microsecond)
}

// withTx runs fn in a transaction and commits it if fn returns nil.
//
// fn runs a second time when a hot statement found its cached plan
// outdated (errPlanChanged, prepared.go): the statement then runs
// unprepared, and fn must not depend on what its first run left in the
// variables it shares with the caller.
func (s *Store) withTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	err := s.inTx(ctx, fn)
	if errors.Is(err, errPlanChanged) {
		err = s.inTx(ctx, fn)
	}
	return err
}

func (s *Store) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// withLeasedTx is withTx for a transaction that holds a claim (a row
// locked FOR UPDATE SKIP LOCKED) while it waits on Telegram: a reminder
// or a digest sent while its row stays locked, so that it is marked done
// in the same transaction or not at all.
//
// The lock needs no lease while its holder lives: it lasts as long as the
// holder's connection, and a killed holder's connection closes at once. A
// holder that goes silent with its connection open (its host lost power,
// the network to it was cut) would keep the lock until TCP keepalive
// gives up, two hours by default; so Postgres ends this session once it
// has waited idle in the transaction for longer than lease. What fn waits
// on must therefore end within lease, or the claim is lost and the work
// is done again by another instance.
func (s *Store) withLeasedTx(ctx context.Context, lease time.Duration, fn func(tx *sqlx.Tx) error) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT set_config('idle_in_transaction_session_timeout', $1, true)`,
			strconv.FormatInt(max(lease.Milliseconds(), 1), 10)); err != nil {
			return err
		}
		return fn(tx)
	})
}

// isUniqueViolation reports whether err is a unique violation of the named
// constraint.
func isUniqueViolation(err error, constraint string) bool {
	pqErr := pq.As(err, pqerror.UniqueViolation)
	return pqErr != nil && pqErr.Constraint == constraint
}

// notFound turns sql.ErrNoRows into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
