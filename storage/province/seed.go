// Package province fills a scratch PostgreSQL database with a data set
// the size of a province (Jawa Timur: 38 kabupaten/kota) for the load
// command handlers/app/province: volunteers, two years of reports with
// photos, pins and reviews, events with answers and reminders, the
// handled rows of the schedules, and finished broadcasts with their
// outbox. Everything is generated server-side (INSERT … SELECT
// generate_series), so a million reports take a minute or two and the
// process stays small.
package province

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"pilarbot/storage"
)

// Sizes is how much Seed writes.
type Sizes struct {
	Volunteers int `json:"volunteers"`
	Reports    int `json:"reports"`
	// PeakReports of the Reports have their activity in one month (a
	// flood month): the month /rekap and the export are measured on.
	PeakReports   int `json:"peak_reports"`
	Events        int `json:"events"`
	Answers       int `json:"answers"`
	OldBroadcasts int `json:"old_broadcasts"`
	OldOutbox     int `json:"old_outbox"` // recipients of the finished broadcasts, all told
}

// Full is the province of issue 15.
func Full() Sizes {
	return Sizes{Volunteers: 50_000, Reports: 1_000_000, PeakReports: 100_000, Events: 5_000,
		Answers: 200_000, OldBroadcasts: 50, OldOutbox: 1_000_000}
}

// The people of the set, by Telegram user id. AdminID is meant for
// ADMIN_IDS; the coordinators are rows of the coordinators table.
const (
	AdminID           = 9001
	CityCoordinatorID = 9002
	regionCoordBase   = 9100
	volunteerIDBase   = 700_000_000
)

// RegionCoordinatorID is the coordinator whose scope is the i-th region
// of Regions() (from 0).
func RegionCoordinatorID(i int) int64 { return int64(regionCoordBase + 1 + i) }

// VolunteerTelegramID is the Telegram id (and private chat) of the n-th
// volunteer written (from 1).
func VolunteerTelegramID(n int) int64 { return int64(volunteerIDBase + n) }

// Info describes a seeded set.
type Info struct {
	Sizes     Sizes     `json:"sizes"`
	SeededAt  time.Time `json:"seeded_at"`  // the "now" the set was written for
	PeakMonth time.Time `json:"peak_month"` // first day (WIB) of the month of PeakReports
	Took      Duration  `json:"took"`
	Reused    bool      `json:"-"`
}

// Duration is a time.Duration that reads well in the marker row.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// wib is the city's zone; months and days of the set are WIB ones.
var wib = time.FixedZone("WIB", 7*3600)

// Seed writes the set for now into store's schema (migrated by
// storage.Open), in one transaction, and records it in a marker row. A
// schema that already holds a seeded set is reused as it is (Reused);
// one that holds volunteers but no marker (the bot's own data) is
// refused.
func Seed(ctx context.Context, store *storage.Store, sizes Sizes, now time.Time) (Info, error) {
	db := store.DB()
	if _, err := db.ExecContext(ctx, markerTable); err != nil {
		return Info{}, fmt.Errorf("province: marker table: %w", err)
	}
	var raw []byte
	err := db.GetContext(ctx, &raw, `SELECT info FROM province_seed`)
	if err == nil {
		info := Info{Reused: true}
		if err := json.Unmarshal(raw, &info); err != nil {
			return Info{}, fmt.Errorf("province: read marker: %w", err)
		}
		info.Reused = true
		return info, nil
	}
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM volunteers`); err != nil {
		return Info{}, fmt.Errorf("province: %w", err)
	}
	if n > 0 {
		return Info{}, errors.New("province: the schema holds volunteers but no seeded set; refusing to write into it")
	}
	start := time.Now()
	info := Info{Sizes: sizes, SeededAt: now.Truncate(time.Second)}
	info.PeakMonth = peakMonth(now)
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return Info{}, fmt.Errorf("province: %w", err)
	}
	defer tx.Rollback()
	for _, st := range statements(sizes, info) {
		if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
			return Info{}, fmt.Errorf("province: seed %s: %w", st.name, err)
		}
	}
	info.Took = Duration(time.Since(start).Round(time.Millisecond))
	raw, err = json.Marshal(info)
	if err != nil {
		return Info{}, err
	}
	// As a string: with the store's binary parameters, []byte would go
	// to the jsonb column as binary jsonb, which it is not.
	if _, err := tx.ExecContext(ctx, `INSERT INTO province_seed (info) VALUES ($1)`, string(raw)); err != nil {
		return Info{}, fmt.Errorf("province: write marker: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Info{}, fmt.Errorf("province: commit: %w", err)
	}
	// A database that has lived two years has its statistics and its
	// visibility map (index-only scans) up to date.
	if _, err := db.ExecContext(ctx, `VACUUM (ANALYZE)`); err != nil {
		return Info{}, fmt.Errorf("province: vacuum: %w", err)
	}
	return info, nil
}

// markerTable records a seeded set. It is not a migration: only scratch
// databases have it.
const markerTable = `CREATE TABLE IF NOT EXISTS province_seed (
	id   integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	info jsonb   NOT NULL)`

// peakMonth is the WIB month before now's: the last whole month.
func peakMonth(now time.Time) time.Time {
	n := now.In(wib)
	return time.Date(n.Year(), n.Month()-1, 1, 0, 0, 0, 0, wib)
}

// Open opens (creating and migrating) the scratch store at dbURL, whose
// database name must contain "province" so that the bot's own database
// is never seeded or dropped. reseed drops the URL's schema (search_path,
// or public) with everything in it first.
func Open(ctx context.Context, dbURL string, reseed bool) (*storage.Store, error) {
	u, err := url.Parse(dbURL)
	if err != nil || !strings.Contains(strings.TrimPrefix(u.Path, "/"), "province") {
		return nil, errors.New("province: the database name must contain \"province\" (a scratch database)")
	}
	schema := u.Query().Get("search_path")
	if schema == "" {
		schema = "public"
	}
	if reseed {
		// Open creates the database if needed; then the schema is dropped
		// and Open runs again to recreate and migrate it.
		s, err := storage.Open(ctx, storage.Config{URL: dbURL})
		if err != nil {
			return nil, err
		}
		_, err = s.DB().ExecContext(ctx, `DROP SCHEMA IF EXISTS `+pq.QuoteIdentifier(schema)+` CASCADE;
			CREATE SCHEMA `+pq.QuoteIdentifier(schema))
		s.Close()
		if err != nil {
			return nil, fmt.Errorf("province: drop schema: %w", err)
		}
	}
	return storage.Open(ctx, storage.Config{URL: dbURL})
}

// Counts reads back how many rows of each kind the schema holds.
func Counts(ctx context.Context, db *sqlx.DB) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []string{"volunteers", "coordinators", "reports", "report_photos", "report_status_history",
		"events", "event_rsvps", "event_reminders", "coordinator_digests", "volunteer_nudges",
		"broadcasts", "broadcast_outbox"} {
		var n int
		if err := db.GetContext(ctx, &n, `SELECT count(*) FROM `+t); err != nil {
			return nil, fmt.Errorf("province: count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}
