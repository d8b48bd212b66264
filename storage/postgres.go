package storage

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

// maintenanceDatabases are tried, in order, to run CREATE DATABASE when the
// database named in the URL does not exist yet.
var maintenanceDatabases = []string{"postgres", "template1"}

// createDatabase creates the database named in pcfg by connecting to a
// maintenance database of the same server. A database created meanwhile by
// another instance is not an error.
func createDatabase(ctx context.Context, pcfg pq.Config, timeout time.Duration) error {
	name := pcfg.Database
	var lastErr error
	for _, maint := range maintenanceDatabases {
		if maint == name {
			continue
		}
		lastErr = createDatabaseVia(ctx, pcfg, maint, timeout)
		if lastErr == nil || pq.As(lastErr, pqerror.InvalidCatalogName) == nil {
			break
		}
	}
	if lastErr != nil {
		return fmt.Errorf("storage: create database %q: %w", name, lastErr)
	}
	return nil
}

func createDatabaseVia(ctx context.Context, pcfg pq.Config, maint string, timeout time.Duration) error {
	mcfg := pcfg.Clone()
	mcfg.Database = maint
	delete(mcfg.Runtime, "search_path") // the schema lives in the new database
	db, err := connect(Config{MaxOpenConns: 1, MaxIdleConns: 1, ConnMaxLifetime: time.Minute}, mcfg)
	if err != nil {
		return err
	}
	defer db.Close()

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// CREATE DATABASE takes no parameters; the name is quoted instead.
	_, err = db.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(pcfg.Database))
	if pq.As(err, pqerror.DuplicateDatabase, pqerror.UniqueViolation) != nil {
		return nil // created concurrently by another instance
	}
	return err
}

// searchPathSchema returns the first schema of the search_path runtime
// parameter of pcfg, or "" if there is none worth creating.
func searchPathSchema(pcfg pq.Config) string {
	first, _, _ := strings.Cut(pcfg.Runtime["search_path"], ",")
	first = strings.TrimSpace(first)
	if len(first) >= 2 && first[0] == '"' && first[len(first)-1] == '"' {
		first = strings.ReplaceAll(first[1:len(first)-1], `""`, `"`)
	} else {
		first = strings.ToLower(first) // PostgreSQL folds unquoted names
	}
	switch first {
	case "", "$user", "public", "pg_catalog":
		return ""
	}
	return first
}

// ensureSchema creates schema if it does not exist. It checks first, so a
// role without CREATE on the database can still use an existing schema, and
// tolerates another instance creating it at the same time.
func ensureSchema(ctx context.Context, db *sqlx.DB, schema string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var exists bool
	err := db.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&exists)
	if err == nil && !exists {
		_, err = db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+pq.QuoteIdentifier(schema))
		if pq.As(err, pqerror.DuplicateSchema, pqerror.UniqueViolation) != nil {
			err = nil
		}
	}
	if err != nil {
		return fmt.Errorf("storage: create schema %q: %w", schema, err)
	}
	return nil
}

// scrubbedError hides the password of the database URL in its message while
// keeping the wrapped error for errors.Is and errors.As.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

var (
	// userinfoPassword matches the password of scheme://user:password@host.
	userinfoPassword = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)
	// keywordPassword matches password=... of a key=value connection string.
	keywordPassword = regexp.MustCompile(`(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'"]+)`)
)

// scrub returns err with every trace of the password of rawURL removed from
// its message. password is the parsed password, if known.
func scrub(err error, rawURL, password string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	secrets := []string{password}
	if u, perr := url.Parse(rawURL); perr == nil && u.User != nil {
		if p, ok := u.User.Password(); ok {
			secrets = append(secrets, p)
		}
	}
	if m := userinfoPassword.FindStringSubmatch(rawURL); m != nil {
		raw := strings.TrimSuffix(strings.TrimPrefix(m[0], m[1]), "@")
		secrets = append(secrets, raw)
		if dec, derr := url.PathUnescape(raw); derr == nil {
			secrets = append(secrets, dec)
		}
	}
	for _, secret := range secrets {
		if secret != "" {
			msg = strings.ReplaceAll(msg, secret, "xxxxx")
			msg = strings.ReplaceAll(msg, url.QueryEscape(secret), "xxxxx")
		}
	}
	msg = userinfoPassword.ReplaceAllString(msg, "${1}xxxxx@")
	msg = keywordPassword.ReplaceAllString(msg, "${1}xxxxx")
	return &scrubbedError{msg: msg, err: err}
}
