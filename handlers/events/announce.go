package events

import (
	"context"
	"fmt"
	"html"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// announcementOffer is the receipt of a new event: its card, with
// "Umumkan sekarang" under it (s.Buttons). The engine edits the summary
// into it, so the coordinator gets both with one call.
func announcementOffer(s *conversations.Session, e *storage.Event) string {
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(kit.Button(btnEvAnnounce, EventPrefix, "u", e.ID)))
	s.Buttons = &kb
	return fmt.Sprintf(msgAcaraSaved, eventCard(e, true)) + "\n\n" + msgEvAnnounceQ
}

// announceEvent opens /umumkan for e ("Umumkan sekarang"): the audience is
// the event's targeting and the message its details, so the coordinator
// goes straight to the preview with Kirim / Ubah pesan / Batal. The router has
// checked the role; EventButton has checked the ownership and that e is
// neither cancelled nor started.
func (h *Room) announceEvent(ctx context.Context, r *kit.Request, e *storage.Event) error {
	h.Log.Info("event announcement opened", "event_id", e.ID, "user_id", r.From.ID)
	return h.deps.Announce(ctx, r, e.TargetSegment(), eventAnnouncement(e))
}

// eventAnnouncement is the message volunteers receive about e (HTML):
// title and kind, the date in Indonesian, the place, the description and
// how to answer. At most about 1,400 characters (title 150, place 200,
// description 1,000), far below Telegram's 4,096.
func eventAnnouncement(e *storage.Event) string {
	text := fmt.Sprintf(msgEvAnnounce, html.EscapeString(e.Title), eventKindLabel(e.Kind), eventWhen(e), html.EscapeString(e.Place))
	if e.Description != "" {
		text += fmt.Sprintf(msgEvAnnounceKe, html.EscapeString(e.Description))
	}
	return text + msgEvAnnounceJd
}
