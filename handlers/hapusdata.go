package handlers

import (
	"context"
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// hapusdata explains what erasing the personal data removes and keeps,
// and asks Ya / Tidak.
func (h *Handlers) hapusdata(ctx context.Context, r *Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnHapusYes, "hd:yes"),
		tgbotapi.NewInlineKeyboardButtonData(btnHapusNo, "hd:no"),
	))
	return h.SendHTML(ctx, r.Chat.ChatID, msgHapusAsk, kb)
}

// hapusButton handles "hd:yes" and "hd:no". A press only ever acts on the
// presser's own data, so a forged one can do no harm to anybody else.
func (h *Handlers) hapusButton(ctx context.Context, r *Request) (string, error) {
	h.RemoveButtons(ctx, r.Callback)
	switch r.Callback.Data {
	case "hd:no":
		return "", h.Reply(ctx, r, msgHapusKept)
	case "hd:yes":
	default:
		return kit.MsgButtonExpired, nil
	}
	err := h.Store.EraseVolunteer(ctx, r.From.ID)
	if errors.Is(err, storage.ErrNotFound) {
		return "", h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	if err != nil {
		return "", err
	}
	// A flow in progress (an edited profile, a report) holds personal data
	// in Redis too.
	if _, err := h.Engine.Cancel(ctx, r.From.ID); err != nil {
		return "", err
	}
	h.Log.Info("volunteer erased their data", "user_id", r.From.ID)
	return "", h.ReplyRemoveKeyboard(ctx, r, msgHapusDone)
}

// ubahprofil opens the profile summary with the "Ubah" menu, like "Ubah
// data" of /daftar; a change of pilar goes back to verification.
func (h *Handlers) ubahprofil(ctx context.Context, r *Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	mode := "update"
	if v.Status == domain.StatusRejected {
		mode = ""
	}
	return h.Engine.Review(ctx, r.Chat, flowDaftar, volunteerAnswers(v, r, mode))
}
