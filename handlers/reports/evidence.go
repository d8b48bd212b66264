package reports

import (
	"context"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// maxReuseNumbers is how many earlier report numbers a recycled photo's
// warning lists; the rest are counted.
const maxReuseNumbers = 5

// evidence returns the warnings a reviewer should read before trusting a
// report (HTML, one a line, "" for none): photos that earlier reports
// already carried (the commonest false report) and a map pin far from the
// kelurahan the report names. Every card of a report shows them: the
// notice, the review queue and /laporan.
func (h *Room) evidence(ctx context.Context, rep *storage.Report) (string, error) {
	reuses, err := h.Store.PhotoReuses(ctx, rep.ID)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, u := range reuses {
		which := msgPhotoThis
		if len(rep.Photos) > 1 {
			which = fmt.Sprintf(msgPhotoNth, u.Position)
		}
		lines = append(lines, fmt.Sprintf(msgPhotoReused, which, numberList(u.Numbers)))
	}
	if rep.Latitude != nil && rep.Longitude != nil {
		if d, far := domain.FarFromKelurahan(rep.KelurahanCode, *rep.Latitude, *rep.Longitude); far {
			lines = append(lines, fmt.Sprintf(msgPinFar, kit.FormatDistance(d),
				html.EscapeString(kit.KelurahanName(rep.KelurahanCode))))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// numberList joins report numbers, "LAP-2024-000001, LAP-2024-000007",
// listing at most maxReuseNumbers and counting the rest.
func numberList(numbers []string) string {
	shown := numbers[:min(len(numbers), maxReuseNumbers)]
	s := html.EscapeString(strings.Join(shown, ", "))
	if rest := len(numbers) - len(shown); rest > 0 {
		s += fmt.Sprintf(msgAndMore, kit.FormatInt(rest))
	}
	return s
}

// cardText is a report card under its title line: the evidence warnings
// first, where a reviewer reads before deciding, then the report. A card
// too long for a photo's caption keeps its title with the photo (see
// sendCard).
func (h *Room) cardText(ctx context.Context, title string, rep *storage.Report, v *storage.Volunteer) (string, error) {
	warn, err := h.evidence(ctx, rep)
	if err != nil {
		return "", err
	}
	if warn != "" {
		title += "\n" + warn
	}
	return title + "\n" + reportCard(rep, v), nil
}

// recordButton opens the reporter's record from a card ("tj:rec:<id>").
func recordButton(reportID int64) tgbotapi.InlineKeyboardButton {
	return kit.Button(btnRecord, TinjauPrefix, actRecord, reportID)
}

// showRecord answers "📊 Rekam jejak pelapor" on the card of report rep:
// the reporter's reports this month (WIB, by when they were sent) and all
// their reports by review status, as a message replying to the card. The
// message names the volunteer, so it is recorded as showing them.
func (h *Room) showRecord(ctx context.Context, r *kit.Request, rep *storage.Report, v *storage.Volunteer) (string, error) {
	month := parse.MonthPeriod(h.Now())
	rec, err := h.Store.ReporterRecordOf(ctx, v.ID, month.Start)
	if err != nil {
		return "", err
	}
	text := fmt.Sprintf(msgRecord, html.EscapeString(v.FullName), html.EscapeString(rep.Number),
		html.EscapeString(month.Label()), kit.FormatInt(rec.ThisMonth), kit.FormatInt(rec.Total),
		kit.FormatInt(rec.Approved), kit.FormatInt(rec.NeedsCorrection), kit.FormatInt(rec.Rejected),
		kit.FormatInt(rec.Pending))
	msg := tgbotapi.NewMessage(r.Chat.ChatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.AllowSendingWithoutReply = true // the card may be gone by now
	if q := r.Callback; q.Message != nil && q.Message.Chat != nil && q.Message.Chat.ID == r.Chat.ChatID {
		msg.ReplyToMessageID = q.Message.MessageID
	}
	m, err := h.Send.Send(ctx, msg)
	if err != nil {
		return "", err
	}
	h.Shown(ctx, v.ID, m)
	return "", nil
}
