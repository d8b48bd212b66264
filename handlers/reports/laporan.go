package reports

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Laporan shows a coordinator one report by number, with the evidence a
// reviewer weighs and its review history, and sends its photos again by
// file_id. While the report waits for review it carries Setujui /
// Perlu perbaikan / Tolak (not for its own reporter), always the
// reporter's record. A report whose reporter lies outside the
// coordinator's scope is refused.
func (h *Room) Laporan(ctx context.Context, r *kit.Request) error {
	number := strings.ToUpper(strings.TrimSpace(r.Args))
	if number == "" {
		return h.Reply(ctx, r, msgLaporanUsage)
	}
	rep, err := h.Store.ReportByNumber(ctx, number)
	if errors.Is(err, storage.ErrNotFound) {
		return h.Reply(ctx, r, msgLaporanNotFound)
	}
	if err != nil {
		return err
	}
	v, _, ok, err := h.inScope(ctx, r, rep)
	if err != nil {
		return err
	}
	if !ok {
		return h.Reply(ctx, r, kit.MsgOutOfScope)
	}
	history, err := h.Store.ReportHistory(ctx, rep.ID)
	if err != nil {
		return err
	}
	text, err := h.cardText(ctx, fmt.Sprintf(msgReportTitle, html.EscapeString(rep.Number)), rep, v)
	if err != nil {
		return err
	}
	review := rep.Status == domain.ReportSubmitted && v.TelegramID != r.From.ID
	m, err := h.SendMessage(ctx, r.Chat.ChatID, text+laporanStatus(rep, history), cardButtons(rep.ID, review, false))
	if err != nil {
		return err
	}
	h.Shown(ctx, v.ID, m)
	return h.sendPhotos(ctx, r.Chat.ChatID, rep)
}

// laporanStatus is what follows the card in /laporan: the status, when
// the report was sent and, after the submission itself, every review
// with its note.
func laporanStatus(rep *storage.Report, history []storage.ReportStatusChange) string {
	var b strings.Builder
	b.WriteString("\n\n" + labelStatusLap + ": <b>" + kit.ReportStatusLabel(rep.Status) + "</b>")
	b.WriteString("\n" + labelDikirim + ": " + kit.FormatDateTime(rep.CreatedAt))
	if len(history) > 1 {
		b.WriteString("\n\n" + labelRiwayatTitle)
		for _, c := range history[1:] {
			b.WriteString("\n• " + kit.FormatDateTime(c.CreatedAt) + ": " + kit.ReportStatusLabel(c.To))
			if c.Note != "" {
				b.WriteString(" – " + html.EscapeString(c.Note))
			}
		}
	}
	return b.String()
}

// sendPhotos sends a report's photos again by file_id: one with sendPhoto,
// two to five as one album with sendMediaGroup
// (https://core.telegram.org/bots/api#sendmediagroup). The photos show the
// reporter's work, often the reporter: they are recorded as showing them.
func (h *Room) sendPhotos(ctx context.Context, chatID int64, rep *storage.Report) error {
	caption := html.EscapeString(rep.Number)
	switch len(rep.Photos) {
	case 0:
		return nil
	case 1:
		p := tgbotapi.NewPhoto(chatID, tgbotapi.FileID(rep.Photos[0].FileID))
		p.Caption, p.ParseMode = caption, tgbotapi.ModeHTML
		m, err := h.Send.Send(ctx, p)
		if err == nil {
			h.Shown(ctx, rep.VolunteerID, m)
		}
		return err
	}
	media := make([]any, len(rep.Photos))
	for i, ph := range rep.Photos {
		m := tgbotapi.NewInputMediaPhoto(tgbotapi.FileID(ph.FileID))
		if i == 0 {
			m.Caption, m.ParseMode = caption, tgbotapi.ModeHTML
		}
		media[i] = m
	}
	raw, err := h.Send.Request(ctx, tgbotapi.NewMediaGroup(chatID, media))
	if err == nil {
		h.ShownGroup(ctx, rep.VolunteerID, raw)
	}
	return err
}
