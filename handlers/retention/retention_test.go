package retention_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/retention"
	"pilarbot/storage"
)

// An announcement finished 200 days ago loses its recipients to the
// pruner, and /umumkan riwayat still shows how many it reached; one
// finished last week keeps them.
func TestPrunedAnnouncementKeepsItsCountsInTheHistory(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	now := h.Clock.Now()
	for _, b := range []struct {
		text string
		age  time.Duration
	}{{"Rapat lama", 200 * 24 * time.Hour}, {"Rapat baru", 7 * 24 * time.Hour}} {
		br := &storage.Broadcast{CreatedBy: apptest.AdminID, ChatID: apptest.AdminID, Text: b.text}
		if err := h.Store.CreateBroadcastDraft(ctx, br, storage.Segment{}, storage.Scope{}); err != nil {
			t.Fatal(err)
		}
		at := now.Add(-b.age)
		if _, err := h.Store.DB().Exec(`UPDATE broadcasts SET status = 'done', total = 3, created_at = $2,
			started_at = $2, finished_at = $2 WHERE id = $1`, br.ID, at); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Store.DB().Exec(`INSERT INTO broadcast_outbox (broadcast_id, chat_id, volunteer_id, status,
				next_attempt_at, done_at)
			VALUES ($1, 11, 1, 'sent', $2, $2), ($1, 12, 2, 'sent', $2, $2), ($1, 13, 3, 'blocked', $2, $2)`, br.ID, at); err != nil {
			t.Fatal(err)
		}
	}
	env := &kit.Env{Store: h.Store, Now: h.Clock.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	got := retention.New(env, retention.Config{Keep: 180 * 24 * time.Hour}).Tick(ctx)
	if got.Broadcasts != 1 || got.OutboxRows != 3 {
		t.Fatalf("pruned %+v, want the old announcement's 3 recipients", got)
	}
	var left int
	if err := h.Store.DB().Get(&left, `SELECT count(*) FROM broadcast_outbox`); err != nil || left != 3 {
		t.Fatalf("%d outbox rows left (%v), want the recent announcement's 3", left, err)
	}

	h.Admin.SendCommand("/umumkan riwayat")
	m := apptest.Expect(t, h.Admin, "Riwayat pengumuman")
	// The pruned announcement reads as the recent one does.
	if n := strings.Count(m.Plain, "Terkirim 2/3 · memblokir 1 · gagal 0"); n != 2 {
		t.Errorf("%d of 2 announcements show their counts:\n%s", n, m.Plain)
	}
}
