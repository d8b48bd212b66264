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
	if fromQueue(r.Callback, rep.ID) {
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
		fromQueue(r.Callback, rep.ID), done)
}

// alreadyReviewed answers a press on a report decided meanwhile, from
// this card or elsewhere: by whom and what, "Laporan ini sudah ditinjau
// oleh Bu Sri: Disetujui.", which the card then shows, with its number,
// instead of its buttons. The presser's own decision (a second tap that
// left the phone before the first one's answer came) leaves the card as
// the first tap made it, with what was left to review. A queue card
// decided by someone else moves on to the next report, since that is what
// its presser was doing.
func (h *Room) alreadyReviewed(ctx context.Context, r *kit.Request, rep *storage.Report, reporter *storage.Volunteer, scope storage.Scope) (string, error) {
	c := pressedCard(r.Callback, rep.ID)
	answer, head, by, err := h.decidedBy(ctx, rep)
	if err != nil {
		if c.msgID != 0 {
			h.RemoveButtonsOf(ctx, c.chatID, c.msgID)
		}
		return "", err
	}
	if by == r.From.ID {
		return answer, nil
	}
	h.closeCard(ctx, c, head, rep, reporter)
	if fromQueue(r.Callback, rep.ID) {
		return answer, h.sendQueueCard(ctx, r.Chat.ChatID, r.From.ID, scope, rep.ID)
	}
	return answer, nil
}

// decidedBy says who decided rep and what, by the reviewer's name in the
// coordinators table or, for an admin without one, their id: as the plain
// answer to a press, and as HTML for a card or a message, which names the
// report. It returns the reviewer's Telegram id too (0 when unknown).
func (h *Room) decidedBy(ctx context.Context, rep *storage.Report) (answer, head string, by int64, err error) {
	reviews, err := h.Store.ReportReviews(ctx, []int64{rep.ID})
	if err != nil {
		return "", "", 0, err
	}
	num := html.EscapeString(rep.Number)
	rv, ok := reviews[rep.ID]
	if !ok {
		return msgReportReviewed, fmt.Sprintf(msgCardReviewed, num), 0, nil
	}
	name, status := kit.NameOrID(rv.ActorID, rv.ActorName), kit.ReportStatusLabel(rv.Status)
	return fmt.Sprintf(msgReviewedBy, name, status),
		fmt.Sprintf(msgCardReviewedBy, num, html.EscapeString(name), html.EscapeString(status)), rv.ActorID, nil
}

// afterDecision shows the coordinator in chat their decision on rep (done,
// HTML) in the card they pressed (c) and what is left: on a queue card
// the next waiting report after the decided one follows at once;
// elsewhere the card says how many still wait, with /tinjau. Only when
// the card cannot show it does done come as a message of its own.
func (h *Room) afterDecision(ctx context.Context, chat conversations.Chat, scope storage.Scope, c card, rep *storage.Report,
	reporter *storage.Volunteer, queue bool, done string) error {
	if !queue {
		// The decision is saved: the card must show it all the same.
		var err error
		if done, err = h.stillWaiting(ctx, scope, chat.UserID, done, "\n"); err != nil {
			h.Log.Warn("counting the reports left to review failed", "user_id", chat.UserID, "error", err)
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
