package storage_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

func openURL(t *testing.T, rawURL string) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), storage.Config{URL: rawURL})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func schemaOf(t *testing.T, rawURL string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}

// versionRows counts the goose version rows of a schema, failing the test
// if the version table is not there.
func versionRows(t *testing.T, s *storage.Store, schema string) int {
	t.Helper()
	var n int
	err := s.DB().GetContext(context.Background(), &n,
		`SELECT count(*) FROM `+pq.QuoteIdentifier(schema)+`.goose_db_version WHERE version_id = 1`)
	if err != nil {
		t.Fatalf("goose version table in schema %s: %v", schema, err)
	}
	return n
}

func TestOpenMigratesIntoSchemaIdempotently(t *testing.T) {
	t.Parallel()
	u := storagetest.URL(t)
	schema := schemaOf(t, u)

	s := openURL(t, u)
	for _, table := range []string{"volunteers", "coordinators", "audit_log", "goose_db_version"} {
		var got *string
		err := s.DB().GetContext(context.Background(), &got,
			`SELECT to_regclass($1)::text`, pq.QuoteIdentifier(schema)+"."+table)
		if err != nil || got == nil {
			t.Errorf("table %s.%s missing (err %v)", schema, table, err)
		}
	}
	if n := versionRows(t, s, schema); n != 1 {
		t.Fatalf("version 1 recorded %d times, want 1", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2 := openURL(t, u)
	if n := versionRows(t, s2, schema); n != 1 {
		t.Fatalf("after reopen version 1 recorded %d times, want 1", n)
	}
}

func TestOpenConcurrentInstances(t *testing.T) {
	t.Parallel()
	u := storagetest.URL(t)

	const instances = 3
	var wg sync.WaitGroup
	errs := make([]error, instances)
	stores := make([]*storage.Store, instances)
	for i := range instances {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = storage.Open(context.Background(), storage.Config{URL: u})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	if n := versionRows(t, stores[0], schemaOf(t, u)); n != 1 {
		t.Fatalf("version 1 recorded %d times, want 1", n)
	}
}

func TestOpenCreatesMissingSchema(t *testing.T) {
	t.Parallel()
	// storagetest.URL's schema is dropped at the end; ask for a sibling that
	// does not exist yet and drop it the same way.
	owner := storagetest.URL(t)
	schema := schemaOf(t, owner) + "_new"
	u := storagetest.WithSearchPath(owner, schema)
	admin := openURL(t, owner)
	t.Cleanup(func() {
		admin.DB().Exec(`DROP SCHEMA IF EXISTS ` + pq.QuoteIdentifier(schema) + ` CASCADE`)
	})

	s := openURL(t, u)
	if n := versionRows(t, s, schema); n != 1 {
		t.Fatalf("version 1 recorded %d times, want 1", n)
	}
}

func TestOpenCreatesMissingDatabase(t *testing.T) {
	t.Parallel()
	base, err := url.Parse(storagetest.BaseURL())
	if err != nil {
		t.Fatal(err)
	}
	name := "pilarbot_t_" + strings.TrimPrefix(schemaOf(t, storagetest.URL(t)), "t_")
	base.Path = "/" + name

	admin := storagetest.Open(t)
	t.Cleanup(func() {
		if _, err := admin.DB().Exec(`DROP DATABASE IF EXISTS ` + pq.QuoteIdentifier(name) + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})

	s := openURL(t, base.String())
	var got string
	if err := s.DB().Get(&got, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	if got != name {
		t.Fatalf("connected to %q, want %q", got, name)
	}
	if n := versionRows(t, s, "public"); n != 1 {
		t.Fatalf("version 1 recorded %d times, want 1", n)
	}
}

func TestOpenErrorHidesPassword(t *testing.T) {
	t.Parallel()
	const password = "Rahasia-Dinsos-2023"
	tests := []struct {
		name        string
		url         string
		unavailable bool // a connection error, not a configuration error
	}{
		{"nothing listens", "postgres://root:" + password + "@127.0.0.1:1/test?sslmode=disable", true},
		{"bad port", "postgres://root:" + password + "@127.0.0.1:port/test?sslmode=disable", false},
		{"bad escape", "postgres://root:" + password + "%zz@127.0.0.1:1/test?sslmode=disable", false},
		{"key value", "host=127.0.0.1 port=1 user=root password=" + password + " dbname=test sslmode=disable", true},
		{"key value quoted", "host=127.0.0.1 port=1 user=root password='" + password + "' dbname=test sslmode=disable", true},
		{"unknown parameter", "postgres://root:" + password + "@127.0.0.1:5432/test?sslmode=disable&no_such_setting=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := storage.Open(context.Background(), storage.Config{URL: tt.url, PingTimeout: 2 * time.Second})
			if err == nil {
				t.Fatal("Open succeeded")
			}
			if strings.Contains(err.Error(), password) || strings.Contains(err.Error(), "Rahasia") {
				t.Fatalf("error leaks the password: %v", err)
			}
			if !strings.HasPrefix(err.Error(), "storage: ") {
				t.Errorf("error %q lacks the storage: prefix", err)
			}
			if storage.Unavailable(err) != tt.unavailable {
				t.Errorf("Unavailable(%v) = %t, want %t", err, !tt.unavailable, tt.unavailable)
			}
		})
	}
}

func TestOpenUnreachable(t *testing.T) {
	t.Parallel()
	_, err := storage.Open(context.Background(), storage.Config{
		URL:         "postgres://root@127.0.0.1:1/test?sslmode=disable",
		PingTimeout: 2 * time.Second,
	})
	if err == nil {
		t.Fatal("Open succeeded")
	}
	if !strings.Contains(err.Error(), "storage: connect to postgres: ") {
		t.Errorf("error %q does not say it could not connect", err)
	}
	if !storage.Unavailable(err) {
		t.Errorf("Unavailable(%v) = false, want true", err)
	}
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()

	err := s.CreateVolunteer(ctx, &storage.Volunteer{TelegramID: 1, ChatID: 1, Pilar: "bukan_pilar"})
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		t.Fatalf("bad pilar: got %v, want a check violation", err)
	}
	if storage.Unavailable(err) {
		t.Errorf("Unavailable(check violation) = true")
	}
	_, err = s.VolunteerByID(ctx, 404)
	if !errors.Is(err, storage.ErrNotFound) || storage.Unavailable(err) {
		t.Errorf("VolunteerByID(404): err %v, Unavailable %t", err, storage.Unavailable(err))
	}
	if storage.Unavailable(nil) {
		t.Error("Unavailable(nil) = true")
	}
	for _, err := range []error{storage.ErrNotFound, storage.ErrDuplicateNIK, storage.ErrAlreadyDecided} {
		if storage.Unavailable(err) {
			t.Errorf("Unavailable(%v) = true", err)
		}
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = s.VolunteerByID(ctx, 1)
	if !storage.Unavailable(err) {
		t.Errorf("closed store: Unavailable(%v) = false", err)
	}
	deadline, cancel := context.WithTimeout(ctx, -time.Second)
	defer cancel()
	if !storage.Unavailable(deadline.Err()) {
		t.Error("Unavailable(context.DeadlineExceeded) = false")
	}
}

func TestStoragetestURLKeepsTestsApart(t *testing.T) {
	t.Parallel()
	a, b := storagetest.Open(t), storagetest.Open(t)
	ctx := context.Background()
	if err := a.AddCoordinator(ctx, storage.Coordinator{TelegramID: 7, Name: "Bu Sri"}, 0); err != nil {
		t.Fatal(err)
	}
	if ok, err := b.IsCoordinator(ctx, 7); err != nil || ok {
		t.Fatalf("second schema sees the first one's coordinator: %t, %v", ok, err)
	}
}
