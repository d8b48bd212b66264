package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// firstUserID is the Telegram id of simulated user 0; user i is
// firstUserID + i.
const firstUserID int64 = 1_000_000

// A step is one thing a simulated user does: send an input (send), or
// press the inline button whose label press accepts on the newest bot
// message that has one, which ends the flow.
type step struct {
	send  func(u *telegramtest.User) int
	press func(label string) bool
}

// flow is a scripted conversation. The script is bot-agnostic: after each
// input the user waits for the bot's next message or edit in the chat,
// whatever it says, and the final press is complete when the bot sends a
// new message or changes the pressed message's text (the receipt; taking
// the buttons off is not one).
type flow struct {
	name     string
	verified bool // users are seeded as verified volunteers first
	event    bool // one upcoming event is seeded first
	steps    func(i int) []step
}

var flows = map[string]*flow{
	"daftar": {name: "daftar", steps: daftarSteps},
	"lapor":  {name: "lapor", verified: true, steps: laporSteps},
	"rsvp":   {name: "rsvp", verified: true, event: true, steps: rsvpSteps},
}

func text(s string) step {
	return step{send: func(u *telegramtest.User) int { return u.SendText(s) }}
}

func pressContaining(want string, not ...string) step {
	return step{press: func(label string) bool {
		l := strings.ToLower(label)
		for _, n := range not {
			if strings.Contains(l, strings.ToLower(n)) {
				return false
			}
		}
		return strings.Contains(l, strings.ToLower(want))
	}}
}

// daftarSteps is /daftar with valid answers, as in handlers/apptest.
func daftarSteps(i int) []step {
	return []step{text("/daftar"), text(volunteerName(i)), text("PSM"), text("Panggungrejo"), text("Mayangan"),
		text(apptest.TestPhone), text(apptest.NIK(1000 + i)), pressContaining("Simpan")}
}

// laporSteps is a PSM "Penyuluhan" report with a map pin, a description
// and one photo, sent with Kirim.
func laporSteps(int) []step {
	return []step{text("/lapor"), text("Penyuluhan"), text("Hari ini"), text("Mayangan"),
		{send: func(u *telegramtest.User) int { return u.SendLocation(-7.6406, 112.9064) }},
		text("Penyuluhan gizi balita di posyandu RW 03 bersama kader."),
		{send: func(u *telegramtest.User) int { return u.SendPhoto("") }},
		text("Selesai"), pressContaining("Kirim")}
}

// rsvpSteps opens /jadwal and answers Hadir to the seeded event.
func rsvpSteps(int) []step {
	return []step{text("/jadwal"), pressContaining("Hadir", "Tidak")}
}

// userResult is what one simulated user measured.
type userResult struct {
	updates []int         // update ids the user sent, in order
	tap     time.Duration // the final press → the receipt, as seen at the fake
}

var errTimeout = errors.New("no answer from the bot")

// runUser plays f's script as user i and waits at most wait for each
// answer; with pace, each input also waits for its turn in the shared
// offered rate.
func runUser(ctx context.Context, u *telegramtest.User, f *flow, i int, wait time.Duration, pace *rate.Limiter) (userResult, error) {
	var res userResult
	for n, st := range f.steps(i) {
		if pace != nil {
			if err := pace.Wait(ctx); err != nil {
				return res, err
			}
		}
		if st.send != nil {
			seen, _ := u.Activity()
			res.updates = append(res.updates, st.send(u))
			if err := waitFor(ctx, u, wait, func(n int) bool { return n > seen }); err != nil {
				return res, fmt.Errorf("user %d, step %d: %w", i, n+1, err)
			}
			continue
		}
		tap, id, err := pressAndWait(ctx, u, st.press, wait)
		if id != 0 {
			res.updates = append(res.updates, id)
		}
		if err != nil {
			return res, fmt.Errorf("user %d, step %d (press): %w", i, n+1, err)
		}
		res.tap = tap
	}
	return res, nil
}

// pressAndWait presses the button match accepts on the newest bot message
// that has one (waiting for it if need be), then waits for the receipt.
// It returns the time from the press to the receipt at the fake.
func pressAndWait(ctx context.Context, u *telegramtest.User, match func(string) bool, wait time.Duration) (time.Duration, int, error) {
	var msg *telegramtest.Message
	var label string
	err := waitFor(ctx, u, wait, func(int) bool { msg, label = findButton(u, match); return msg != nil })
	if err != nil {
		return 0, 0, fmt.Errorf("no button to press: %w", err)
	}
	before := len(u.Messages())
	id, _ := u.Press(msg, msg.CallbackData(label))
	var receiptAt time.Time
	err = waitFor(ctx, u, wait, func(int) bool {
		if msgs := u.Messages(); len(msgs) > before {
			receiptAt = msgs[before].SentAt
			return true
		}
		if m := u.Message(msg.ID); m != nil && m.Plain != msg.Plain {
			receiptAt = m.EditedAt
			return true
		}
		return false
	})
	if err != nil {
		return 0, id, fmt.Errorf("no receipt: %w", err)
	}
	t, _ := u.Server().Timing(id)
	return receiptAt.Sub(t.Queued), id, nil
}

// findButton returns the newest live bot message with a button match
// accepts, and the button's label.
func findButton(u *telegramtest.User, match func(string) bool) (*telegramtest.Message, string) {
	msgs := u.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Deleted {
			continue
		}
		for _, row := range msgs[i].Buttons() {
			for _, b := range row {
				if match(b) && msgs[i].CallbackData(b) != "" {
					return msgs[i], b
				}
			}
		}
	}
	return nil, ""
}

// waitFor waits until done, given the chat's activity count, is true; it
// checks at once and after each send or edit of the bot in u's chat.
func waitFor(ctx context.Context, u *telegramtest.User, wait time.Duration, done func(activity int) bool) error {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		n, next := u.Activity()
		if done(n) {
			return nil
		}
		select {
		case <-next:
		case <-timer.C:
			return fmt.Errorf("%w within %v", errTimeout, wait)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
