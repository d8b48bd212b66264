package broadcast

import (
	"context"
	"errors"
	"fmt"
	"html"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// The buttons of the preview, "um:<action>:<broadcast id>". Buttons sit in
// chats: the wire format must not change.
const (
	UmumkanPrefix = "um"
	actSend       = "go"
	actEdit       = "ed"
	actDrop       = "no"
)

// finishUmumkan stores a draft, shows the preview exactly as volunteers
// will receive it and asks Kirim / Batal with the number of recipients.
func (h *Room) finishUmumkan(ctx context.Context, s *conversations.Session) (string, error) {
	seg := segmentOf(s)
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	label := html.EscapeString(audienceLabel(seg, scope, lblClipped))
	n, err := h.Store.CountSegment(ctx, seg, scope)
	if err != nil {
		return "", err
	}
	if n == 0 && !scope.CityWide() {
		return fmt.Sprintf(msgNoRecipientScope, html.EscapeString(kit.ScopeLabel(scope)), html.EscapeString(segmentLabel(seg))), nil
	}
	if n == 0 {
		return fmt.Sprintf(msgNoRecipient, label), nil
	}
	b := &storage.Broadcast{CreatedBy: s.Chat.UserID, ChatID: s.Chat.ChatID, Text: s.Get(keyPesan), PhotoFileID: s.Get(keyFoto)}
	if err := h.Store.CreateBroadcastDraft(ctx, b, seg, scope); err != nil {
		return "", err
	}
	if err := h.SendHTML(ctx, s.Chat.ChatID, msgPreviewHead, tgbotapi.NewRemoveKeyboard(false)); err != nil {
		return "", err
	}
	if _, err := Send(ctx, h.runner.Caller(), b, s.Chat.ChatID, false); err != nil {
		return "", fmt.Errorf("umumkan: preview: %w", err)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnKirimUmumkan, UmumkanPrefix, actSend, b.ID),
		kit.Button(btnUbahPesan, UmumkanPrefix, actEdit, b.ID),
		kit.Button(btnBatalKirim, UmumkanPrefix, actDrop, b.ID),
	))
	if err := h.SendHTML(ctx, s.Chat.ChatID, fmt.Sprintf(msgConfirmSend, label, kit.FormatInt(n)), kb); err != nil {
		return "", err
	}
	return "", nil // everything is said
}

// UmumkanButton handles Kirim / Ubah pesan / Batal of a draft. Callbacks
// can be forged: only the coordinator who wrote the draft can send or
// cancel it, and only while it is a draft.
func (h *Room) UmumkanButton(ctx context.Context, r *kit.Request) (string, error) {
	if r.Data.Len() != 2 || r.Callback.Message == nil {
		return kit.MsgButtonExpired, nil
	}
	id, ok := r.Data.ID(1)
	if !ok {
		return kit.MsgButtonExpired, nil
	}
	b, err := h.Store.BroadcastByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && (b.CreatedBy != r.From.ID || b.Status != storage.BroadcastDraft)) {
		h.RemoveButtons(ctx, r.Callback)
		return kit.MsgButtonExpired, nil
	}
	if err != nil {
		return "", err
	}
	switch r.Data.Action() {
	case actSend:
		return h.start(ctx, r, id)
	case actDrop:
		if err := h.Store.CancelBroadcastDraft(ctx, id); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return "", err
		}
		h.EditHTML(ctx, r.Chat.ChatID, r.Callback.Message.MessageID, msgSendCancel)
		return "", nil
	case actEdit:
		return h.rewrite(ctx, r, b)
	}
	return kit.MsgButtonExpired, nil
}

// start queues the draft for every recipient (Kirim) and turns the
// question into the progress message the runner keeps up to date.
func (h *Room) start(ctx context.Context, r *kit.Request, id int64) (string, error) {
	msgID := r.Callback.Message.MessageID
	b, err := h.Store.StartBroadcast(ctx, id, h.Actor(r.From.ID), int64(msgID))
	if errors.Is(err, storage.ErrNotFound) {
		return kit.MsgButtonExpired, nil
	}
	if errors.Is(err, storage.ErrNotCoordinator) {
		return kit.MsgNoLongerCoord, nil
	}
	if err != nil {
		return "", err
	}
	text := progressText(b, storage.BroadcastCounts{Pending: b.Total})
	if _, err := h.Store.ClaimProgress(ctx, b.ID, text, 0); err != nil {
		return "", err
	}
	h.EditHTML(ctx, r.Chat.ChatID, msgID, text)
	h.runner.Kick()
	h.Log.Info("broadcast started", "broadcast_id", b.ID, "recipients", b.Total, "user_id", r.From.ID)
	return answerStarted, nil
}

// rewrite drops the draft (Ubah pesan); the flow asks the message again
// for the same audience and shows a new preview.
func (h *Room) rewrite(ctx context.Context, r *kit.Request, b *storage.Broadcast) (string, error) {
	if err := h.Store.CancelBroadcastDraft(ctx, b.ID); errors.Is(err, storage.ErrNotFound) {
		return kit.MsgButtonExpired, nil
	} else if err != nil {
		return "", err
	}
	h.RemoveButtons(ctx, r.Callback)
	return answerUbahPesan, h.Engine.Start(ctx, r.Chat, flowUmumkan, map[string]string{keySegmen: string(b.SegmentJSON)})
}
