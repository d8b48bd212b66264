package handlers

import (
	"context"
	"fmt"
	"html"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// offerAnnouncement tells the coordinator a new event is saved and offers
// "Umumkan sekarang". The event is stored already, so a failed send is
// logged, not returned: the flow must end, or Simpan pressed again would
// store the event twice.
func (h *Handlers) offerAnnouncement(ctx context.Context, chatID int64, e *storage.Event) {
	if err := h.SendHTML(ctx, chatID, fmt.Sprintf(msgAcaraSaved, eventCard(e, true)), tgbotapi.NewRemoveKeyboard(false)); err != nil {
		h.Log.Warn("sending the saved event failed", "event_id", e.ID, "error", err)
		return
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnEvAnnounce, "ev:u:"+strconv.FormatInt(e.ID, 10))))
	if err := h.SendHTML(ctx, chatID, msgEvAnnounceQ, kb); err != nil {
		h.Log.Warn("offering the announcement failed", "event_id", e.ID, "error", err)
	}
}

// announceEvent opens /umumkan for e ("Umumkan sekarang"): the audience is
// the event's targeting and the message its details, so the coordinator
// goes straight to the preview with Kirim / Ubah pesan / Batal. The caller
// (eventButton) has checked the role, the ownership and that e is neither
// cancelled nor started.
func (h *Handlers) announceEvent(ctx context.Context, r *Request, e *storage.Event) error {
	h.Log.Info("event announcement opened", "event_id", e.ID, "user_id", r.From.ID)
	return h.prefillUmumkan(ctx, r, eventSegment(e), eventAnnouncement(e))
}

// eventSegment is the broadcast audience an event is aimed at: its pilar
// types and its kecamatan and kelurahan (storage.Segment matches them the
// way storage.EventsFor does).
func eventSegment(e *storage.Event) storage.Segment {
	g := storage.Segment{Pilars: e.Pilars}
	for _, code := range e.Regions {
		if _, ok := domain.KecamatanByCode(code); ok {
			g.Kecamatans = append(g.Kecamatans, code)
		} else {
			g.Kelurahans = append(g.Kelurahans, code)
		}
	}
	return g
}

// eventAnnouncement is the message volunteers receive about e (HTML):
// title and kind, the date in Indonesian, the place, the description and
// how to answer. At most about 1,400 characters (title 150, place 200,
// description 1,000), far below Telegram's 4,096.
func eventAnnouncement(e *storage.Event) string {
	when := kit.FormatDateTime(e.StartsAt)
	if e.EndsAt != nil {
		when += fmt.Sprintf(cardUntil, endLabel(e.StartsAt, *e.EndsAt))
	}
	text := fmt.Sprintf(msgEvAnnounce, html.EscapeString(e.Title), eventKindLabel(e.Kind), when, html.EscapeString(e.Place))
	if e.Description != "" {
		text += fmt.Sprintf(msgEvAnnounceKe, html.EscapeString(e.Description))
	}
	return text + msgEvAnnounceJd
}
