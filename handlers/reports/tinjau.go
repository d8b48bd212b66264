package reports

import (
	"context"
	"fmt"
	"html"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/bot/cbdata"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// The actions of the "tj" buttons on a report card: "tj:<action>:<id>".
// Cards sit in coordinators' chats for weeks, so these never change.
const (
	actSkip   = "skip" // Lewati: the next waiting report after this one
	actRecord = "rec"  // the reporter's record
)

// Tinjau shows the coordinator the oldest report waiting for review in
// their scope, as /verifikasi shows registrations: one card at a time,
// with Setujui / Perlu perbaikan / Tolak and Lewati.
func (h *Room) Tinjau(ctx context.Context, r *kit.Request) error {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	return h.sendQueueCard(ctx, r.Chat.ChatID, r.From.ID, scope, 0)
}

// TinjauButton handles Lewati ("tj:skip:<id>") and "📊 Rekam jejak
// pelapor" ("tj:rec:<id>"); the router lets only coordinators press them,
// and both refuse a report whose reporter lies outside the presser's
// scope, as a typed /laporan does.
func (h *Room) TinjauButton(ctx context.Context, r *kit.Request) (string, error) {
	rep, answer, err := kit.Pressed(ctx, h.Env, r, 2, h.Store.ReportByID, msgReportGone)
	if answer != "" || err != nil {
		return answer, err
	}
	v, scope, ok, err := h.inScope(ctx, r, rep)
	if err != nil {
		return "", err
	}
	if !ok {
		return kit.MsgOutOfScope, nil
	}
	switch r.Data.Action() {
	case actSkip:
		h.RemoveButtons(ctx, r.Callback)
		return answerSkipped, h.sendQueueCard(ctx, r.Chat.ChatID, r.From.ID, scope, rep.ID)
	case actRecord:
		return h.showRecord(ctx, r, rep, v)
	}
	return kit.MsgButtonExpired, nil
}

// inScope loads the reporter of rep and reports whether the coordinator
// of r may work on them; it returns the coordinator's scope too.
func (h *Room) inScope(ctx context.Context, r *kit.Request, rep *storage.Report) (*storage.Volunteer, storage.Scope, bool, error) {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return nil, scope, false, err
	}
	v, err := h.Store.VolunteerByID(ctx, rep.VolunteerID)
	if err != nil {
		return nil, scope, false, err
	}
	return v, scope, scope.Covers(v.Pilar, v.KelurahanCode), nil
}

// sendQueueCard sends the coordinator userID the oldest report waiting for
// review in scope after the report afterID (0: from the oldest), with how
// many wait. Reaching the end after skipping says how many were skipped
// and that /tinjau starts again from the oldest.
func (h *Room) sendQueueCard(ctx context.Context, chatID, userID int64, scope storage.Scope, afterID int64) error {
	reps, err := h.Store.ReviewQueue(ctx, scope, userID, afterID, 1)
	if err != nil {
		return err
	}
	n, err := h.Store.CountReviewQueue(ctx, scope, userID)
	if err != nil {
		return err
	}
	switch {
	case len(reps) == 0 && n > 0:
		return h.SendHTML(ctx, chatID, fmt.Sprintf(msgQueueEnd, kit.FormatInt(n)), nil)
	case len(reps) == 0:
		return h.SendHTML(ctx, chatID, msgQueueEmpty+scopeNote(scope), nil)
	}
	rep := &reps[0]
	v, err := h.Store.VolunteerByID(ctx, rep.VolunteerID)
	if err != nil {
		return err
	}
	title := fmt.Sprintf(msgQueueTitle, html.EscapeString(rep.Number), kit.FormatInt(n)) + scopeNote(scope)
	text, err := h.cardText(ctx, title, rep, v)
	if err != nil {
		return err
	}
	m, err := h.sendCard(ctx, chatID, rep, text, cardButtons(rep.ID, true, true))
	if err != nil {
		return err
	}
	h.Shown(ctx, v.ID, m)
	return nil
}

// scopeNote names a scoped coordinator's area after a queue line, so that
// a short queue is not mistaken for the whole city's; "" for the city.
func scopeNote(scope storage.Scope) string {
	if scope.CityWide() {
		return ""
	}
	return fmt.Sprintf(msgQueueScope, html.EscapeString(kit.ScopeLabel(scope)))
}

// cardButtons are the buttons of a report card: Setujui / Tolak / Perlu
// perbaikan ("rv", while the report waits and the viewer may review it),
// the reporter's record, and Lewati on a card of the review queue.
func cardButtons(reportID int64, review, skip bool) tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	if review {
		rows = append(rows,
			tgbotapi.NewInlineKeyboardRow(
				kit.Button(btnSetujui, ReviewPrefix, actApprove, reportID),
				kit.Button(btnTolakLaporan, ReviewPrefix, actReject, reportID)),
			tgbotapi.NewInlineKeyboardRow(kit.Button(btnPerbaikan, ReviewPrefix, actFix, reportID)))
	}
	last := tgbotapi.NewInlineKeyboardRow(recordButton(reportID))
	if skip {
		last = append(last, kit.Button(btnLewatiQueue, TinjauPrefix, actSkip, reportID))
	}
	return tgbotapi.NewInlineKeyboardMarkup(append(rows, last)...)
}

// fromQueue reports whether q was pressed on the review queue's card of
// report reportID: the only card that carries its Lewati. A decision there
// moves on to the next card, as /verifikasi does; one on a notice or
// /laporan does not. The review buttons themselves are the same
// everywhere, so that their data stays what it has always been. A forged
// press can only make the bot show or not show the next card.
func fromQueue(q *tgbotapi.CallbackQuery, reportID int64) bool {
	return bot.Pressed(q) && bot.HasButton(q.Message, cbdata.New(TinjauPrefix, actSkip, reportID))
}
