package handlers

import (
	"context"
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/storage"
)

// hapusdata explains what erasing the personal data removes and keeps,
// and asks Ya / Tidak.
func (h *Handlers) hapusdata(ctx context.Context, r *Request) error {
	v, err := h.volunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.reply(ctx, r, msgNotRegistered)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnHapusYes, "hd:yes"),
		tgbotapi.NewInlineKeyboardButtonData(btnHapusNo, "hd:no"),
	))
	return h.sendHTML(ctx, r.Chat.ChatID, msgHapusAsk, kb)
}

// hapusButton handles "hd:yes" and "hd:no". A press only ever acts on the
// presser's own data, so a forged one can do no harm to anybody else.
func (h *Handlers) hapusButton(ctx context.Context, r *Request) (string, error) {
	h.removeButtons(ctx, r.Callback)
	switch r.Callback.Data {
	case "hd:no":
		return "", h.reply(ctx, r, msgHapusKept)
	case "hd:yes":
	default:
		return msgButtonExpired, nil
	}
	err := h.store.EraseVolunteer(ctx, r.From.ID)
	if errors.Is(err, storage.ErrNotFound) {
		return "", h.reply(ctx, r, msgNotRegistered)
	}
	if err != nil {
		return "", err
	}
	// A flow in progress (an edited profile, a report) holds personal data
	// in Redis too.
	if _, err := h.engine.Cancel(ctx, r.From.ID); err != nil {
		return "", err
	}
	h.log.Info("volunteer erased their data", "user_id", r.From.ID)
	return "", h.replyRemoveKeyboard(ctx, r, msgHapusDone)
}

// ubahprofil opens the profile summary with the "Ubah" menu, like "Ubah
// data" of /daftar; a change of pilar goes back to verification.
func (h *Handlers) ubahprofil(ctx context.Context, r *Request) error {
	v, err := h.volunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.reply(ctx, r, msgNotRegistered)
	}
	mode := "update"
	if v.Status == string(storage.StatusRejected) {
		mode = ""
	}
	return h.engine.Review(ctx, r.Chat, flowDaftar, volunteerAnswers(v, r, mode))
}
