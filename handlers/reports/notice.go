package reports

import (
	"context"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// notifyReport sends the new report, with its first photo, the evidence
// a reviewer should weigh and Setujui / Perlu perbaikan / Tolak, to the
// admins, the city-wide coordinators and those whose scope covers the
// reporter; in the background, so the volunteer's receipt is not delayed.
// A coordinator who reported it gets no card: nobody reviews their own
// report.
func (h *Room) notifyReport(ctx context.Context, rep *storage.Report, v *storage.Volunteer) {
	kb := cardButtons(rep.ID, true, false)
	h.Go(ctx, func(ctx context.Context) {
		caption, err := h.cardText(ctx, fmt.Sprintf(msgReportNewTitle, html.EscapeString(rep.Number)), rep, v)
		if err != nil {
			h.Log.Warn("checking a new report's evidence failed", "report_id", rep.ID, "error", err)
			caption = fmt.Sprintf(msgReportNewTitle, html.EscapeString(rep.Number)) + "\n" + reportCard(rep, v)
		}
		ids, err := h.CoordinatorsCovering(ctx, v.Pilar, v.KelurahanCode)
		if err != nil {
			h.Log.Warn("listing coordinators failed", "error", err)
			return
		}
		for _, chatID := range ids {
			if chatID == v.TelegramID {
				continue
			}
			m, err := h.sendCard(ctx, chatID, rep, caption, kb)
			if err != nil {
				h.Log.Warn("new-report notice failed", "chat_id", chatID, "report_id", rep.ID, "error", err)
				continue
			}
			h.Shown(ctx, v.ID, m)
		}
	})
}

// sendCard sends a report card: as the caption of its first photo
// (https://core.telegram.org/bots/api#sendphoto) or, without photos, as
// text. markup may be nil. A card too long for a caption goes with its
// first line, and the whole card follows with the markup (bot.Client.Send),
// so the review buttons always arrive. It returns the message that carries
// the buttons.
func (h *Room) sendCard(ctx context.Context, chatID int64, rep *storage.Report, text string, markup any) (tgbotapi.Message, error) {
	if len(rep.Photos) == 0 {
		return h.SendMessage(ctx, chatID, text, markup)
	}
	p := tgbotapi.NewPhoto(chatID, tgbotapi.FileID(rep.Photos[0].FileID))
	p.Caption = text
	p.ParseMode = tgbotapi.ModeHTML
	if markup != nil {
		p.ReplyMarkup = markup
	}
	return h.Send.Send(ctx, p)
}

// reportCard describes a report for coordinators (HTML), free texts in
// full: the sending layer fits it to Telegram's limits.
func reportCard(rep *storage.Report, v *storage.Volunteer) string {
	var b strings.Builder
	line := func(label, value string) {
		b.WriteString("\n" + label + ": <b>" + html.EscapeString(value) + "</b>")
	}
	line(labelPelapor, v.FullName+" ("+kit.PilarShort(v.Pilar)+", "+kit.KelurahanName(v.KelurahanCode)+")")
	a, _ := domain.ActivityOf(rep.Pilar, rep.Activity)
	line(labelJenis, a.Label)
	line(labelTanggal, kit.FormatDate(kit.ActivityDay(rep)))
	where := kit.KelurahanLong(rep.KelurahanCode)
	if rep.Latitude != nil && rep.Longitude != nil {
		where += fmt.Sprintf(" (%.5f, %.5f)", *rep.Latitude, *rep.Longitude)
	}
	line(labelLokasi, where)
	if rep.DisasterType != "" {
		line(labelBencana, rep.DisasterType)
		line(labelKorban, countText(rep.Victims))
		line(labelPengungsi, countText(rep.Evacuees))
		line(labelKebutuhan, rep.Needs)
	}
	if rep.PMKSCategory != "" {
		line(labelPMKS, rep.PMKSCategory)
		line(labelPenerima, countText(rep.Beneficiaries))
	}
	line(labelFoto, fmt.Sprintf(showPhotos, len(rep.Photos)))
	b.WriteString("\n" + labelUraian + ":\n" + html.EscapeString(rep.Description))
	return strings.TrimPrefix(b.String(), "\n")
}

// countText shows a stored count of people, or "-" when there is none.
func countText(n *int) string {
	if n == nil {
		return "-"
	}
	return fmt.Sprintf(showPersons, kit.FormatInt(*n))
}
