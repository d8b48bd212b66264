package main

import (
	"context"
	"fmt"
	"io"
	"pilarbot/handlers/app/procstat"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/province"
)

// bareSizes is the set without old outbox rows: only volunteers, enough
// that 50,000 of them are verified recipients.
var bareSizes = province.Sizes{Volunteers: 55_600}

// claimsTimed is how many claims are timed at the start of a broadcast
// and again near its end.
const claimsTimed = 200

// measureBroadcast starts an announcement to every verified volunteer
// the way Kirim does (StartBroadcast: the outbox rows in one INSERT …
// SELECT), then times the runner's claims (ClaimOutbox, one row each,
// then MarkOutboxSent) at the start and with all but 1,000 recipients
// sent, on the province set (1,000,000 old outbox rows) and on a bare
// set (none). The broadcast is deleted afterwards, so the sets stay as
// seeded.
func measureBroadcast(ctx context.Context, o options, t *table, out io.Writer) error {
	bare, err := seed(ctx, o, out, withSchema(o.db, "bare"), bareSizes)
	if err != nil {
		return err
	}
	var p50 []time.Duration
	for _, set := range []struct{ name, url string }{
		{"1,000,000 old outbox rows", withSchema(o.db, "province")},
		{"no old outbox rows", bare.url},
	} {
		fmt.Fprintf(out, "broadcast with %s (load average %s) …\n", set.name, procstat.LoadAverage())
		d, err := broadcastOnce(ctx, set.name, set.url, t)
		if err != nil {
			return err
		}
		p50 = append(p50, d)
	}
	// Old rows in the pending index would make every claim read them: a
	// claim many times slower, not one within the noise.
	t.add("  claim p50 with the old rows / without", fmt.Sprintf("%s / %s", ms(p50[0]), ms(p50[1])),
		"O(1): within 3× of each other", p50[0] < 3*p50[1]+time.Millisecond)
	return nil
}

// broadcastOnce measures one set and returns the p50 of all its timed
// claims.
func broadcastOnce(ctx context.Context, name, url string, t *table) (time.Duration, error) {
	store, err := storage.Open(ctx, storage.Config{URL: url})
	if err != nil {
		return 0, err
	}
	defer store.Close()
	var old int
	if err := store.DB().GetContext(ctx, &old, `SELECT count(*) FROM broadcast_outbox`); err != nil {
		return 0, err
	}
	b := &storage.Broadcast{CreatedBy: province.AdminID, ChatID: province.AdminID,
		Text: "Pengumuman: rapat koordinasi pilar-pilar sosial se-Jawa Timur."}
	if err := store.CreateBroadcastDraft(ctx, b, storage.Segment{}, storage.Scope{}); err != nil {
		return 0, err
	}
	defer func() {
		// Leave the set as seeded: the broadcast and its dead rows go.
		_, _ = store.DB().ExecContext(context.WithoutCancel(ctx), `DELETE FROM broadcasts WHERE id = $1`, b.ID)
		_, _ = store.DB().ExecContext(context.WithoutCancel(ctx), `VACUUM (ANALYZE) broadcast_outbox`)
	}()
	start := time.Now()
	started, err := store.StartBroadcast(ctx, b.ID, storage.Actor{ID: province.AdminID, Admin: true}, 0)
	if err != nil {
		return 0, err
	}
	enqueue := time.Since(start)
	t.add(fmt.Sprintf("broadcast to %d recipients enqueued (StartBroadcast), %d old outbox rows", started.Total, old),
		ms(enqueue), "under 3 s", enqueue < 3*time.Second)

	early, err := timeClaims(ctx, store, claimsTimed)
	if err != nil {
		return 0, err
	}
	// The runner has sent all but the last 1,000: their rows are dead
	// entries of the pending index until vacuum, as in a real send.
	if _, err := store.DB().ExecContext(ctx, `UPDATE broadcast_outbox SET status = 'sent', message_id = 1, done_at = now()
		WHERE broadcast_id = $1 AND status = 'pending' AND chat_id < (
			SELECT chat_id FROM broadcast_outbox WHERE broadcast_id = $1 ORDER BY chat_id DESC OFFSET 1000 LIMIT 1)`, b.ID); err != nil {
		return 0, err
	}
	late, err := timeClaims(ctx, store, claimsTimed)
	if err != nil {
		return 0, err
	}
	for _, c := range []struct {
		when string
		d    durations
	}{{"first", early}, {"last", late}} {
		t.add(fmt.Sprintf("  claim of one recipient (%s %d, %s): p50 %s, p99", c.when, len(c.d), name, ms(c.d.quantile(0.5))),
			ms(c.d.quantile(0.99)), "", true)
	}
	return append(early, late...).quantile(0.5), nil
}

// timeClaims claims n rows one at a time as the runner does and marks
// each sent, and returns the time of each claim.
func timeClaims(ctx context.Context, store *storage.Store, n int) (durations, error) {
	const sender = "province-load"
	var d durations
	for i := range n {
		start := time.Now()
		rows, err := store.ClaimOutbox(ctx, sender, 1, 15*time.Second)
		if err != nil {
			return nil, err
		}
		d = append(d, time.Since(start))
		if len(rows) != 1 {
			return nil, fmt.Errorf("claim %d: %d rows", i, len(rows))
		}
		if _, err := store.MarkOutboxSent(ctx, sender, rows[0], int64(1000+i)); err != nil {
			return nil, err
		}
	}
	return d, nil
}
