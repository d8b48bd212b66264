package handlers_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

const (
	tooMany     = "Mohon tunggu sebentar, pesan Bapak/Ibu terlalu banyak."
	unknownHint = "belum mengerti"
	startAnswer = "Selamat datang"
)

// floodHarness starts the bot with the default budget of 20 updates a
// window, but a window of an hour: the test moves the bot's clock past it
// instead of waiting, so no burst can straddle two windows on a slow
// machine.
func floodHarness(t *testing.T) *apptest.Harness {
	return apptest.New(t, func(c *apptest.Config, _ *telegramtest.Options) {
		c.UserBurst = 20
		c.UserWindow = time.Hour
	})
}

// The flood of TestFloodingUsersDoNotSlowOthers and BenchmarkFlood.
const flooders, perFlooder, calm = 40, 30, 10

// floodRun is 40 users who forward 30 messages each at once while 10
// others send /start.
type floodRun struct {
	origin      *telegramtest.User // whose messages are forwarded
	flood, calm []*telegramtest.User
	calmSent    []time.Time // when each calm user sent /start
	ids         []int       // every update sent
}

// newFloodRun creates the users, with ids from base on.
func newFloodRun(h *apptest.Harness, base int64) *floodRun {
	r := &floodRun{origin: h.TG.NewUser(base, "Sumber"), calmSent: make([]time.Time, calm)}
	for i := range flooders {
		r.flood = append(r.flood, h.TG.NewUser(base+1+int64(i), "Banjir"))
	}
	for i := range calm {
		r.calm = append(r.calm, h.TG.NewUser(base+500+int64(i), "Tenang"))
	}
	return r
}

// send lets the flooders send at once, then the calm users, at once too:
// their /start waits behind the whole flood, the worst place to be. It
// returns when all is queued.
func (r *floodRun) send() {
	var (
		mu        sync.Mutex
		wg, flood sync.WaitGroup
		start     = make(chan struct{})
	)
	sent := func(id int) {
		mu.Lock()
		r.ids = append(r.ids, id)
		mu.Unlock()
	}
	for _, u := range r.flood {
		flood.Go(func() {
			<-start
			for j := range perFlooder {
				sent(u.SendForwardFrom(r.origin, fmt.Sprintf("Info banjir nomor %d, mohon disebarkan", j)))
			}
		})
	}
	for i, u := range r.calm {
		wg.Go(func() {
			<-start
			flood.Wait()
			r.calmSent[i] = time.Now()
			sent(u.SendCommand("/start"))
		})
	}
	close(start)
	wg.Wait()
}

// TestFloodingUsersDoNotSlowOthers: 40 users each forward 30 messages at
// once while 10 others send /start. The 10 get their answers; each flooder
// gets one hint for the 20 messages of its budget and one notice for the
// rest, nothing else; after the window the flooder's chat works again.
func TestFloodingUsersDoNotSlowOthers(t *testing.T) {
	h := floodHarness(t)
	r := newFloodRun(h, 300000)
	r.send()
	for _, u := range r.calm {
		apptest.Expect(t, u, startAnswer)
	}
	for _, id := range r.ids {
		h.WaitHandled(id)
	}
	for _, u := range r.flood {
		msgs := u.Messages()
		if len(msgs) != 2 || !strings.Contains(msgs[0].Plain, unknownHint) || msgs[1].Plain != tooMany {
			t.Fatalf("flooder %d got %d messages, want one hint and then one notice; the first: %v", u.ID, len(msgs), msgs[:min(len(msgs), 3)])
		}
		u.WaitNext()
		u.WaitNext()
	}

	// The window is over: the flooder is served again, hint included.
	h.Clock.Advance(time.Hour + time.Second)
	u := r.flood[0]
	u.SendCommand("/start")
	apptest.Expect(t, u, startAnswer)
	u.SendText("halo")
	apptest.Expect(t, u, unknownHint)
}

// TestFloodBudgetAnswersPressesAndKeepsFlows: beyond the budget a button
// press is still answered (so it stops spinning), with the notice, and
// the notice comes once per window however much more is sent; a user in
// the middle of a flow has every answer handled, one by one.
func TestFloodBudgetAnswersPressesAndKeepsFlows(t *testing.T) {
	h := floodHarness(t)
	u := h.TG.NewUser(320001, "Banjir")
	var last int
	for i := range 25 {
		last = u.SendText(fmt.Sprint("halo ", i))
	}
	h.WaitHandled(last)
	hint := apptest.Expect(t, u, unknownHint)
	apptest.Expect(t, u, tooMany)
	for range 3 {
		_, q := u.PressForged(hint.ID, "rw:2")
		if a := h.TG.WaitCallbackAnswered(q); a.Text != tooMany {
			t.Fatalf("a press over the budget was answered %q, want the notice", a.Text)
		}
	}
	last = u.SendText("halo lagi")
	h.WaitHandled(last)
	u.ExpectNoMessage(100 * time.Millisecond)

	// A user in a flow: 30 answers, each handled and answered in turn.
	f := h.TG.NewUser(320002, "Sri")
	f.SendCommand("/daftar")
	apptest.Expect(t, f, "nama lengkap")
	for i := range 30 {
		last = f.SendText(fmt.Sprint(i)) // not a name: asked again
	}
	h.WaitHandled(last)
	for i := range 30 {
		m := apptest.Expect(t, f, "nama lengkap")
		if m.Plain == tooMany {
			t.Fatalf("answer %d in a flow got the flood notice", i)
		}
	}
	f.ExpectNoMessage(100 * time.Millisecond)
}

// TestUnknownTextBurstGetsOneHint: a burst of texts the bot does not
// understand gets one hint, not one per message.
func TestUnknownTextBurstGetsOneHint(t *testing.T) {
	h := floodHarness(t)
	u := h.TG.NewUser(320003, "Ani")
	var last int
	for i := range 5 {
		last = u.SendText(fmt.Sprint("pesan terusan ", i))
	}
	h.WaitHandled(last)
	apptest.Expect(t, u, unknownHint)
	u.ExpectNoMessage(100 * time.Millisecond)
}
