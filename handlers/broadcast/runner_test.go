package broadcast_test

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/broadcast"
	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// counting is a Caller that counts the broadcast messages one runner sent.
type counting struct {
	broadcast.Caller
	sends atomic.Int64
}

func (c *counting) Call(ctx context.Context, method string, chatID int64, params tgbotapi.Params) (json.RawMessage, error) {
	raw, err := c.Caller.Call(ctx, method, chatID, params)
	if err == nil {
		c.sends.Add(1)
	}
	return raw, err
}

func TestTwoRunnersShareTheOutbox(t *testing.T) {
	const recipients = 40
	ctx := context.Background()
	store := storagetest.Open(t)
	srv := telegramtest.New(t, telegramtest.Options{Latency: 20 * time.Millisecond})
	client, err := bot.NewClient(ctx, bot.ClientConfig{Token: srv.Token, Endpoint: srv.Endpoint(),
		HTTPClient: srv.Client(), Limits: bot.Limits{Global: 1000, PerChat: 100}})
	if err != nil {
		t.Fatal(err)
	}
	coord := srv.NewUser(9001, "Koordinator")
	for i := range recipients {
		id := int64(2000 + i)
		srv.NewUser(id, "Relawan")
		v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: "Relawan", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
		if err := store.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		if _, err := store.DecideVolunteer(ctx, v.ID, storage.Actor{ID: 9001, Admin: true}, true, ""); err != nil {
			t.Fatal(err)
		}
	}
	b := &storage.Broadcast{CreatedBy: coord.ID, ChatID: coord.ID, Text: "<b>Apel</b> pagi"}
	if err := store.CreateBroadcastDraft(ctx, b, storage.Segment{}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.StartBroadcast(ctx, b.ID, storage.Actor{ID: 9001, Admin: true}, 0); err != nil {
		t.Fatal(err)
	}

	callers := []*counting{{Caller: client}, {Caller: client}}
	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, c := range callers {
		r := broadcast.NewRunner(store, c, broadcast.RunnerConfig{Concurrency: 4, Lease: 2 * time.Minute, Poll: 50 * time.Millisecond,
			ProgressEvery: 3 * time.Second, MaxAttempts: 3, RetryDelay: 10 * time.Second, Grace: 10 * time.Second}, nil)
		wg.Go(func() { _ = r.Run(runCtx) })
	}
	coord.WaitNext() // the report, sent once
	cancel()
	wg.Wait()

	stats := srv.Stats()
	for i := range recipients {
		if n := stats.MessagesPerChat[int64(2000+i)]; n != 1 {
			t.Errorf("chat %d got %d messages, want 1", 2000+i, n)
		}
	}
	a, bb := callers[0].sends.Load(), callers[1].sends.Load()
	if a+bb != recipients || a == 0 || bb == 0 {
		t.Errorf("runners sent %d and %d, want both a share of %d", a, bb, recipients)
	}
	if n := len(coord.Messages()); n != 1 {
		t.Errorf("coordinator got %d reports, want 1", n)
	}
}
