package storage_test

import (
	"context"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// The volunteer lookup that every update runs is a named prepared
// statement, parsed once per connection, and it keeps working when a
// migration of a newer version adds a column while this one runs.
func TestHotLookupIsPreparedAndOutlivesAMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// One connection, so that the store's statements and the checks below
	// share one Postgres session, where pg_prepared_statements lives.
	s, err := storage.Open(ctx, storage.Config{URL: storagetest.URL(t), MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := latifa()
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	lookup := func() {
		t.Helper()
		got, err := s.VolunteerByTelegramID(ctx, v.TelegramID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != v.ID || got.FullName != v.FullName {
			t.Fatalf("lookup returned %d %q, want %d %q", got.ID, got.FullName, v.ID, v.FullName)
		}
	}
	for range 7 { // past the five custom plans, so that a generic plan is cached
		lookup()
	}
	var named int
	if err := s.DB().GetContext(ctx, &named, `SELECT count(*) FROM pg_prepared_statements
		WHERE NOT from_sql AND statement LIKE '%FROM volunteers WHERE telegram_id = $1%'`); err != nil {
		t.Fatal(err)
	}
	if named != 1 {
		t.Fatalf("%d prepared statements for the volunteer lookup in the session, want 1", named)
	}

	if _, err := s.DB().ExecContext(ctx, `ALTER TABLE volunteers ADD COLUMN added_later text`); err != nil {
		t.Fatal(err)
	}
	lookup()

	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if _, _, err := s.EventsFor(ctx, storage.Audience{VolunteerID: v.ID, Pilar: v.Pilar, KelurahanCode: v.KelurahanCode},
		time.Now(), 0, 5); err != nil {
		t.Fatalf("events page after the migration: %v", err)
	}
}
