package reports

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// The review note's flow name and answer keys are stored in Redis while a
// coordinator writes: renaming one would break the notes being written.
const (
	flowCatatan = "catatan_laporan"

	keyCatatan    = "catatan"
	keyCReportID  = "_rid"
	keyCNumber    = "_rnum"
	keyCStatus    = "_to"
	keyCCardMsg   = "_card"  // the card that shows the decision once the note is saved
	keyCCardPhoto = "_cardp" // "1" when that card is a photo's caption
	keyCQueue     = "_q"     // "1" when the card was one of the review queue
)

// catatanFlow asks a coordinator for the note of "Perlu perbaikan" or the
// reason of "Tolak".
func (h *Room) catatanFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowCatatan,
		Entry: "laporan",
		Role:  domain.RoleCoordinator,
		Title: flowCatatanTitle,
		Steps: []conversations.Step{{
			Key: keyCatatan, Label: labelReason,
			Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
				q := askCatatanFix
				if domain.ReportStatus(s.Get(keyCStatus)) == domain.ReportRejected {
					q = askCatatanTolak
				}
				return conversations.Prompt{Text: fmt.Sprintf(q, html.EscapeString(s.Get(keyCNumber)))}, nil
			},
			Accept: kit.Text(func(t string) (string, error) { return parse.Text(t, 5, 500) }),
		}},
		Finish: h.finishCatatan,
	}
}

// finishCatatan records the decision with its note, turns the card the
// coordinator pressed into the decision and sends the note to the
// volunteer; the coordinator's typed note is answered with what was done,
// and from the review queue the next waiting report follows. The store
// checks the role and the scope once more.
func (h *Room) finishCatatan(ctx context.Context, s *conversations.Session) (string, error) {
	id, err := strconv.ParseInt(s.Get(keyCReportID), 10, 64)
	if err != nil {
		return "", fmt.Errorf("reports: bad report id in review flow: %w", err)
	}
	to, note := domain.ReportStatus(s.Get(keyCStatus)), s.Get(keyCatatan)
	if to != domain.ReportNeedsCorrection && to != domain.ReportRejected {
		return "", fmt.Errorf("reports: bad status %q in review flow", to)
	}
	rep, err := h.Store.ReviewReport(ctx, id, h.Actor(s.Chat.UserID), to, note)
	if errors.Is(err, storage.ErrAlreadyReviewed) {
		return "", h.decidedMeanwhile(ctx, s, id)
	}
	if text, refused := refusal(err); refused {
		return text, nil
	}
	if err != nil {
		return "", err
	}
	v := h.reporterOf(ctx, rep)
	text, head, erased := msgYouReportNo, msgCardRejected, msgCardRejectedErased
	if to == domain.ReportNeedsCorrection {
		text, head, erased = msgYouReportFix, msgCardFix, msgCardFixErased
	}
	num := html.EscapeString(rep.Number)
	head, done := fmt.Sprintf(head, num, html.EscapeString(note)), fmt.Sprintf(msgCatatanDone, num, kit.ReportStatusLabel(to))
	if !h.tellReporter(ctx, v, fmt.Sprintf(text, num, html.EscapeString(note))) {
		head = fmt.Sprintf(erased, num)
		done = head
	}
	if full, err := h.Store.ReportByID(ctx, id); err == nil {
		rep = full // the decision returns the row without its photos, which the card counts
	}
	return "", h.nextAfterNote(ctx, s, rep, v, head, done)
}

// decidedMeanwhile answers a note on report id that another coordinator
// decided while it was written: the card shows who and what, and so does
// the answer to the note, which was not saved.
func (h *Room) decidedMeanwhile(ctx context.Context, s *conversations.Session, id int64) error {
	rep, err := h.Store.ReportByID(ctx, id)
	if err != nil {
		return err
	}
	_, text, _, err := h.decidedBy(ctx, rep)
	if err != nil {
		return err
	}
	return h.nextAfterNote(ctx, s, rep, h.reporterOf(ctx, rep), text, text)
}

// nextAfterNote shows head in the card whose press started the note,
// answers the note with done (after head when the card cannot show it)
// and says what is left to review in the coordinator's scope as it is
// now: the next card from the queue, or how many still wait. The decision
// is saved by then, so failing to find what is left only leaves that out.
func (h *Room) nextAfterNote(ctx context.Context, s *conversations.Session, rep *storage.Report, v *storage.Volunteer, head, done string) error {
	msgID, _ := strconv.Atoi(s.Get(keyCCardMsg))
	c := card{chatID: s.Chat.ChatID, msgID: msgID, photo: s.Get(keyCCardPhoto) != ""}
	if !h.closeCard(ctx, c, head, rep, v) && head != done {
		done = head + "\n\n" + done
	}
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		h.Log.Warn("finding a coordinator's scope failed", "user_id", s.Chat.UserID, "error", err)
		return h.SendHTML(ctx, s.Chat.ChatID, done, nil)
	}
	queue := s.Get(keyCQueue) != ""
	if !queue {
		if done, err = h.stillWaiting(ctx, scope, s.Chat.UserID, done, "\n\n"); err != nil {
			h.Log.Warn("counting the reports left to review failed", "user_id", s.Chat.UserID, "error", err)
		}
	}
	if err := h.SendHTML(ctx, s.Chat.ChatID, done, nil); err != nil || !queue {
		return err
	}
	return h.sendQueueCard(ctx, s.Chat.ChatID, s.Chat.UserID, scope, rep.ID)
}
