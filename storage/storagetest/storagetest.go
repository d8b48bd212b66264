// Package storagetest gives tests a real, isolated PostgreSQL schema.
//
// Every call creates a fresh schema in the test database and drops it when
// the test ends, so tests may run in parallel. The database comes from
// TEST_DATABASE_URL, default DefaultURL.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"pilarbot/storage"
)

// DefaultURL is the test database used when TEST_DATABASE_URL is unset.
const DefaultURL = "postgres://root@127.0.0.1:5432/test?sslmode=disable"

const timeout = 10 * time.Second

// BaseURL returns TEST_DATABASE_URL, or DefaultURL if it is unset.
func BaseURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// URL creates a uniquely named schema in the test database, drops it (with
// everything in it) when tb ends, and returns a connection URL whose
// search_path selects it. The URL suits storage.Open and the bot's
// DATABASE_URL. If PostgreSQL cannot be reached the test fails.
func URL(tb testing.TB) string {
	tb.Helper()
	base := BaseURL()
	schema := "t_" + randomHex(8)

	if err := exec(base, `CREATE SCHEMA `+pq.QuoteIdentifier(schema)); err != nil {
		tb.Fatalf("storagetest: create schema in the test database %s (set TEST_DATABASE_URL to change it): %v",
			redact(base), err)
	}
	tb.Cleanup(func() {
		if err := exec(base, `DROP SCHEMA IF EXISTS `+pq.QuoteIdentifier(schema)+` CASCADE`); err != nil {
			tb.Errorf("storagetest: drop schema %s: %v", schema, err)
		}
	})
	return WithSearchPath(base, schema)
}

// Open returns a store on a fresh schema (see URL), closed when tb ends.
func Open(tb testing.TB) *storage.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	s, err := storage.Open(ctx, storage.Config{URL: URL(tb)})
	if err != nil {
		tb.Fatalf("storagetest: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("storagetest: close store: %v", err)
		}
	})
	return s
}

// WithSearchPath returns the connection string dsn (a URL or key=value
// pairs) with its search_path set to schema.
func WithSearchPath(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " search_path=" + schema
}

// exec runs one statement on a short-lived connection to dsn.
func exec(dsn, query string) error {
	connector, err := pq.NewConnector(dsn)
	if err != nil {
		return err
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	_, err = db.ExecContext(ctx, query)
	return err
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails
	return hex.EncodeToString(b)
}

// redact hides the password of a URL for messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return "(connection string)"
}
