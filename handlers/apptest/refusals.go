package apptest

import (
	"strings"

	"pilarbot/bot/telegramtest"
)

// allowedRefusal is a call a test makes the bot's Telegram refuse on
// purpose.
type allowedRefusal struct{ method, contains string }

// AllowRefusal lets the test pass although the fake refuses calls of
// method whose description contains contains: for tests that inject
// faults on purpose (a callback query expired with ExpireCallback, a
// message deleted under the bot). Every other refusal still fails the
// test.
func (h *Harness) AllowRefusal(method, contains string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.allowed = append(h.allowed, allowedRefusal{method, contains})
}

// checkRefusals fails the test for every Bot API call the fake refused
// that the test did not allow: Telegram would have refused it too, so the
// user would have missed a message, a button or an update. It runs at
// cleanup, after the bot stopped.
func (h *Harness) checkRefusals() {
	refused, total := h.TG.Refused()
	h.mu.Lock()
	allowed := h.allowed
	h.mu.Unlock()
	var bad []string
	for _, r := range refused {
		if !refusalAllowed(r, allowed) {
			bad = append(bad, "  "+r.String())
		}
	}
	if len(bad) > 0 {
		h.T.Errorf("the bot made %d Bot API call(s) Telegram refuses (%d refusals in all):\n%s",
			len(bad), total, strings.Join(bad, "\n"))
	}
}

func refusalAllowed(r telegramtest.Refusal, allowed []allowedRefusal) bool {
	for _, a := range allowed {
		if r.Method == a.method && strings.Contains(r.Description, a.contains) {
			return true
		}
	}
	return false
}
