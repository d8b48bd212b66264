package handlers

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/cbdata"
)

// Route labels for updates that are not a routed command or button.
const (
	RouteText  = "text"  // a private message without a command: a flow's answer, or a hint
	RouteOther = "other" // anything else: an unknown command or button, a group, a membership change
)

// RouteLabel names the route an update takes, for metrics: the command's
// name from the routes table ("daftar"), "button:" and the callback
// prefix of a routed button ("button:rv"), RouteText or RouteOther. The
// names come from the routes table only, never from what the user typed,
// so a label holds no personal data and the number of labels is bounded.
func (h *Handlers) RouteLabel(u *tgbotapi.Update) string {
	switch {
	case u.Message != nil && u.Message.Chat != nil && u.Message.Chat.IsPrivate():
		m := u.Message
		if !m.IsCommand() {
			return RouteText
		}
		if c, ok := h.commands[strings.ToLower(m.Command())]; ok {
			return c.Name
		}
	case u.CallbackQuery != nil:
		data, ok := cbdata.Parse(u.CallbackQuery.Data)
		if cb, routed := h.callbacks[data.Prefix]; ok && routed {
			return "button:" + cb.Prefix
		}
	}
	return RouteOther
}
