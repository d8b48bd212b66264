package broadcast_test

import (
	"context"
	"encoding/json"
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

// outbox is a started broadcast to seeded recipients, with the fake Bot
// API and a client for it.
type outbox struct {
	store  *storage.Store
	srv    *telegramtest.Server
	client *bot.Client
	coord  *telegramtest.User
}

// startOutbox seeds recipients verified volunteers (chats 2000 on) and
// starts a broadcast to all of them.
func startOutbox(t *testing.T, recipients int, latency time.Duration) *outbox {
	t.Helper()
	ctx := context.Background()
	o := &outbox{store: storagetest.Open(t), srv: telegramtest.New(t, telegramtest.Options{Latency: latency})}
	client, err := bot.NewClient(ctx, bot.ClientConfig{Token: o.srv.Token, Endpoint: o.srv.Endpoint(),
		HTTPClient: o.srv.Client(), Limits: bot.Limits{Global: 1000, PerChat: 100}})
	if err != nil {
		t.Fatal(err)
	}
	o.client = client
	o.coord = o.srv.NewUser(9001, "Koordinator")
	for i := range recipients {
		id := int64(2000 + i)
		o.srv.NewUser(id, "Relawan")
		v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: "Relawan", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
		if err := o.store.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		if _, err := o.store.DecideVolunteer(ctx, v.ID, storage.Actor{ID: 9001, Admin: true}, true, ""); err != nil {
			t.Fatal(err)
		}
	}
	b := &storage.Broadcast{CreatedBy: o.coord.ID, ChatID: o.coord.ID, Text: "<b>Apel</b> pagi"}
	if err := o.store.CreateBroadcastDraft(ctx, b, storage.Segment{}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.store.StartBroadcast(ctx, b.ID, storage.Actor{ID: 9001, Admin: true}, 0); err != nil {
		t.Fatal(err)
	}
	return o
}

// run starts a runner on the outbox until cleanup.
func (o *outbox) run(t *testing.T, c broadcast.Caller, cfg broadcast.RunnerConfig) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = broadcast.NewRunner(o.store, c, cfg, nil).Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// expectOnce checks that each of the recipients got exactly one message.
func (o *outbox) expectOnce(t *testing.T, recipients int) {
	t.Helper()
	stats := o.srv.Stats()
	for i := range recipients {
		if n := stats.MessagesPerChat[int64(2000+i)]; n != 1 {
			t.Errorf("chat %d got %d messages, want 1", 2000+i, n)
		}
	}
}

// runnerConfig is a fast runner's configuration.
func runnerConfig(concurrency int, lease time.Duration) broadcast.RunnerConfig {
	return broadcast.RunnerConfig{Concurrency: concurrency, Lease: lease, Heartbeat: lease / 10, Poll: 50 * time.Millisecond,
		ProgressEvery: 3 * time.Second, MaxAttempts: 3, RetryDelay: 10 * time.Second, Grace: 10 * time.Second}
}

func TestTwoRunnersShareTheOutbox(t *testing.T) {
	const recipients = 40
	o := startOutbox(t, recipients, 20*time.Millisecond)
	callers := []*counting{{Caller: o.client}, {Caller: o.client}}
	for _, c := range callers {
		o.run(t, c, runnerConfig(4, 2*time.Minute))
	}
	o.coord.WaitNext() // the report, sent once

	o.expectOnce(t, recipients)
	a, bb := callers[0].sends.Load(), callers[1].sends.Load()
	if a+bb != recipients || a == 0 || bb == 0 {
		t.Errorf("runners sent %d and %d, want both a share of %d", a, bb, recipients)
	}
	if n := len(o.coord.Messages()); n != 1 {
		t.Errorf("coordinator got %d reports, want 1", n)
	}
}

// TestSlowSendKeepsItsLease: a send that takes twice the lease is not
// taken over by another instance while its own instance lives, because
// the heartbeat renews the claim; each recipient gets the message once.
func TestSlowSendKeepsItsLease(t *testing.T) {
	const recipients = 2
	lease := time.Second
	o := startOutbox(t, recipients, 2*lease)
	first, second := &counting{Caller: o.client}, &counting{Caller: o.client}
	o.run(t, first, runnerConfig(recipients, lease))
	waitClaimed(t, o.store, recipients)
	o.run(t, second, runnerConfig(recipients, lease)) // idle workers, ready to take over
	o.coord.WaitNext()                                // the report

	o.expectOnce(t, recipients)
	if n := second.sends.Load(); n != 0 {
		t.Errorf("the second runner sent %d messages of claims the first still held", n)
	}
}

// waitClaimed waits until n outbox rows are claimed.
func waitClaimed(t *testing.T, store *storage.Store, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var claimed int
		if err := store.DB().Get(&claimed, `SELECT count(*) FROM broadcast_outbox WHERE claimed_by <> ''`); err != nil {
			t.Fatal(err)
		}
		if claimed >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d rows claimed after 10 s", claimed, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
