package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowTolak = "tolak"

	keyReason    = "alasan"
	keyVolID     = "_vid"
	keyVolName   = "_vname"
	keyCardMsg   = "_card"
	keyCoordName = "_coord"
)

// verifikasi shows the oldest pending registration with Setujui / Tolak.
func (h *Handlers) verifikasi(ctx context.Context, r *Request) error {
	return h.sendNextPending(ctx, r.Chat.ChatID)
}

func (h *Handlers) sendNextPending(ctx context.Context, chatID int64) error {
	pending, err := h.Store.PendingVolunteers(ctx, 1)
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		return h.SendHTML(ctx, chatID, msgNoPending, nil)
	}
	n, err := h.Store.CountPendingVolunteers(ctx)
	if err != nil {
		return err
	}
	v := &pending[0]
	// The buttons name the version of the data on the card, so a card the
	// volunteer changed since cannot be approved unseen.
	id := strconv.FormatInt(v.ID, 10) + ":" + cardVersion(v)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnApprove, "vf:ok:"+id),
		tgbotapi.NewInlineKeyboardButtonData(btnReject, "vf:no:"+id),
	))
	return h.SendHTML(ctx, chatID, fmt.Sprintf(msgVerifyTitle, kit.FormatInt(n))+"\n"+h.volunteerCard(v), kb)
}

// cardVersion identifies the data shown on a card: it changes whenever the
// volunteer changes anything.
func cardVersion(v *storage.Volunteer) string {
	return strconv.FormatInt(v.UpdatedAt.UnixMicro(), 36)
}

// volunteerCard is a registration as a coordinator reviews it (HTML).
func (h *Handlers) volunteerCard(v *storage.Volunteer) string {
	var b strings.Builder
	line := func(label, value string) {
		b.WriteString("\n" + label + ": <b>" + html.EscapeString(value) + "</b>")
	}
	line(labelNama, v.FullName)
	line(labelPilar, kit.PilarLong(v.Pilar))
	line(labelKelurahan, kit.KelurahanLong(v.KelurahanCode))
	line(labelHP, kit.MaskPhone(v.Phone))
	line(labelNIK, kit.MaskNIK(v.NIK))
	if n, err := parse.NIK(v.NIK, h.Now()); err == nil {
		gender := labelGenderMale
		if n.Female {
			gender = labelGenderFemale
		}
		line(labelNIKInfo, gender+", "+fmt.Sprintf(labelAge, n.AgeAt(h.Now())))
	}
	line(labelSince, kit.FormatDateTime(v.CreatedAt))
	return b.String()
}

// verifyButton handles Setujui ("vf:ok:<id>") and Tolak ("vf:no:<id>").
// The router lets only coordinators press them.
func (h *Handlers) verifyButton(ctx context.Context, r *Request) (string, error) {
	parts := strings.Split(r.Callback.Data, ":")
	if len(parts) != 4 {
		return kit.MsgButtonExpired, nil
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return kit.MsgButtonExpired, nil
	}
	v, err := h.Store.VolunteerByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		h.RemoveButtons(ctx, r.Callback)
		return msgVolunteerGone, nil
	}
	if err != nil {
		return "", err
	}
	if v.Status != domain.StatusPending {
		h.RemoveButtons(ctx, r.Callback)
		return msgAlreadyDecided, nil
	}
	if parts[3] != cardVersion(v) {
		h.RemoveButtons(ctx, r.Callback)
		return msgCardChanged, h.sendNextPending(ctx, r.Chat.ChatID)
	}
	switch parts[1] {
	case "ok":
		return h.approve(ctx, r, v)
	case "no":
		msgID := 0
		if r.Callback.Message != nil {
			msgID = r.Callback.Message.MessageID
		}
		return answerRejectReason, h.Engine.Start(ctx, r.Chat, flowTolak, map[string]string{
			keyVolID:     parts[2],
			keyVolName:   v.FullName,
			keyCardMsg:   strconv.Itoa(msgID),
			keyCoordName: r.From.FirstName,
		})
	}
	return kit.MsgButtonExpired, nil
}

func (h *Handlers) approve(ctx context.Context, r *Request, v *storage.Volunteer) (string, error) {
	v, err := h.Store.DecideVolunteer(ctx, v.ID, r.From.ID, true, "")
	if errors.Is(err, storage.ErrAlreadyDecided) {
		h.RemoveButtons(ctx, r.Callback)
		return msgAlreadyDecided, nil
	}
	if err != nil {
		return "", err
	}
	if m := r.Callback.Message; m != nil && m.Chat != nil {
		h.closeCard(ctx, m.Chat.ID, m.MessageID, v, fmt.Sprintf(msgApprovedBy, html.EscapeString(r.From.FirstName)))
	}
	h.tellVolunteer(ctx, v, fmt.Sprintf(msgYouApproved, html.EscapeString(kit.PilarShort(v.Pilar))))
	return answerApproved, h.sendNextPending(ctx, r.Chat.ChatID)
}

// tolakFlow asks a coordinator for the reason of a rejection.
func (h *Handlers) tolakFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowTolak,
		Entry: "verifikasi",
		Title: flowTolakTitle,
		Steps: []conversations.Step{{
			Key: keyReason, Label: labelReason,
			Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
				return conversations.Prompt{Text: fmt.Sprintf(askRejectReason, html.EscapeString(s.Get(keyVolName)))}, nil
			},
			Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
				return parse.TextNamed(t, "Alasan", 5, 500)
			}),
		}},
		Finish: h.finishTolak,
	}
}

func (h *Handlers) finishTolak(ctx context.Context, s *conversations.Session) (string, error) {
	id, err := strconv.ParseInt(s.Get(keyVolID), 10, 64)
	if err != nil {
		return "", fmt.Errorf("handlers: bad volunteer id in rejection flow: %w", err)
	}
	v, err := h.Store.DecideVolunteer(ctx, id, s.Chat.UserID, false, s.Get(keyReason))
	if errors.Is(err, storage.ErrAlreadyDecided) {
		return msgAlreadyDecided, nil
	}
	if errors.Is(err, storage.ErrNotFound) {
		return msgVolunteerGone, nil
	}
	if err != nil {
		return "", err
	}
	msgID, _ := strconv.Atoi(s.Get(keyCardMsg))
	h.closeCard(ctx, s.Chat.ChatID, msgID, v, fmt.Sprintf(msgRejectedBy, html.EscapeString(s.Get(keyCoordName)), html.EscapeString(v.StatusNote)))
	h.tellVolunteer(ctx, v, fmt.Sprintf(msgYouRejected, html.EscapeString(v.StatusNote)))
	return msgRejectDone, nil
}

// tellVolunteer sends a decision to the volunteer. A volunteer who blocked
// the bot is marked unreachable by the sender; the decision stands anyway.
func (h *Handlers) tellVolunteer(ctx context.Context, v *storage.Volunteer, text string) {
	if err := h.SendHTML(ctx, v.ChatID, text, nil); err != nil {
		h.Log.Warn("telling volunteer the decision failed", "volunteer_id", v.ID, "error", err)
	}
}

// closeCard rewrites a verification card with the decision under it and
// without buttons, so that it cannot be pressed again.
func (h *Handlers) closeCard(ctx context.Context, chatID int64, msgID int, v *storage.Volunteer, note string) {
	if msgID == 0 {
		return
	}
	edit := tgbotapi.NewEditMessageText(chatID, msgID, msgVerifyDone+"\n"+h.volunteerCard(v)+"\n\n"+note)
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := h.Send.Request(ctx, edit); err != nil {
		h.Log.Warn("closing verification card failed", "chat_id", chatID, "error", err)
	}
}

// removeButtons takes the inline keyboard off a pressed message.
func (h *Handlers) removeButtons(ctx context.Context, q *tgbotapi.CallbackQuery) {
	if q == nil || q.Message == nil || q.Message.Chat == nil {
		return
	}
	edit := tgbotapi.NewEditMessageReplyMarkup(q.Message.Chat.ID, q.Message.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	if _, err := h.Send.Request(ctx, edit); err != nil {
		h.Log.Debug("removing buttons failed", "error", err)
	}
}
