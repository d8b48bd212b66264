package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
	"pilarbot/handlers/apptest"
)

func TestServicesDownAndBack(t *testing.T) {
	t.Parallel()
	pg := apptest.NewProxy(t, "127.0.0.1:5432")
	rd := apptest.NewProxy(t, "127.0.0.1:6379")
	h := apptest.New(t, func(c *app.Config, _ *telegramtest.Options) {
		c.DatabaseURL = strings.Replace(c.DatabaseURL, "127.0.0.1:5432", pg.Addr, 1)
		c.RedisURL = "redis://" + rd.Addr + "/0"
	})
	u := h.TG.NewUser(4001, "Hadi")
	sum := apptest.Register(t, u, "Hadi Susanto", "TKSK", "Gadingrejo", "Bukir", apptest.NIK(61))

	// Postgres goes away: Simpan is answered with the apology, the flow
	// stays where it was.
	pg.Cut()
	if a := apptest.Press(t, u, sum, "✅ Simpan"); !strings.Contains(a.Text, "sistem sedang gangguan") || !a.ShowAlert {
		t.Fatalf("Simpan with Postgres down answered %+v", a)
	}
	pg.Heal()
	apptest.Press(t, u, u.Message(sum.ID), "✅ Simpan")
	apptest.ExpectEdited(t, u, u.Message(sum.ID), "menunggu verifikasi")

	// Redis goes away: the same, and the bot recovers by itself.
	rd.Cut()
	u.SendCommand("/profil")
	apptest.Expect(t, u, "sistem sedang gangguan")
	rd.Heal()
	u.SendCommand("/profil")
	apptest.Expect(t, u, "Hadi Susanto", "Bukir")

	v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil || v.FullName != "Hadi Susanto" {
		t.Fatalf("saved volunteer lost: %v %v", v, err)
	}
}

func TestShutdownIsPrompt(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *app.Config, _ *telegramtest.Options) { c.PollTimeout = 30 * time.Second })
	u := h.TG.NewUser(4101, "Sari")
	u.SendCommand("/start")
	apptest.Expect(t, u, "Selamat datang")
	time.Sleep(200 * time.Millisecond) // the bot is inside a 30 s long poll now
	began := time.Now()
	h.Stop()
	if d := time.Since(began); d > 3*time.Second {
		t.Fatalf("shutdown took %v, want a few seconds at most", d)
	}
	if h.TG.Pending() != 0 {
		t.Fatalf("%d updates were not confirmed at shutdown", h.TG.Pending())
	}
}

func TestTelegramFaultsAreRetried(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4201, "Rudi")

	// A 502 page from nginx and a 429 on getUpdates: polling goes on.
	h.TG.FailNextHTML("getUpdates")
	h.TG.FailNext("getUpdates", 429, "Too Many Requests: retry after 1", 1)
	u.SendCommand("/start")
	apptest.Expect(t, u, "Selamat datang")

	// A 500 and a 429 on sendMessage: the reply still arrives, once, and
	// not before retry_after.
	h.TG.FailNext("sendMessage", 500, "Internal Server Error", 0)
	h.TG.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", 1)
	began := time.Now()
	u.SendCommand("/profil")
	m := apptest.Expect(t, u, "belum terdaftar")
	if waited := m.SentAt.Sub(began); waited < time.Second {
		t.Fatalf("the reply came %v after a 429 with retry_after 1", waited)
	}
	u.SendCommand("/bantuan")
	apptest.Expect(t, u, "/daftar") // and no duplicate of the /profil reply before it
}

func TestBusyChatDoesNotHoldUpOthers(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *app.Config, _ *telegramtest.Options) { c.ChatRate = 1 }) // Telegram's per-chat limit
	a := h.TG.NewUser(4301, "Ayu")
	b := h.TG.NewUser(4302, "Bayu")
	for range 12 {
		a.SendCommand("/batal") // one reply each (unknown texts share one hint)
	}
	a.WaitNext() // A's replies have started; the rest trickle out at 1 per second
	b.SendCommand("/start")
	apptest.Expect(t, b, "Selamat datang")
	replies := a.Messages()
	if len(replies) >= 8 {
		t.Fatalf("B's reply came only after %d of A's 12 replies: A's chat held up B's", len(replies))
	}
}

func TestShutdownWithBacklogLosesNothing(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, func(c *app.Config, _ *telegramtest.Options) { c.ChatRate = 1 })
	u := h.TG.NewUser(4401, "Citra")
	const n = 8
	for range n {
		u.SendCommand("/batal") // one reply each (unknown texts share one hint)
	}
	u.WaitNext()
	h.Stop() // the harness fails the test if this takes more than 10 s
	h.Start()
	// Every message gets its one reply: nothing lost in the shutdown, and
	// nothing answered twice.
	msgs := u.WaitMessages(n)
	time.Sleep(1500 * time.Millisecond)
	if got := len(u.Messages()); got != n || len(msgs) != n {
		t.Fatalf("%d replies to %d messages", got, n)
	}
}
