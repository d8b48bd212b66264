package nudge_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/nudge"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const day = 24 * time.Hour

// withNudge turns the nudge on (the harness keeps it off), looked at
// every 50 ms.
func withNudge(c *apptest.Config, _ *telegramtest.Options) {
	c.NudgeOff = false
	c.ReminderInterval = 50 * time.Millisecond
}

// moveTo sets the bot's clock to t, which lies ahead.
func moveTo(h *apptest.Harness, t time.Time) { h.Clock.Advance(t.Sub(h.Clock.Now())) }

// quiet fails the test if any of us gets a message within d.
func quiet(d time.Duration, us ...*telegramtest.User) {
	for i, u := range us {
		if i > 0 {
			d = time.Millisecond // the first one waited for all
		}
		u.ExpectNoMessage(d)
	}
}

// volunteer stores a volunteer with the status decided at decided, and
// returns their chat.
func volunteer(t *testing.T, h *apptest.Harness, id int64, name string, decided time.Time, status domain.Status) (*telegramtest.User, *storage.Volunteer) {
	t.Helper()
	u := h.TG.NewUser(id, name)
	return u, apptest.Seed(t, h, id, name, "psm", apptest.KelMayangan, "", "", decided, status)
}

// TestNudgeOnceAMonth: at 10.00 WIB, a volunteer verified 31 days ago
// without a report gets one nudge, while a second instance races for it;
// not before 08.00, and not again within the month. One who reported 5
// days ago, one verified 10 days ago (counted from the verification),
// and those pending, rejected, erased or unreachable get nothing; the
// newcomer's nudge comes 30 days after the verification, the reporter's
// 30 days after the report, and the first volunteer's second a month
// after the first.
func TestNudgeOnceAMonth(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withNudge)
	h.Stop()
	ctx := context.Background()
	t0 := apptest.EightOClock(h, 1).Add(2 * time.Hour)
	quietOne, qv := volunteer(t, h, 7101, "Sari Quiet", t0.Add(-31*day), domain.StatusVerified)
	reporter, rv := volunteer(t, h, 7102, "Rudi Reporter", t0.Add(-40*day), domain.StatusVerified)
	apptest.SeedReport(t, h, rv, t0.Add(-5*day), storage.Report{Activity: "penyuluhan",
		ActivityDate: t0.Add(-5 * day), KelurahanCode: apptest.KelMayangan}, domain.ReportSubmitted, 0)
	fresh, _ := volunteer(t, h, 7103, "Fitri Fresh", t0.Add(-10*day), domain.StatusVerified)
	pending, _ := volunteer(t, h, 7104, "Pandu Pending", t0.Add(-60*day), domain.StatusPending)
	rejected, _ := volunteer(t, h, 7105, "Reni Rejected", t0.Add(-60*day), domain.StatusRejected)
	erased, _ := volunteer(t, h, 7106, "Eko Erased", t0.Add(-60*day), domain.StatusVerified)
	if err := h.Store.EraseVolunteer(ctx, erased.ID); err != nil {
		t.Fatal(err)
	}
	blocked, _ := volunteer(t, h, 7107, "Bima Blocked", t0.Add(-60*day), domain.StatusVerified)
	blocked.Block()
	if err := h.Store.MarkUnreachable(ctx, blocked.ID, true); err != nil {
		t.Fatal(err)
	}
	everyone := []*telegramtest.User{quietOne, reporter, fresh, pending, rejected, erased, blocked}

	moveTo(h, t0.Add(-150*time.Minute)) // 07.30: too early
	h.Start()
	startSecondInstance(t, h)
	quiet(400*time.Millisecond, everyone...)

	moveTo(h, t0)
	m := apptest.Expect(t, quietOne, "Sudah sebulan", "/lapor")
	if m.Method != "sendMessage" {
		t.Fatalf("nudge sent with %s", m.Method)
	}
	quiet(500*time.Millisecond, everyone...)

	h.Clock.Advance(10 * day)
	quiet(300*time.Millisecond, everyone...)

	h.Clock.Advance(11 * day) // 31 days after Fitri's verification
	apptest.Expect(t, fresh, "/lapor")
	quiet(300*time.Millisecond, everyone...)

	h.Clock.Advance(10 * day) // 31 days after Sari's nudge, 36 after Rudi's report
	apptest.Expect(t, quietOne, "/lapor")
	apptest.Expect(t, reporter, "/lapor")
	quiet(300*time.Millisecond, everyone...)
	if n, err := h.Store.NudgesSent(ctx, qv.ID); err != nil || n != 2 {
		t.Fatalf("nudges sent to Sari: %d, %v; want 2", n, err)
	}
}

// TestNudgeOff: with NUDGE_AFTER=off (the harness's setting) a quiet
// volunteer gets nothing.
func TestNudgeOff(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *apptest.Config, _ *telegramtest.Options) { c.ReminderInterval = 50 * time.Millisecond })
	h.Stop()
	t0 := apptest.EightOClock(h, 1).Add(2 * time.Hour)
	u, _ := volunteer(t, h, 7201, "Sari Quiet", t0.Add(-60*day), domain.StatusVerified)
	moveTo(h, t0)
	h.Start()
	u.ExpectNoMessage(500 * time.Millisecond)
}

// startSecondInstance runs another instance's nudge scheduler, with its
// own Telegram client and database connection, until the test ends.
func startSecondInstance(t *testing.T, h *apptest.Harness) {
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
	env := &kit.Env{Send: client, Store: st, Admins: map[int64]bool{apptest.AdminID: true},
		Now: h.Clock.Now, Log: slog.New(slog.DiscardHandler)}
	room := nudge.New(env, nudge.Config{After: h.Cfg.NudgeAfter, Lease: h.Cfg.BroadcastLease})
	var wg sync.WaitGroup
	wg.Go(func() { room.Run(ctx, 10*time.Millisecond) })
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		st.Close()
	})
}
