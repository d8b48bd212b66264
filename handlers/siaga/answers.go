package siaga

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// arrivals are the arrival choices after Siap, in button order.
var arrivals = []struct{ code, button, label string }{
	{storage.Arrival30m, btn30m, arr30m},
	{storage.Arrival1j, btn1j, arr1j},
	{storage.ArrivalLebih, btnLebih, arrLebih},
}

// arrivalLabel names an arrival choice.
func arrivalLabel(code string) string {
	for _, a := range arrivals {
		if a.code == code {
			return a.label
		}
	}
	return arrBelum
}

// render is what every recipient of c receives: the call-up with Siap
// berangkat / Tidak bisa (storage.CallupRender).
func render(c *storage.Callup) (string, string, error) {
	b, err := json.Marshal(firstKeyboard(c.ID))
	if err != nil {
		return "", "", fmt.Errorf("siaga: keyboard: %w", err)
	}
	return callText(c) + msgCallAsk, string(b), nil
}

// callText is the call-up as recipients read it, without the question.
func callText(c *storage.Callup) string {
	t := fmt.Sprintf(msgCall, c.Text)
	if c.Latitude != nil && c.Longitude != nil {
		t += fmt.Sprintf(msgCallPin, *c.Latitude, *c.Longitude)
	}
	return t
}

func firstKeyboard(id int64) tgbotapi.InlineKeyboardMarkup {
	return tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnSiap, AnswerPrefix, actSiap, id),
		kit.Button(btnTidak, AnswerPrefix, actTidak, id),
	))
}

// AnswerButton records a recipient's Siap berangkat, arrival or Tidak bisa
// and edits their message to show it, with buttons to change it. Anyone
// may press (the router lets volunteers in), so the store checks that the
// presser was a recipient; after Tutup siaga the press is refused.
func (h *Room) AnswerButton(ctx context.Context, r *kit.Request) (string, error) {
	id, ok := r.Data.ID(1)
	if !ok || r.Data.Len() < 2 || r.Data.Len() > 3 {
		return kit.MsgButtonExpired, nil
	}
	answer, arrival := "", ""
	switch r.Data.Action() {
	case actSiap:
		answer = storage.CallupSiap
	case actTidak:
		answer = storage.CallupTidak
	case actTiba:
		answer, arrival = storage.CallupSiap, r.Data.Field(2)
		if arrivalLabel(arrival) == arrBelum {
			return kit.MsgButtonExpired, nil
		}
	default:
		return kit.MsgButtonExpired, nil
	}
	c, err := h.Store.AnswerCallup(ctx, id, r.From.ID, answer, arrival)
	switch {
	case errors.Is(err, storage.ErrCallupClosed):
		if cc, err := h.Store.CallupByID(ctx, id); err == nil {
			h.editAnswer(ctx, r, callText(cc)+msgAnsClosed, nil)
		}
		return answerClosed, nil
	case errors.Is(err, storage.ErrNotFound):
		return kit.MsgButtonExpired, nil
	case err != nil:
		return "", err
	}
	text, kb := answered(c, answer, arrival, r.Data.Action() == actSiap)
	h.editAnswer(ctx, r, text, &kb)
	return answerSaved, nil
}

// answered is the recipient's message after an answer, with the buttons
// that change it: after Siap the arrival choices (asking is true when
// the arrival is to be picked now).
func answered(c *storage.Callup, answer, arrival string, asking bool) (string, tgbotapi.InlineKeyboardMarkup) {
	tidak := kit.Button(btnTidak, AnswerPrefix, actTidak, c.ID)
	if answer == storage.CallupTidak {
		return callText(c) + msgAnsTidak, tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			kit.Button(btnSiap, AnswerPrefix, actSiap, c.ID)))
	}
	if asking || arrival == "" {
		var row []tgbotapi.InlineKeyboardButton
		for _, a := range arrivals {
			row = append(row, kit.Button(a.button, AnswerPrefix, actTiba, c.ID, a.code))
		}
		return callText(c) + msgAnsSiap, tgbotapi.NewInlineKeyboardMarkup(row, tgbotapi.NewInlineKeyboardRow(tidak))
	}
	return callText(c) + fmt.Sprintf(msgAnsTiba, arrivalLabel(arrival)), tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(kit.Button(btnUbahTiba, AnswerPrefix, actSiap, c.ID), tidak))
}

// editAnswer replaces the pressed message's text and buttons
// (editMessageText, https://core.telegram.org/bots/api#editmessagetext);
// kb nil takes the buttons off.
func (h *Room) editAnswer(ctx context.Context, r *kit.Request, text string, kb *tgbotapi.InlineKeyboardMarkup) {
	if r.Callback == nil || r.Callback.Message == nil {
		return
	}
	e := tgbotapi.NewEditMessageText(r.Chat.ChatID, r.Callback.Message.MessageID, text)
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	if kb == nil {
		kb = &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}
	}
	e.ReplyMarkup = kb
	if _, err := h.Send.Request(ctx, e); err != nil && !bot.IsNotModified(err) {
		h.Log.Warn("editing a call-up answer failed", "chat_id", r.Chat.ChatID, "error", err)
	}
}
