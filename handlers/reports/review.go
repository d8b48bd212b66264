package reports

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// The actions of the "rv" buttons on a new-report card: "rv:<action>:<id>".
// Cards sit in coordinators' chats for weeks, so these never change.
const (
	actApprove = "ok"
	actFix     = "fix"
	actReject  = "no"
)

// ReviewButton handles Setujui ("rv:ok:<id>"), Perlu perbaikan
// ("rv:fix:<id>") and Tolak ("rv:no:<id>"); the router lets only
// coordinators press them. A report whose reporter lies outside the
// presser's scope is refused before anything else, so a forged press
// learns nothing and starts nothing; the store checks the scope again
// when the decision commits. Setujui decides at once; the other two ask
// for the note the volunteer will read (the catatan flow).
func (h *Room) ReviewButton(ctx context.Context, r *kit.Request) (string, error) {
	rep, answer, err := kit.Pressed(ctx, h.Env, r, 2, h.Store.ReportByID, msgReportGone)
	if answer != "" || err != nil {
		return answer, err
	}
	reporter, scope, ok, err := h.inScope(ctx, r, rep)
	if err != nil {
		return "", err
	}
	if !ok {
		return kit.MsgOutOfScope, nil
	}
	if rep.Status != domain.ReportSubmitted {
		return h.alreadyReviewed(ctx, r, rep, reporter, scope)
	}
	if reporter.TelegramID == r.From.ID {
		return msgOwnReport, nil // a forged press: the reporter gets no card
	}
	var to domain.ReportStatus
	switch r.Data.Action() {
	case actApprove:
		return h.approveReport(ctx, r, rep, reporter, scope)
	case actFix:
		to = domain.ReportNeedsCorrection
	case actReject:
		to = domain.ReportRejected
	default:
		return kit.MsgButtonExpired, nil
	}
	c, queue, photo := pressedCard(r.Callback, rep.ID), "", ""
	if fromQueue(r.Callback) {
		queue = "1"
	}
	if c.photo {
		photo = "1"
	}
	return answerReportNote, h.Engine.Start(ctx, r.Chat, flowCatatan, map[string]string{
		keyCReportID:  strconv.FormatInt(rep.ID, 10),
		keyCNumber:    rep.Number,
		keyCStatus:    string(to),
		keyCCardMsg:   strconv.Itoa(c.msgID),
		keyCCardPhoto: photo,
		keyCQueue:     queue,
	})
}

// approveReport records Setujui, turns the card into the decision and
// tells the volunteer (reporter). Another coordinator may have decided a
// moment earlier; the store refuses a second decision, and the presser
// hears who made it.
func (h *Room) approveReport(ctx context.Context, r *kit.Request, rep *storage.Report, reporter *storage.Volunteer, scope storage.Scope) (string, error) {
	decided, err := h.Store.ReviewReport(ctx, rep.ID, h.Actor(r.From.ID), domain.ReportApproved, "")
	if errors.Is(err, storage.ErrAlreadyReviewed) {
		return h.alreadyReviewed(ctx, r, rep, reporter, scope)
	}
	if text, refused := refusal(err); refused {
		return text, nil
	}
	if err != nil {
		return "", err
	}
	h.tellReporter(ctx, reporter, fmt.Sprintf(msgYouReportOK, html.EscapeString(decided.Number)))
	done := fmt.Sprintf(msgReportApprovedBy, html.EscapeString(decided.Number))
	// rep, loaded with its photos, is what the card shows; the decision
	// returns the row without them.
	return answerReportOK, h.afterDecision(ctx, r.Chat, scope, pressedCard(r.Callback, rep.ID), rep, reporter,
		fromQueue(r.Callback), done)
}

// alreadyReviewed answers a press on a report decided meanwhile, from
// this card or elsewhere: by whom and what, "Laporan ini sudah ditinjau
// oleh Bu Sri: Disetujui.", which the card then shows instead of its
// buttons. A queue card decided by someone else moves on to the next
// report, since that is what its presser was doing (their own second tap
// has brought it already).
func (h *Room) alreadyReviewed(ctx context.Context, r *kit.Request, rep *storage.Report, reporter *storage.Volunteer, scope storage.Scope) (string, error) {
	answer, by, err := h.decidedBy(ctx, rep.ID)
	if err != nil {
		h.RemoveButtons(ctx, r.Callback)
		return "", err
	}
	if !h.closeCard(ctx, pressedCard(r.Callback, rep.ID), answer, rep, reporter) {
		h.RemoveButtons(ctx, r.Callback)
	}
	if fromQueue(r.Callback) && by != r.From.ID {
		return answer, h.sendQueueCard(ctx, r.Chat.ChatID, r.From.ID, scope, rep.ID)
	}
	return answer, nil
}

// decidedBy says who decided report id and what, by the reviewer's name
// in the coordinators table or, for an admin without one, their id; it
// returns the reviewer's Telegram id too.
func (h *Room) decidedBy(ctx context.Context, id int64) (string, int64, error) {
	reviews, err := h.Store.ReportReviews(ctx, []int64{id})
	if err != nil {
		return "", 0, err
	}
	rv, ok := reviews[id]
	if !ok {
		return msgReportReviewed, 0, nil
	}
	return fmt.Sprintf(msgReviewedBy, kit.NameOrID(rv.ActorID, rv.ActorName), kit.ReportStatusLabel(rv.Status)), rv.ActorID, nil
}

// afterDecision shows the coordinator in chat their decision on rep (done,
// HTML) in the card they pressed (c) and what is left: on a queue card
// the next waiting report after the decided one follows at once;
// elsewhere the card says how many still wait, with /tinjau. Only when
// the card cannot show it does done come as a message of its own.
func (h *Room) afterDecision(ctx context.Context, chat conversations.Chat, scope storage.Scope, c card, rep *storage.Report,
	reporter *storage.Volunteer, queue bool, done string) error {
	if !queue {
		var err error
		if done, err = h.stillWaiting(ctx, scope, chat.UserID, done, "\n"); err != nil {
			return err
		}
	}
	if !h.closeCard(ctx, c, done, rep, reporter) {
		if err := h.SendHTML(ctx, chat.ChatID, done, nil); err != nil {
			return err
		}
	}
	if queue {
		return h.sendQueueCard(ctx, chat.ChatID, chat.UserID, scope, rep.ID)
	}
	return nil
}

// refusal is what the coordinator reads when the store refused the
// decision, and whether it did.
var refusal = kit.Refusals{Decided: msgReportReviewed, Gone: msgReportGone, Own: msgOwnReport}.Of

// tellReporter sends a review decision to the volunteer who reported
// (v, nil when they could not be found: the decision stands anyway). A
// volunteer who blocked the bot is marked unreachable by the sender. It
// reports false when there is nobody to tell: the reporter erased their
// data.
func (h *Room) tellReporter(ctx context.Context, v *storage.Volunteer, text string) bool {
	if v == nil {
		return true
	}
	if v.Status == domain.StatusErased {
		return false
	}
	h.TellVolunteer(ctx, v, text)
	return true
}
