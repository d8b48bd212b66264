package siaga_test

import (
	"context"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// TestCallupOvertakesRunningBroadcast: with Telegram's limits on (30/s,
// 1/s a chat) an announcement to 3,000 volunteers is being sent when a
// call-up to 100 Tagana starts. All 100 get it before the announcement
// goes on: between the call-up's first and last message only the
// announcement's sends already in flight (at most BROADCAST_CONCURRENCY)
// may arrive.
func TestCallupOvertakesRunningBroadcast(t *testing.T) {
	t.Parallel()
	const (
		bulk, tagana = 3000, 100
		bulkFirst    = 300000
		taganaFirst  = 310000
		concurrency  = 8
	)
	h := apptest.New(t, func(c *apptest.Config, o *telegramtest.Options) {
		c.GlobalRate, c.ChatRate, c.BroadcastConcurrency = 30, 1, concurrency
		o.WaitTimeout = time.Minute
	})
	ctx := context.Background()
	seed := func(first, n int, pilar string) []*telegramtest.User {
		_, err := h.Store.DB().ExecContext(ctx, `
			INSERT INTO volunteers (telegram_id, chat_id, full_name, pilar, kelurahan_code, status,
				decided_by, decided_at, created_at, updated_at)
			SELECT $1 + g, $1 + g, 'Relawan ' || g, $3, '35.75.04.1006', 'verified', 9001, now(), now(), now()
			FROM generate_series(0, $2 - 1) g`, first, n, pilar)
		if err != nil {
			t.Fatal(err)
		}
		users := make([]*telegramtest.User, n)
		for i := range users {
			users[i] = h.TG.NewUser(int64(first+i), "Relawan")
		}
		return users
	}
	bulkUsers := seed(bulkFirst, bulk, "psm")
	taganas := seed(taganaFirst, tagana, "tagana")
	h.TG.SetLimits(telegramtest.DefaultLimits)

	b := &storage.Broadcast{CreatedBy: apptest.AdminID, ChatID: apptest.AdminID, Text: "Rapat PSM bulan ini"}
	if err := h.Store.CreateBroadcastDraft(ctx, b, storage.Segment{Pilars: []string{"psm"}}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Store.StartBroadcast(ctx, b.ID, apptest.AdminActor, 0); err != nil {
		t.Fatal(err)
	}
	waitSent(t, h, b.ID, 40)

	startCallup(t, h.Admin, "Banjir di Kebonsari, kumpul di Posko Kali Gembong")
	var first, last time.Time
	for _, u := range taganas {
		m := apptest.Expect(t, u, "PANGGILAN SIAGA")
		if first.IsZero() || m.SentAt.Before(first) {
			first = m.SentAt
		}
		if m.SentAt.After(last) {
			last = m.SentAt
		}
	}
	waitSent(t, h, b.ID, bulkSentBy(bulkUsers, last)+5) // the announcement resumes
	between, before := 0, 0
	for _, u := range bulkUsers {
		for _, m := range u.Messages() {
			switch {
			case m.SentAt.Before(first):
				before++
			case !m.SentAt.After(last):
				between++
			}
		}
	}
	t.Logf("call-up to %d sent in %v; %d announcement messages before it, %d while it was sent",
		tagana, last.Sub(first).Round(time.Millisecond), before, between)
	if between > concurrency {
		t.Errorf("%d announcement messages arrived while the call-up was sent, want at most %d (those in flight)", between, concurrency)
	}
}

// waitSent waits until n recipients of broadcast id are sent.
func waitSent(t *testing.T, h *apptest.Harness, id int64, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		c, err := h.Store.BroadcastCountsOf(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Sent >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d announcement messages sent after a minute", c.Sent, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// bulkSentBy counts the announcement messages that arrived by t.
func bulkSentBy(users []*telegramtest.User, t time.Time) int {
	sent := 0
	for _, u := range users {
		for _, m := range u.Messages() {
			if !m.SentAt.After(t) {
				sent++
			}
		}
	}
	return sent
}
