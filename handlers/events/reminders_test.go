package events_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/events"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// TestEventRemindersOnceAcrossRestartsAndInstances sends the H-1 and H-2h
// reminders once each to those who answered Hadir, with a second instance
// running and the bot restarted or down when they fall due.
func TestEventRemindersOnceAcrossRestartsAndInstances(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withReminderInterval(50*time.Millisecond))
	ctx := context.Background()
	start := h.Clock.Now().Add(72 * time.Hour).Truncate(time.Minute)
	e := apptest.StoreEvent(t, h, "Upacara HKSN", start, nil, nil, nil, false)

	var attendees []*telegramtest.User
	for i := range 3 {
		u := h.TG.NewUser(int64(4300+i), "Hadir")
		v := apptest.SeedVerified(t, h, u, fmt.Sprintf("Hadir %c", 'A'+i), "psm", apptest.KelMayangan, 300+i)
		if _, err := h.Store.SetRSVP(ctx, e.ID, v.ID, true, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		attendees = append(attendees, u)
	}
	changed := h.TG.NewUser(4310, "Batal")
	vc := apptest.SeedVerified(t, h, changed, "Batal Hadir", "psm", apptest.KelMayangan, 310)
	for _, yes := range []bool{true, false} {
		if _, err := h.Store.SetRSVP(ctx, e.ID, vc.ID, yes, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}

	// A second instance's scheduler against the same database.
	stopSecond := startSecondScheduler(t, h)

	h.Clock.Advance(48*time.Hour + time.Minute) // H-1 is due
	for _, u := range attendees {
		apptest.Expect(t, u, "Pengingat", "besok", "Upacara HKSN", kit.FormatDateTime(start))
	}
	h.Restart()
	for _, u := range append(attendees, changed) {
		u.ExpectNoMessage(300 * time.Millisecond)
	}

	// H-2h falls due while the bot and the second instance are down: it is
	// sent when the bot comes back.
	stopSecond()
	h.Stop()
	h.Clock.Advance(22 * time.Hour)
	h.Start()
	for _, u := range attendees {
		apptest.Expect(t, u, "Pengingat", "2 jam lagi", "Upacara HKSN")
	}
	h.Clock.Advance(3 * time.Hour) // the event has started
	for _, u := range append(attendees, changed) {
		u.ExpectNoMessage(300 * time.Millisecond)
	}
	sent, err := h.Store.RemindersSent(ctx, e.ID)
	if err != nil || sent[storage.ReminderDayBefore] != 3 || sent[storage.ReminderTwoHours] != 3 {
		t.Fatalf("reminders sent = %v, %v", sent, err)
	}

	// A reminder missed while the bot was down is not sent once the event
	// has started.
	late := apptest.StoreEvent(t, h, "Rapat Koordinasi", h.Clock.Now().Add(3*time.Hour), nil, nil, nil, false)
	if _, err := h.Store.SetRSVP(ctx, late.ID, vc.ID, true, h.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.Stop()
	h.Clock.Advance(4 * time.Hour)
	h.Start()
	changed.ExpectNoMessage(500 * time.Millisecond)
	if sent, _ := h.Store.RemindersSent(ctx, late.ID); len(sent) != 0 {
		t.Fatalf("reminders sent after the start: %v", sent)
	}
}

// startSecondScheduler runs another instance's reminder loop, with its own
// Telegram client and database connection, until the returned stop.
func startSecondScheduler(t *testing.T, h *apptest.Harness) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	client, err := bot.NewClient(ctx, bot.ClientConfig{
		Token: h.TG.Token, Endpoint: h.TG.Endpoint(), HTTPClient: h.TG.Client(),
		Limits: bot.Limits{Global: 1000, PerChat: 50},
	})
	if err != nil {
		t.Fatalf("second client: %v", err)
	}
	st, err := storage.Open(ctx, storage.Config{URL: h.Cfg.DatabaseURL})
	if err != nil {
		t.Fatalf("second store: %v", err)
	}
	r := &events.Reminders{Sender: client, Store: st, Now: h.Clock.Now, Lease: h.Cfg.BroadcastLease}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(ctx, 20*time.Millisecond)
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			<-done
			st.Close()
		})
	}
	t.Cleanup(stop)
	return stop
}
