package volunteers

import (
	"context"
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// HapusData explains what erasing the personal data removes and keeps,
// and asks Ya / Tidak.
func (h *Room) HapusData(ctx context.Context, r *kit.Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnHapusYes, HapusPrefix, "yes"),
		kit.Button(btnHapusNo, HapusPrefix, "no"),
	))
	return h.SendHTML(ctx, r.Chat.ChatID, msgHapusAsk, kb)
}

// HapusButton handles "hd:yes" and "hd:no". A press only ever acts on the
// presser's own data, so a forged one can do no harm to anybody else.
func (h *Room) HapusButton(ctx context.Context, r *kit.Request) (string, error) {
	switch action(r) {
	case "no":
		return "", h.ReplyInPlace(ctx, r, msgHapusKept)
	case "yes":
		// The notice that the data is gone also takes away any reply
		// keyboard a flow left, so it is a message of its own.
		h.RemoveButtons(ctx, r.Callback)
	default:
		h.RemoveButtons(ctx, r.Callback)
		return kit.MsgButtonExpired, nil
	}
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return "", err
	}
	if v != nil {
		err = h.Store.EraseVolunteer(ctx, r.From.ID)
	}
	if v == nil || errors.Is(err, storage.ErrNotFound) {
		return "", h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	if err != nil {
		return "", err
	}
	// Coordinators' chats: the cards and notices that showed them.
	h.EraseShown(ctx, v.ID)
	if err := h.eraseTraces(ctx, r.From.ID); err != nil {
		return "", err
	}
	h.Log.Info("volunteer erased their data", "user_id", r.From.ID)
	return "", h.ReplyRemoveKeyboard(ctx, r, msgHapusDone)
}

// eraseTraces removes what Redis holds of the user: a flow in progress (an
// edited profile, a report) and the received updates not handled yet,
// both of which may hold what they typed.
func (h *Room) eraseTraces(ctx context.Context, userID int64) error {
	if _, err := h.Engine.Cancel(ctx, userID); err != nil {
		return err
	}
	_, err := h.deps.PurgeInbox(ctx, userID)
	return err
}
