package reports

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"

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
		return h.alreadyReviewed(ctx, r, rep, scope)
	}
	if reporter.TelegramID == r.From.ID {
		return msgOwnReport, nil // a forged press: the reporter gets no card
	}
	var to domain.ReportStatus
	switch r.Data.Action() {
	case actApprove:
		return h.approveReport(ctx, r, rep, scope)
	case actFix:
		to = domain.ReportNeedsCorrection
	case actReject:
		to = domain.ReportRejected
	default:
		return kit.MsgButtonExpired, nil
	}
	msgID, queue := 0, ""
	if r.Callback.Message != nil {
		msgID = r.Callback.Message.MessageID
	}
	if fromQueue(r.Callback) {
		queue = "1"
	}
	return answerReportNote, h.Engine.Start(ctx, r.Chat, flowCatatan, map[string]string{
		keyCReportID: strconv.FormatInt(rep.ID, 10),
		keyCNumber:   rep.Number,
		keyCStatus:   string(to),
		keyCCardMsg:  strconv.Itoa(msgID),
		keyCQueue:    queue,
	})
}

// approveReport records Setujui, takes the buttons off the card and tells
// the volunteer. Another coordinator may have decided a moment earlier;
// the store refuses a second decision, and the presser hears who made it.
func (h *Room) approveReport(ctx context.Context, r *kit.Request, rep *storage.Report, scope storage.Scope) (string, error) {
	decided, err := h.Store.ReviewReport(ctx, rep.ID, h.Actor(r.From.ID), domain.ReportApproved, "")
	if errors.Is(err, storage.ErrAlreadyReviewed) {
		return h.alreadyReviewed(ctx, r, rep, scope)
	}
	if text, refused := refusal(err); refused {
		return text, nil
	}
	if err != nil {
		return "", err
	}
	h.RemoveButtons(ctx, r.Callback)
	h.tellReporter(ctx, decided, fmt.Sprintf(msgYouReportOK, html.EscapeString(decided.Number)))
	done := fmt.Sprintf(msgReportApprovedBy, html.EscapeString(decided.Number))
	return answerReportOK, h.afterDecision(ctx, r.Chat.ChatID, r.From.ID, scope, rep.ID, fromQueue(r.Callback), done)
}

// alreadyReviewed answers a press on a report decided meanwhile, from
// this card or elsewhere: by whom and what, "Laporan ini sudah ditinjau
// oleh Bu Sri: Disetujui.". The card loses its buttons; a queue card
// decided by someone else moves on to the next report, since that is what
// its presser was doing (their own second tap has brought it already).
func (h *Room) alreadyReviewed(ctx context.Context, r *kit.Request, rep *storage.Report, scope storage.Scope) (string, error) {
	h.RemoveButtons(ctx, r.Callback)
	answer, by, err := h.decidedBy(ctx, rep.ID)
	if err != nil {
		return "", err
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

// afterDecision tells the coordinator their decision was saved (done,
// HTML) and what is left: on a queue card the next waiting report after
// the decided one follows at once; elsewhere the confirmation says how
// many still wait, with /tinjau.
func (h *Room) afterDecision(ctx context.Context, chatID, userID int64, scope storage.Scope, decidedID int64, queue bool, done string) error {
	if queue {
		if err := h.SendHTML(ctx, chatID, done, nil); err != nil {
			return err
		}
		return h.sendQueueCard(ctx, chatID, userID, scope, decidedID)
	}
	n, err := h.Store.CountReviewQueue(ctx, scope, userID)
	if err != nil {
		return err
	}
	if n > 0 {
		done += "\n\n" + fmt.Sprintf(msgStillWaiting, kit.FormatInt(n))
	}
	return h.SendHTML(ctx, chatID, done, nil)
}

// refusal is what the coordinator reads when the store refused the
// decision, and whether it did.
var refusal = kit.Refusals{Decided: msgReportReviewed, Gone: msgReportGone, Own: msgOwnReport}.Of

// tellReporter sends a review decision to the volunteer who reported. A
// volunteer who blocked the bot is marked unreachable by the sender; the
// decision stands anyway. It reports false when there is nobody to tell:
// the reporter erased their data.
func (h *Room) tellReporter(ctx context.Context, rep *storage.Report, text string) bool {
	v, err := h.Store.VolunteerByID(ctx, rep.VolunteerID)
	if err != nil {
		h.Log.Warn("finding the reporter failed", "report_id", rep.ID, "error", err)
		return true
	}
	if v.Status == domain.StatusErased {
		return false
	}
	h.TellVolunteer(ctx, v, text)
	return true
}
