package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var embedMigrations embed.FS

// migrate applies the embedded migrations in order and records them in
// goose_db_version of the current schema. A PostgreSQL advisory lock keyed
// by the schema serialises concurrent start-ups of several instances, while
// migrations of different schemas (parallel tests) do not wait on each other.
func migrate(ctx context.Context, db *sql.DB, schema string) error {
	fsys, err := fs.Sub(embedMigrations, "migrations")
	if err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(migrationLockID(schema)),
		lock.WithLockTimeout(1, 300), // retry every second, up to 5 minutes
	)
	if err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	return nil
}

// migrationLockID derives the advisory lock id from the schema, so it is
// the same for every instance using that schema.
func migrationLockID(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte("pilarbot/storage migrate " + schema))
	return int64(h.Sum64())
}
