package events

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// maxAcaraList is how many upcoming events /acara lists.
const maxAcaraList = 10

// Acara lists the coordinator's upcoming events with their buttons;
// "/acara baru" starts the flow for a new one.
func (h *Room) Acara(ctx context.Context, r *kit.Request) error {
	if strings.EqualFold(r.Args, "baru") {
		return h.Engine.Start(ctx, r.Chat, flowAcara, nil)
	}
	events, err := h.Store.UpcomingEventsBy(ctx, r.From.ID, h.Now(), maxAcaraList)
	if err != nil {
		return err
	}
	newKB := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(kit.Button(btnEvNew, EventPrefix, "new")))
	if len(events) == 0 {
		return h.SendHTML(ctx, r.Chat.ChatID, msgAcaraNone, newKB)
	}
	if err := h.Replyf(ctx, r, msgAcaraListTitle, kit.FormatInt(len(events))); err != nil {
		return err
	}
	for i := range events {
		e := &events[i]
		kb := tgbotapi.NewInlineKeyboardMarkup(
			tgbotapi.NewInlineKeyboardRow(
				kit.Button(btnEvEdit, EventPrefix, "e", e.ID),
				kit.Button(btnEvCancel, EventPrefix, "c", e.ID)),
			tgbotapi.NewInlineKeyboardRow(
				kit.Button(btnEvAttendance, EventPrefix, "a", e.ID),
				kit.Button(btnEvAnnounce, EventPrefix, "u", e.ID)))
		if err := h.SendHTML(ctx, r.Chat.ChatID, eventCard(e, true), kb); err != nil {
			return err
		}
	}
	return h.SendHTML(ctx, r.Chat.ChatID, msgAcaraNewOffer, newKB)
}

// EventButton handles the coordinator's buttons: "ev:new", "ev:e:<id>"
// (edit), "ev:c:<id>" (cancel?), "ev:cy:<id>" / "ev:cn:<id>" (confirm),
// "ev:a:<id>" (attendance) and "ev:u:<id>" (Umumkan sekarang). The router
// lets only coordinators press them; ownership is checked here, since
// callback data can be forged.
func (h *Room) EventButton(ctx context.Context, r *kit.Request) (string, error) {
	action := r.Data.Action()
	if r.Data.Len() == 1 && action == "new" {
		return "", h.Engine.Start(ctx, r.Chat, flowAcara, nil)
	}
	e, answer, err := kit.Pressed(ctx, h.Env, r, 2, h.Store.EventByID, answerEvGone)
	if answer != "" || err != nil {
		return answer, err
	}
	if e.CreatedBy != r.From.ID && !h.Admins[r.From.ID] {
		return answerEvNotYours, nil
	}
	if action == "a" {
		return "", h.SendHTML(ctx, r.Chat.ChatID, h.attendanceText(ctx, e), nil)
	}
	if e.CancelledAt != nil {
		h.RemoveButtons(ctx, r.Callback)
		return answerEvCancelled, nil
	}
	if !h.Now().Before(e.StartsAt) && action != "cn" {
		return answerEvStarted, nil
	}
	switch action {
	case "e":
		return "", h.Engine.Review(ctx, r.Chat, flowAcara, eventAnswers(e))
	case "c":
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			kit.Button(btnEvCancelYes, EventPrefix, "cy", e.ID),
			kit.Button(btnEvCancelNo, EventPrefix, "cn", e.ID)))
		text := fmt.Sprintf(msgEvCancelConfirm, html.EscapeString(e.Title), kit.FormatInt(e.Attending))
		return answerEvSure, h.SendHTML(ctx, r.Chat.ChatID, text, kb)
	case "cn":
		return "", h.ReplyInPlace(ctx, r, fmt.Sprintf(msgEvNotCancelled, html.EscapeString(e.Title)))
	case "cy":
		return h.cancelEvent(ctx, r, e)
	case "u":
		return "", h.announceEvent(ctx, r, e)
	}
	return kit.MsgButtonExpired, nil
}

// cancelEvent cancels e and tells those who answered Hadir.
// The question "Batalkan acara …?" becomes the outcome.
func (h *Room) cancelEvent(ctx context.Context, r *kit.Request, e *storage.Event) (string, error) {
	if _, err := h.Store.CancelEvent(ctx, e.ID); errors.Is(err, storage.ErrEventCancelled) {
		h.RemoveButtons(ctx, r.Callback)
		return answerEvCancelled, nil
	} else if err != nil {
		return "", err
	}
	atts, err := h.Store.Attendees(ctx, e.ID)
	if err != nil {
		return "", err
	}
	notice := fmt.Sprintf(msgEvCancelledNotice, html.EscapeString(e.Title), kit.FormatDateTime(e.StartsAt), html.EscapeString(e.Place))
	n := h.notifyAttendees(ctx, atts, notice)
	h.Log.Info("event cancelled", "event_id", e.ID, "user_id", r.From.ID, "notified", n)
	return "", h.ReplyInPlace(ctx, r, fmt.Sprintf(msgEvCancelled, html.EscapeString(e.Title), kit.FormatInt(n)))
}

// notifyAttendees sends text, in the background and behind conversation
// replies, to everyone who answered Hadir and can be reached. It returns
// how many that are.
func (h *Room) notifyAttendees(ctx context.Context, atts []storage.Attendee, text string) int {
	var chats []int64
	for _, a := range atts {
		if a.Attending && !a.Unreachable {
			chats = append(chats, a.ChatID)
		}
	}
	h.Go(ctx, func(ctx context.Context) {
		ctx = bot.WithPriority(ctx, bot.PriorityBulk)
		for _, id := range chats {
			if err := h.SendHTML(ctx, id, text, nil); err != nil {
				h.Log.Warn("event notice failed", "chat_id", id, "error", err)
			}
		}
	})
	return len(chats)
}
