package apptest

import (
	"fmt"
	"slices"
	"strings"
)

// Calls counts the fake's Bot API calls by method, failed ones included:
// take one before an exchange and one after, and Since says what the
// exchange cost. Counting calls, not time, keeps a figure exact on a busy
// machine.
type Calls map[string]int

// Calls returns the counts so far.
func (h *Harness) Calls() Calls {
	out := Calls{}
	for m, s := range h.TG.Stats().Methods {
		out[m] = s.Received
	}
	return out
}

// Since returns the calls that reach a chat (send…, edit…, copy…,
// answerCallbackQuery, deleteMessage) made after before. The bot's polling
// and its start-up (getUpdates, deleteWebhook, setMyCommands) depend on
// timing, not on the exchange, and are left out.
func (c Calls) Since(before Calls) Calls {
	out := Calls{}
	for m, n := range c {
		if d := n - before[m]; d > 0 && reachesChat(m) {
			out[m] = d
		}
	}
	return out
}

func reachesChat(method string) bool {
	for _, p := range []string{"send", "edit", "copy", "answerCallbackQuery", "deleteMessage"} {
		if strings.HasPrefix(method, p) {
			return true
		}
	}
	return false
}

// String lists the counts by method name, e.g. "editMessageText=1 sendMessage=7".
func (c Calls) String() string {
	var parts []string
	for m, n := range c {
		parts = append(parts, fmt.Sprintf("%s=%d", m, n))
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}
