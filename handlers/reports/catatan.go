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

	keyCatatan   = "catatan"
	keyCReportID = "_rid"
	keyCNumber   = "_rnum"
	keyCStatus   = "_to"
	keyCCardMsg  = "_card" // the card whose buttons go once the note is saved
	keyCQueue    = "_q"    // "1" when the card was one of the review queue
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

// finishCatatan records the decision with its note, takes the buttons off
// the card the coordinator pressed and sends the note to the volunteer;
// from the review queue, the next waiting report follows. The store
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
		h.closeNotedCard(ctx, s)
		text, _, err := h.decidedBy(ctx, id)
		if err != nil || s.Get(keyCQueue) == "" {
			return text, err
		}
		return "", h.nextAfterNote(ctx, s, id, text)
	}
	if text, refused := refusal(err); refused {
		return text, nil
	}
	if err != nil {
		return "", err
	}
	h.closeNotedCard(ctx, s)
	text := msgYouReportNo
	if to == domain.ReportNeedsCorrection {
		text = msgYouReportFix
	}
	done := msgCatatanDone
	if !h.tellReporter(ctx, rep, fmt.Sprintf(text, html.EscapeString(rep.Number), html.EscapeString(note))) {
		done = msgCatatanErased
	}
	return "", h.nextAfterNote(ctx, s, id, fmt.Sprintf(done, html.EscapeString(rep.Number), kit.ReportStatusLabel(to)))
}

// nextAfterNote sends what closes the note (done) and what is left to
// review in the coordinator's scope as it is now (afterDecision).
func (h *Room) nextAfterNote(ctx context.Context, s *conversations.Session, id int64, done string) error {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return err
	}
	return h.afterDecision(ctx, s.Chat.ChatID, s.Chat.UserID, scope, id, s.Get(keyCQueue) != "", done)
}

// closeNotedCard takes the buttons off the card whose press started the
// note.
func (h *Room) closeNotedCard(ctx context.Context, s *conversations.Session) {
	if msgID, _ := strconv.Atoi(s.Get(keyCCardMsg)); msgID != 0 {
		h.RemoveButtonsOf(ctx, s.Chat.ChatID, msgID)
	}
}
