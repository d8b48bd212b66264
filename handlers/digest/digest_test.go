package digest_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/digest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Places of the tests: two kelurahan of Kecamatan Bugul Kidul, and
// Kecamatan Gadingrejo, where nothing waits.
const (
	kecBugulKidul = "35.75.03"
	kelKepel      = "35.75.03.1002"
	kelBakalan    = "35.75.03.1005"
	kecGadingrejo = "35.75.01"
)

// withDigest turns the morning digest on (the harness keeps it off),
// looked at every 50 ms.
func withDigest(c *apptest.Config, _ *telegramtest.Options) {
	c.DigestOff = false
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

// coordinator appoints a coordinator working in scope.
func coordinator(t *testing.T, h *apptest.Harness, id int64, name string, scope storage.Scope) *telegramtest.User {
	t.Helper()
	u := apptest.AddCoordinator(t, h, id, name)
	if err := h.Store.SetCoordinatorScope(context.Background(), id, scope, apptest.AdminID); err != nil {
		t.Fatal(err)
	}
	return u
}

// pending stores a registration waiting for verification.
func pending(t *testing.T, h *apptest.Harness, id int64, name, pilar, kel string) *storage.Volunteer {
	t.Helper()
	return apptest.Seed(t, h, id, name, pilar, kel, "", "", time.Now(), domain.StatusPending)
}

// submitted stores a report of a new verified volunteer, waiting for
// review.
func submitted(t *testing.T, h *apptest.Harness, id int64, name, pilar, kel string) {
	t.Helper()
	v := apptest.Seed(t, h, id, name, pilar, kel, "", "", time.Now(), domain.StatusVerified)
	n := time.Now().In(domain.WIB)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	apptest.SeedReport(t, h, v, n, storage.Report{Activity: "penyuluhan", ActivityDate: day, KelurahanCode: kel},
		domain.ReportSubmitted, 0)
}

// expectDigest waits for u's digest and checks it holds exactly the lines
// want (after the greeting and scope line), and returns it.
func expectDigest(t *testing.T, u *telegramtest.User, scope string, want ...string) *telegramtest.Message {
	t.Helper()
	m := apptest.Expect(t, u, "Yang menunggu di wilayah Bapak/Ibu ("+scope+"):")
	lines := strings.Split(m.Plain, "\n")
	if got := lines[1:]; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("digest of %d: lines %q, want %q", u.ID, got, want)
	}
	return m
}

// TestMorningDigestOncePerDayInEachScope: at 08.00 WIB the admin, a
// coordinator of Bugul Kidul and the Tagana leader each get one digest
// with what waits in their scope, while a second instance's scheduler
// races for the same digests; the coordinator of Gadingrejo, where nothing
// waits, gets none. Nothing comes before 08.00, nothing more that day
// (across a restart), and the next morning's digest has that day's counts.
func TestMorningDigestOncePerDayInEachScope(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withDigest)
	h.Stop() // the clock moves to 07.59 before the scheduler looks again
	ctx := context.Background()
	tksk := coordinator(t, h, 6101, "TKSK Bugul Kidul", storage.Scope{Kecamatans: []string{kecBugulKidul}})
	tagana := coordinator(t, h, 6102, "Ketua Tagana", storage.Scope{Pilars: []string{"tagana"}})
	idle := coordinator(t, h, 6103, "TKSK Gadingrejo", storage.Scope{Kecamatans: []string{kecGadingrejo}})
	siti := pending(t, h, 6201, "Siti Aminah", "psm", kelKepel)
	pending(t, h, 6202, "Bayu Saputra", "tagana", kelBakalan)
	pending(t, h, 6203, "Rina Wulandari", "psm", apptest.KelMayangan)
	submitted(t, h, 6301, "Agus Salim", "psm", kelKepel)
	submitted(t, h, 6302, "Dewi Lestari", "psm", apptest.KelMayangan)
	submitted(t, h, 6303, "Joko Susilo", "karang_taruna", apptest.KelTrajeng)
	everyone := []*telegramtest.User{h.Admin, tksk, tagana, idle}

	moveTo(h, apptest.EightOClock(h, 1).Add(-time.Minute))
	h.Start()
	startSecondInstance(t, h)
	quiet(500*time.Millisecond, everyone...)

	h.Clock.Advance(time.Minute)
	m := expectDigest(t, h.Admin, "seluruh kota · semua pilar",
		"• 3 pendaftaran untuk diverifikasi → /verifikasi", "• 3 laporan untuk ditinjau → /tinjau")
	if !strings.HasPrefix(m.Plain, "Selamat pagi, Bapak/Ibu.") {
		t.Fatalf("digest at 08.00: %q", m.Plain)
	}
	expectDigest(t, tksk, "Kec. Bugul Kidul · semua pilar",
		"• 2 pendaftaran untuk diverifikasi → /verifikasi", "• 1 laporan untuk ditinjau → /tinjau")
	expectDigest(t, tagana, "seluruh kota · Tagana", "• 1 pendaftaran untuk diverifikasi → /verifikasi")
	quiet(time.Second, everyone...)
	done, err := h.Store.DigestsDone(ctx, h.Clock.Now())
	want := map[int64]bool{apptest.AdminID: true, tksk.ID: true, tagana.ID: true, idle.ID: false}
	if err != nil || len(done) != len(want) {
		t.Fatalf("digests done = %v, %v; want %v", done, err, want)
	}
	for id, sent := range want {
		if done[id] != sent {
			t.Fatalf("digests done = %v, want %v", done, want)
		}
	}

	h.Clock.Advance(3 * time.Hour)
	quiet(300*time.Millisecond, everyone...)
	h.Restart()
	quiet(300*time.Millisecond, everyone...)

	// Siti is verified during the day: the next morning counts one less.
	if _, err := h.Store.DecideVolunteer(ctx, siti.ID, apptest.AdminActor, true, ""); err != nil {
		t.Fatal(err)
	}
	moveTo(h, apptest.EightOClock(h, 1))
	expectDigest(t, h.Admin, "seluruh kota · semua pilar",
		"• 2 pendaftaran untuk diverifikasi → /verifikasi", "• 3 laporan untuk ditinjau → /tinjau")
	expectDigest(t, tksk, "Kec. Bugul Kidul · semua pilar",
		"• 1 pendaftaran untuk diverifikasi → /verifikasi", "• 1 laporan untuk ditinjau → /tinjau")
	expectDigest(t, tagana, "seluruh kota · Tagana", "• 1 pendaftaran untuk diverifikasi → /verifikasi")
	quiet(time.Second, everyone...)
}

// TestNoDigestWhenNothingWaits: a day on which nothing waits at 08.00 is
// recorded and not looked at again, even when a registration arrives
// later; the next morning it is in the digest.
func TestNoDigestWhenNothingWaits(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withDigest)
	h.Stop()
	ctx := context.Background()
	moveTo(h, apptest.EightOClock(h, 1))
	h.Start()
	waitDone(t, h, apptest.AdminID, false)
	h.Admin.ExpectNoMessage(300 * time.Millisecond)

	pending(t, h, 6401, "Rina Wulandari", "psm", apptest.KelMayangan)
	h.Clock.Advance(2 * time.Hour)
	h.Admin.ExpectNoMessage(500 * time.Millisecond)
	if done, err := h.Store.DigestsDone(ctx, h.Clock.Now()); err != nil || done[apptest.AdminID] {
		t.Fatalf("digests done = %v, %v", done, err)
	}

	moveTo(h, apptest.EightOClock(h, 1))
	expectDigest(t, h.Admin, "seluruh kota · semua pilar", "• 1 pendaftaran untuk diverifikasi → /verifikasi")
	h.Admin.ExpectNoMessage(300 * time.Millisecond)
}

// TestDigestOfALateStart: a bot that starts at 10.00 still sends that
// day's digest; a coordinator who blocked the bot is recorded and the
// others get theirs.
func TestDigestOfALateStart(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withDigest)
	h.Stop()
	submitted(t, h, 6501, "Agus Salim", "psm", apptest.KelMayangan)
	blocked := apptest.AddCoordinator(t, h, 6502, "Pak Hadi")
	blocked.Block()
	moveTo(h, apptest.EightOClock(h, 1).Add(2*time.Hour))
	h.Start()
	m := expectDigest(t, h.Admin, "seluruh kota · semua pilar", "• 1 laporan untuk ditinjau → /tinjau")
	if !strings.HasPrefix(m.Plain, "Selamat pagi") {
		t.Fatalf("digest at 10.00: %q", m.Plain)
	}
	waitDone(t, h, blocked.ID, false)
	blocked.Unblock()
	h.Clock.Advance(time.Hour)
	quiet(300*time.Millisecond, h.Admin, blocked)
}

// waitDone waits until the digest of id is recorded for the bot's today,
// with sent as want.
func waitDone(t *testing.T, h *apptest.Harness, id int64, want bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		done, err := h.Store.DigestsDone(context.Background(), h.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if sent, ok := done[id]; ok {
			if sent != want {
				t.Fatalf("digest of %d recorded sent=%v, want %v", id, sent, want)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("digest of %d not recorded within 10 s", id)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startSecondInstance runs another instance's digest scheduler, with its
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
	room := digest.New(env, digest.Config{At: h.Cfg.DigestAt, Lease: h.Cfg.BroadcastLease})
	var wg sync.WaitGroup
	wg.Go(func() { room.Run(ctx, 10*time.Millisecond) })
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		st.Close()
	})
}
