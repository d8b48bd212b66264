package events_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/apptest"
	"pilarbot/handlers/events"
	"pilarbot/storage"
)

// frozen is the Telegram client of an instance that stops in the middle
// of sending a reminder: Send blocks, ignoring its context as a dead
// process would, until the test lets go.
type frozen struct {
	entered chan struct{} // closed when the send began
	release chan struct{} // closed by the test at the end
}

func (f *frozen) Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	close(f.entered)
	<-f.release
	return tgbotapi.Message{}, errors.New("frozen instance")
}

func (f *frozen) Request(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error) {
	return nil, errors.New("frozen instance")
}

// TestReminderOfADeadInstanceIsTakenOver: an instance dies while its
// reminder is on the way to Telegram, holding the reminder's row lock in
// an open transaction. Killed (kill -9), its connection closes and
// Postgres drops the lock at once: no lease is needed. Gone silent with
// its connection left open (the host lost power, the network to it was
// cut), Postgres would keep the lock until TCP keepalive gives up, two
// hours by default, and the reminder would miss its time; the lease ends
// such a session. Either way the live instance sends the reminder, once.
func TestReminderOfADeadInstanceIsTakenOver(t *testing.T) {
	cases := []struct {
		name  string
		lease time.Duration // the dead instance's
		kill  bool
	}{
		{"killed", time.Hour, true},
		{"silent", time.Second, false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := apptest.New(t, withReminderInterval(50*time.Millisecond))
			ctx := context.Background()
			start := h.Clock.Now().Add(72 * time.Hour).Truncate(time.Minute)
			e := apptest.StoreEvent(t, h, "Upacara HKSN", start, nil, nil, nil, false)
			u := h.TG.NewUser(int64(4400+i), "Hadir")
			v := apptest.SeedVerified(t, h, u, "Hadir Selalu", "psm", apptest.KelMayangan, 400+i)
			if _, err := h.Store.SetRSVP(ctx, e.ID, v.ID, true, h.Clock.Now()); err != nil {
				t.Fatal(err)
			}
			h.Stop()
			h.Clock.Advance(48*time.Hour + time.Minute) // H-1 is due

			// The instance that dies claims the reminder and freezes.
			pg := apptest.NewProxy(t, "127.0.0.1:5432")
			st, err := storage.Open(ctx, storage.Config{URL: strings.Replace(h.Cfg.DatabaseURL, "127.0.0.1:5432", pg.Addr, 1)})
			if err != nil {
				t.Fatal(err)
			}
			tg := &frozen{entered: make(chan struct{}), release: make(chan struct{})}
			dead := &events.Reminders{Sender: tg, Store: st, Now: h.Clock.Now, Lease: c.lease}
			done := make(chan struct{})
			go func() { defer close(done); dead.Tick(ctx) }()
			t.Cleanup(func() { pg.Cut(); close(tg.release); <-done; st.Close() })
			<-tg.entered
			if c.kill {
				pg.Cut() // what the kernel does to a killed process's sockets
			}

			h.Start()
			apptest.Expect(t, u, "Pengingat", "besok", "Upacara HKSN")
			u.ExpectNoMessage(300 * time.Millisecond)
			// The reminder is marked sent right after the send; on a busy
			// machine that may take longer than the wait above.
			var sent map[string]int
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				if sent, err = h.Store.RemindersSent(ctx, e.ID); err != nil || sent[storage.ReminderDayBefore] == 1 || time.Now().After(deadline) {
					break
				}
			}
			if err != nil || sent[storage.ReminderDayBefore] != 1 {
				t.Fatalf("reminders sent = %v, %v", sent, err)
			}
		})
	}
}
