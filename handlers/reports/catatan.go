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
	text, head, done := msgYouReportNo, msgCardRejected, msgCatatanDone
	if to == domain.ReportNeedsCorrection {
		text, head = msgYouReportFix, msgCardFix
	}
	num := html.EscapeString(rep.Number)
	head = fmt.Sprintf(head, num, html.EscapeString(note))
	if !h.tellReporter(ctx, v, fmt.Sprintf(text, num, html.EscapeString(note))) {
		head, done = fmt.Sprintf(msgCardNoNote, num, kit.ReportStatusLabel(to)), msgCatatanErased
	}
	if full, err := h.Store.ReportByID(ctx, id); err == nil {
		rep = full // the decision returns the row without its photos, which the card counts
	}
	return "", h.nextAfterNote(ctx, s, rep, v, head, fmt.Sprintf(done, num, kit.ReportStatusLabel(to)))
}

// decidedMeanwhile answers a note on report id that another coordinator
// decided while it was written: the card shows who and what, and so does
// the answer to the note, which was not saved.
func (h *Room) decidedMeanwhile(ctx context.Context, s *conversations.Session, id int64) error {
	text, _, err := h.decidedBy(ctx, id)
	if err != nil {
		return err
	}
	rep, err := h.Store.ReportByID(ctx, id)
	if err != nil {
		return err
	}
	return h.nextAfterNote(ctx, s, rep, h.reporterOf(ctx, rep), text, text)
}

// nextAfterNote shows head in the card whose press started the note,
// answers the note with done and says what is left to review in the
// coordinator's scope as it is now: the next card from the queue, or how
// many still wait.
func (h *Room) nextAfterNote(ctx context.Context, s *conversations.Session, rep *storage.Report, v *storage.Volunteer, head, done string) error {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return err
	}
	msgID, _ := strconv.Atoi(s.Get(keyCCardMsg))
	h.closeCard(ctx, card{chatID: s.Chat.ChatID, msgID: msgID, photo: s.Get(keyCCardPhoto) != ""}, head, rep, v)
	queue := s.Get(keyCQueue) != ""
	if !queue {
		if done, err = h.stillWaiting(ctx, scope, s.Chat.UserID, done, "\n\n"); err != nil {
			return err
		}
	}
	if err := h.SendHTML(ctx, s.Chat.ChatID, done, nil); err != nil || !queue {
		return err
	}
	return h.sendQueueCard(ctx, s.Chat.ChatID, s.Chat.UserID, scope, rep.ID)
}
