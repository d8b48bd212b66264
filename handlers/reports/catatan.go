package reports

import (
	"context"
	"fmt"
	"html"
	"strconv"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
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
// the card the coordinator pressed and sends the note to the volunteer.
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
	if text, refused := refusal(err); refused {
		return text, nil
	}
	if err != nil {
		return "", err
	}
	if msgID, _ := strconv.Atoi(s.Get(keyCCardMsg)); msgID != 0 {
		h.RemoveButtonsOf(ctx, s.Chat.ChatID, msgID)
	}
	text := msgYouReportNo
	if to == domain.ReportNeedsCorrection {
		text = msgYouReportFix
	}
	if !h.tellReporter(ctx, rep, fmt.Sprintf(text, html.EscapeString(rep.Number), html.EscapeString(note))) {
		return fmt.Sprintf(msgCatatanErased, html.EscapeString(rep.Number), kit.ReportStatusLabel(to)), nil
	}
	return fmt.Sprintf(msgCatatanDone, html.EscapeString(rep.Number), kit.ReportStatusLabel(to)), nil
}
