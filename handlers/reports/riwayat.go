package reports

import (
	"context"
	"fmt"
	"html"
	"math"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// riwayatPageSize is how many reports one page of /riwayat shows.
const riwayatPageSize = 5

// Riwayat shows the volunteer's reports, newest first, a page at a time.
func (h *Room) Riwayat(ctx context.Context, r *kit.Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	text, kb, err := h.riwayatPage(ctx, v, 0)
	if err != nil {
		return err
	}
	if kb == nil {
		return h.Reply(ctx, r, text)
	}
	return h.SendHTML(ctx, r.Chat.ChatID, text, kb)
}

// RiwayatButton turns the page of a /riwayat message ("rw:<page>") by
// editing it. The presser's own reports are shown, whatever the data says.
func (h *Room) RiwayatButton(ctx context.Context, r *kit.Request) (string, error) {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return "", err
	}
	page, ok := r.Data.Int(0, 0, math.MaxInt32)
	if v == nil || !ok || r.Data.Len() != 1 || r.Callback.Message == nil || r.Callback.Message.Chat == nil {
		return kit.MsgButtonExpired, nil
	}
	text, kb, err := h.riwayatPage(ctx, v, int(page))
	if err != nil {
		return "", err
	}
	edit := tgbotapi.NewEditMessageText(r.Callback.Message.Chat.ID, r.Callback.Message.MessageID, text)
	edit.ParseMode = tgbotapi.ModeHTML
	if kb != nil {
		edit.ReplyMarkup = kb
	}
	// A second press on a page already shown (a double tap) would edit to
	// the same content, which Telegram refuses; nothing needs to change.
	if _, err := h.Send.Request(ctx, edit); err != nil && !bot.IsNotModified(err) {
		return "", err
	}
	return "", nil
}

// riwayatPage renders page (0-based, clamped) of a volunteer's reports,
// with Sebelumnya / Berikutnya where there is a page to turn to.
func (h *Room) riwayatPage(ctx context.Context, v *storage.Volunteer, page int) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	page = max(page, 0)
	reps, total, err := h.Store.ReportsByVolunteer(ctx, v.ID, riwayatPageSize, page*riwayatPageSize)
	if err != nil {
		return "", nil, err
	}
	if total == 0 {
		return msgRiwayatEmpty, nil, nil
	}
	pages := (total + riwayatPageSize - 1) / riwayatPageSize
	if page >= pages {
		page = pages - 1
		if reps, _, err = h.Store.ReportsByVolunteer(ctx, v.ID, riwayatPageSize, page*riwayatPageSize); err != nil {
			return "", nil, err
		}
	}
	ids := make([]int64, len(reps))
	for i := range reps {
		ids[i] = reps[i].ID
	}
	reviews, err := h.Store.ReportReviews(ctx, ids)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgRiwayatTitle, page+1, pages, kit.FormatInt(total)))
	for _, rep := range reps {
		a, _ := domain.ActivityOf(rep.Pilar, rep.Activity)
		fmt.Fprintf(&b, msgRiwayatLine,
			html.EscapeString(rep.Number), kit.FormatShortDate(kit.ActivityDay(&rep)),
			html.EscapeString(a.Label), html.EscapeString(kit.KelurahanName(rep.KelurahanCode)),
			kit.ReportStatusLabel(rep.Status))
		b.WriteString(reviewLine(rep.Status, reviews[rep.ID]))
	}
	var row []tgbotapi.InlineKeyboardButton
	if page > 0 {
		row = append(row, kit.Button(btnSebelumnya, RiwayatPrefix, page-1))
	}
	if page < pages-1 {
		row = append(row, kit.Button(btnBerikutnya, RiwayatPrefix, page+1))
	}
	if row == nil {
		return b.String(), nil, nil
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(row)
	return b.String(), &kb, nil
}

// reviewLine is what /riwayat adds under a reviewed report's status: when
// it was decided and the coordinator's note, which the volunteer got once
// in a message and may need again to correct the report. It is "" for a
// report that waits (rv is then the zero review).
func reviewLine(status domain.ReportStatus, rv storage.ReportReview) string {
	if status == domain.ReportSubmitted || rv.Status != status {
		return ""
	}
	s := fmt.Sprintf(msgRiwayatDecided, kit.FormatShortDate(rv.At))
	if rv.Note != "" {
		s += fmt.Sprintf(msgRiwayatNote, html.EscapeString(rv.Note))
	}
	return s
}
