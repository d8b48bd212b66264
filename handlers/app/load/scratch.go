package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"github.com/lib/pq"
	"github.com/redis/go-redis/v9"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// scratchDB is the name of the database a load run owns: dropped and
// created again at every run, dropped at the end.
const scratchDB = "pilarbot_load"

// scratchURL returns base (DATABASE_URL) pointed at the scratch database,
// and the same server's maintenance database "postgres" for creating it.
func scratchURL(base string) (db, admin string, err error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", "", fmt.Errorf("load: DATABASE_URL must be a postgres:// URL")
	}
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	u.Path = "/" + scratchDB
	db = u.String()
	u.Path = "/postgres"
	return db, u.String(), nil
}

// recreateDB drops the scratch database (ending its sessions) and, unless
// drop only, creates it empty.
func recreateDB(ctx context.Context, admin string, dropOnly bool) error {
	conn, err := pq.NewConnector(admin)
	if err != nil {
		return fmt.Errorf("load: database URL: %w", err)
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pq.QuoteIdentifier(scratchDB)+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("load: drop %s: %w", scratchDB, err)
	}
	if dropOnly {
		return nil
	}
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(scratchDB)); err != nil {
		return fmt.Errorf("load: create %s: %w", scratchDB, err)
	}
	return nil
}

// cleanRedis deletes every key under prefix.
func cleanRedis(ctx context.Context, redisURL, prefix string) error {
	opt, err := redis.ParseURL(redisURL)
	if err != nil {
		return fmt.Errorf("load: REDIS_URL: %w", err)
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	iter := rdb.Scan(ctx, 0, prefix+"*", 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
		if len(keys) == 1000 {
			if err := rdb.Unlink(ctx, keys...).Err(); err != nil {
				return fmt.Errorf("load: clean redis: %w", err)
			}
			keys = keys[:0]
		}
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("load: clean redis: %w", err)
	}
	if len(keys) > 0 {
		return rdb.Unlink(ctx, keys...).Err()
	}
	return nil
}

// seed writes what a flow needs before its users start, into the
// database the bot has migrated: verified PSM volunteers of Mayangan for
// /lapor and /jadwal, and one upcoming event open to all for /jadwal.
// Users are numbered like in run: firstUserID + i.
func seed(ctx context.Context, dbURL string, f *flow, users int) error {
	if !f.verified && !f.event {
		return nil
	}
	store, err := storage.Open(ctx, storage.Config{URL: dbURL, MaxOpenConns: 4})
	if err != nil {
		return fmt.Errorf("load: open the scratch database: %w", err)
	}
	defer store.Close()
	for i := range users {
		id := firstUserID + int64(i)
		v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: volunteerName(i), Pilar: "psm",
			KelurahanCode: apptest.KelMayangan, NIK: apptest.NIK(1000 + i), Phone: "+6281234567890"}
		if err := store.CreateVolunteer(ctx, v); err != nil {
			return fmt.Errorf("load: seed volunteer %d: %w", i, err)
		}
		if _, err := store.DecideVolunteer(ctx, v.ID, apptest.AdminActor, true, ""); err != nil {
			return fmt.Errorf("load: verify volunteer %d: %w", i, err)
		}
	}
	if f.event {
		// Five days ahead: far from any reminder, inside /jadwal's view.
		n := time.Now().In(domain.WIB)
		start := time.Date(n.Year(), n.Month(), n.Day()+5, 8, 0, 0, 0, domain.WIB)
		e := &storage.Event{Title: "Bimtek PSM", Kind: "bimtek", StartsAt: start, Place: "Aula Dinas Sosial",
			Description: "Membawa alat tulis.", CreatedBy: apptest.AdminID}
		if err := store.CreateEvent(ctx, e, apptest.AdminActor); err != nil {
			return fmt.Errorf("load: seed event: %w", err)
		}
	}
	return nil
}

// volunteerName is a distinct, valid full name for user i.
func volunteerName(i int) string {
	return fmt.Sprintf("Relawan Beban %c%c%c", 'A'+i/676%26, 'A'+i/26%26, 'A'+i%26)
}
