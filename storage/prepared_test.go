package storage_test

import (
	"context"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// openOneConn opens a store whose pool has one connection, so that the
// store's statements and a test's checks share one Postgres session, and
// registers latifa in it.
func openOneConn(t *testing.T) (*storage.Store, *storage.Volunteer) {
	t.Helper()
	s, err := storage.Open(context.Background(), storage.Config{URL: storagetest.URL(t), MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	v := latifa()
	if err := s.CreateVolunteer(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	return s, v
}

// The volunteer lookup that every update runs is one named prepared
// statement in the session however often it runs, and it keeps working
// when a migration of a newer version adds a column while this one runs.
func TestHotLookupIsPreparedAndOutlivesAMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, v := openOneConn(t)
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

	for _, ddl := range []string{`ALTER TABLE volunteers ADD COLUMN added_later text`, `ALTER TABLE events ADD COLUMN added_later text`} {
		if _, err := s.DB().ExecContext(ctx, ddl); err != nil {
			t.Fatal(err)
		}
	}
	lookup()
	a := storage.Audience{VolunteerID: v.ID, Pilar: v.Pilar, KelurahanCode: v.KelurahanCode}
	if _, _, err := s.EventsFor(ctx, a, time.Now(), 0, 5); err != nil {
		t.Fatalf("events page after the migration: %v", err)
	}
}

// A migration that changes the type of a column the hot statements
// return makes Postgres refuse their cached plans: the page and an
// answer (a transaction) still work, unprepared.
func TestHotStatementsSurviveAColumnTypeChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, v := openOneConn(t)
	quota := 5
	e := &storage.Event{Title: "Rapat", Kind: "rapat", StartsAt: time.Now().Add(48 * time.Hour), Place: "Aula", Quota: &quota}
	if err := s.CreateEvent(ctx, e, storage.Actor{ID: 9001, Admin: true}); err != nil {
		t.Fatal(err)
	}
	a := storage.Audience{VolunteerID: v.ID, Pilar: v.Pilar, KelurahanCode: v.KelurahanCode}
	answer := func(attending bool) {
		t.Helper()
		if _, err := s.SetRSVP(ctx, e.ID, v.ID, attending, time.Now()); err != nil {
			t.Fatalf("answer %v: %v", attending, err)
		}
	}
	for range 3 { // the page and the answer's statements prepared and used
		answer(true)
		answer(false)
		if _, _, err := s.EventsFor(ctx, a, time.Now(), 0, 5); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DB().ExecContext(ctx, `ALTER TABLE events ALTER COLUMN quota TYPE bigint`); err != nil {
		t.Fatal(err)
	}
	if page, total, err := s.EventsFor(ctx, a, time.Now(), 0, 5); err != nil || total != 1 || page[0].ID != e.ID {
		t.Fatalf("events page after quota became bigint: %d events, total %d, %v", len(page), total, err)
	}
	answer(true)
	if page, _, err := s.EventsFor(ctx, a, time.Now(), 0, 5); err != nil || page[0].Answer == nil || !*page[0].Answer {
		t.Fatalf("the answer after the type change is not on the page: %+v, %v", page, err)
	}
}

// The hot statements of a transaction run on the transaction's own
// connection: an answer to an event (its statements prepared, in a
// transaction) completes with a pool of one connection.
func TestHotStatementsRunInTheCallersTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, v := openOneConn(t)
	e := &storage.Event{Title: "Rapat", Kind: "rapat", StartsAt: time.Now().Add(48 * time.Hour), Place: "Aula"}
	if err := s.CreateEvent(ctx, e, storage.Actor{ID: 9001, Admin: true}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if changed, err := s.SetRSVP(ctx, e.ID, v.ID, true, time.Now()); err != nil || !changed {
		t.Fatalf("answer with one connection: changed %v, %v", changed, err)
	}
}
