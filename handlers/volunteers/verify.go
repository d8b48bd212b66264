package volunteers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Verifikasi shows the oldest pending registration with Setujui / Tolak.
func (h *Room) Verifikasi(ctx context.Context, r *kit.Request) error {
	return h.sendNextPending(ctx, r)
}

// sendNextPending shows the coordinator of r the oldest pending
// registration inside their scope that is not their own: nobody decides
// their own case. The count is of those waiting in the scope.
func (h *Room) sendNextPending(ctx context.Context, r *kit.Request) error {
	chatID := r.Chat.ChatID
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	own, err := h.ownPending(ctx, r, scope)
	if err != nil {
		return err
	}
	pending, err := h.Store.PendingVolunteers(ctx, scope, 2)
	if err != nil {
		return err
	}
	pending = slices.DeleteFunc(pending, func(v storage.Volunteer) bool { return v.TelegramID == r.From.ID })
	switch {
	case len(pending) == 0 && own:
		return h.SendHTML(ctx, chatID, msgNoPendingButOwn, nil)
	case len(pending) == 0:
		return h.SendHTML(ctx, chatID, msgNoPending, nil)
	}
	n, err := h.Store.CountPendingVolunteers(ctx, scope)
	if err != nil {
		return err
	}
	if own {
		n--
	}
	v := &pending[0]
	// The buttons name the version of the data on the card, so a card the
	// volunteer changed since cannot be approved unseen.
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnApprove, VerifyPrefix, "ok", v.ID, cardVersion(v)),
		kit.Button(btnReject, VerifyPrefix, "no", v.ID, cardVersion(v)),
	))
	m, err := h.SendMessage(ctx, chatID, fmt.Sprintf(msgVerifyTitle, kit.FormatInt(n))+"\n"+h.Card(v), kb)
	if err != nil {
		return err
	}
	h.Shown(ctx, v.ID, m)
	return nil
}

// cardVersion identifies the data shown on a card: it changes whenever the
// volunteer changes anything.
func cardVersion(v *storage.Volunteer) string {
	return strconv.FormatInt(v.UpdatedAt.UnixMicro(), 36)
}

// Card is a registration as a coordinator sees it (HTML), personal
// numbers masked: on the verification card and in the profile /cari shows.
func (h *Room) Card(v *storage.Volunteer) string {
	var b lines
	b.identity(v)
	if n, err := parse.NIK(v.NIK, h.Now()); err == nil {
		gender := labelGenderMale
		if n.Female {
			gender = labelGenderFemale
		}
		b.add(labelNIKInfo, gender+", "+fmt.Sprintf(labelAge, n.AgeAt(h.Now())))
	}
	b.add(labelSince, kit.FormatDateTime(v.CreatedAt))
	return b.String()
}

// VerifyButton handles Setujui ("vf:ok:<id>:<version>") and Tolak
// ("vf:no:<id>:<version>"). The router lets only coordinators press them;
// a volunteer outside the presser's scope (a forged press, or a card of
// someone who moved away since) is refused before anything else is said
// of them, and the store checks the scope again when the decision commits.
func (h *Room) VerifyButton(ctx context.Context, r *kit.Request) (string, error) {
	v, answer, err := kit.Pressed(ctx, h.Env, r, 3, h.Store.VolunteerByID, msgVolunteerGone)
	if answer != "" || err != nil {
		return answer, err
	}
	switch in, err := h.inScope(ctx, r, v); {
	case err != nil:
		return "", err
	case !in:
		return kit.MsgOutOfScope, nil
	}
	if v.Status == domain.StatusErased {
		return msgVolunteerGone, nil // the card said so already
	}
	if v.Status != domain.StatusPending {
		h.RemoveButtons(ctx, r.Callback)
		return msgAlreadyDecided, nil
	}
	if v.TelegramID == r.From.ID {
		return msgOwnRegistration, nil // a forged press: no card offers it
	}
	if r.Data.Field(2) != cardVersion(v) {
		h.RemoveButtons(ctx, r.Callback)
		return msgCardChanged, h.sendNextPending(ctx, r)
	}
	switch r.Data.Action() {
	case "ok":
		return h.approve(ctx, r, v)
	case "no":
		return answerRejectReason, h.startTolak(ctx, r, v)
	}
	return kit.MsgButtonExpired, nil
}

func (h *Room) approve(ctx context.Context, r *kit.Request, v *storage.Volunteer) (string, error) {
	v, err := h.Store.DecideVolunteer(ctx, v.ID, h.Actor(r.From.ID), true, "")
	if text, refused := refusal(err); refused {
		if errors.Is(err, storage.ErrAlreadyDecided) {
			h.RemoveButtons(ctx, r.Callback)
		}
		return text, nil
	}
	if err != nil {
		return "", err
	}
	if m := r.Callback.Message; m != nil && m.Chat != nil {
		h.closeCard(ctx, m.Chat.ID, m.MessageID, v, fmt.Sprintf(msgApprovedBy, html.EscapeString(r.From.FirstName)))
	}
	h.TellVolunteer(ctx, v, fmt.Sprintf(msgYouApproved, html.EscapeString(kit.PilarShort(v.Pilar))))
	return answerApproved, h.sendNextPending(ctx, r)
}

// ownPending reports whether the coordinator of r has a registration of
// their own waiting inside scope, which the count they see leaves out.
func (h *Room) ownPending(ctx context.Context, r *kit.Request, scope storage.Scope) (bool, error) {
	v, err := h.VolunteerOf(ctx, r)
	return v != nil && v.Status == domain.StatusPending && scope.Covers(v.Pilar, v.KelurahanCode), err
}

// inScope reports whether v lives inside the scope of the coordinator of
// r, by v's pilar and kelurahan as stored now.
func (h *Room) inScope(ctx context.Context, r *kit.Request, v *storage.Volunteer) (bool, error) {
	scope, err := h.ScopeOf(ctx, r)
	return err == nil && scope.Covers(v.Pilar, v.KelurahanCode), err
}

// refusal is what the coordinator reads when the store refused the
// decision, and whether it did.
var refusal = kit.Refusals{Decided: msgAlreadyDecided, Gone: msgVolunteerGone, Own: msgOwnRegistration}.Of

// closeCard rewrites a verification card with the decision under it and
// without buttons, so that it cannot be pressed again.
func (h *Room) closeCard(ctx context.Context, chatID int64, msgID int, v *storage.Volunteer, note string) {
	if msgID == 0 {
		return
	}
	h.EditHTML(ctx, chatID, msgID, msgVerifyDone+"\n"+h.Card(v)+"\n\n"+note)
}
