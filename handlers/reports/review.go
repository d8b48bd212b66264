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
// coordinators press them. Setujui decides at once; the other two ask for
// the note the volunteer will read (the catatan flow).
func (h *Room) ReviewButton(ctx context.Context, r *kit.Request) (string, error) {
	rep, answer, err := kit.Pressed(ctx, h.Env, r, 2, h.Store.ReportByID, msgReportGone)
	if answer != "" || err != nil {
		return answer, err
	}
	if rep.Status != domain.ReportSubmitted {
		h.RemoveButtons(ctx, r.Callback)
		return msgReportReviewed, nil
	}
	if v, err := h.VolunteerOf(ctx, r); err != nil {
		return "", err
	} else if v != nil && v.ID == rep.VolunteerID {
		return msgOwnReport, nil // a forged press: the reporter gets no card
	}
	var to domain.ReportStatus
	switch r.Data.Action() {
	case actApprove:
		return h.approveReport(ctx, r, rep)
	case actFix:
		to = domain.ReportNeedsCorrection
	case actReject:
		to = domain.ReportRejected
	default:
		return kit.MsgButtonExpired, nil
	}
	msgID := 0
	if r.Callback.Message != nil {
		msgID = r.Callback.Message.MessageID
	}
	return answerReportNote, h.Engine.Start(ctx, r.Chat, flowCatatan, map[string]string{
		keyCReportID: strconv.FormatInt(rep.ID, 10),
		keyCNumber:   rep.Number,
		keyCStatus:   string(to),
		keyCCardMsg:  strconv.Itoa(msgID),
	})
}

// approveReport records Setujui, takes the buttons off the card and tells
// the volunteer. Another coordinator may have decided a moment earlier;
// the store refuses a second decision.
func (h *Room) approveReport(ctx context.Context, r *kit.Request, rep *storage.Report) (string, error) {
	rep, err := h.Store.ReviewReport(ctx, rep.ID, h.Actor(r.From.ID), domain.ReportApproved, "")
	if text, refused := refusal(err); refused {
		if errors.Is(err, storage.ErrAlreadyReviewed) {
			h.RemoveButtons(ctx, r.Callback)
		}
		return text, nil
	}
	if err != nil {
		return "", err
	}
	h.RemoveButtons(ctx, r.Callback)
	h.tellReporter(ctx, rep, fmt.Sprintf(msgYouReportOK, html.EscapeString(rep.Number)))
	return answerReportOK, h.Reply(ctx, r, fmt.Sprintf(msgReportApprovedBy, html.EscapeString(rep.Number)))
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
