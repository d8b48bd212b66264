package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowCatatan = "catatan_laporan"

	keyCatatan   = "catatan"
	keyCReportID = "_rid"
	keyCNumber   = "_rnum"
	keyCStatus   = "_to"
	keyCCardMsg  = "_card"

	riwayatPageSize = 5
	// Caption budget for the free texts of a report card: the rest of the
	// card is short and bounded (names, labels, numbers), so the caption
	// stays under Telegram's 1024 characters.
	captionUraian    = 350
	captionKebutuhan = 120
)

// notifyReport sends every coordinator the new report with its first
// photo and Setujui / Perlu perbaikan / Tolak, in the background so the
// volunteer's receipt is not delayed.
func (h *Handlers) notifyReport(ctx context.Context, rep *storage.Report, v *storage.Volunteer) {
	caption := fmt.Sprintf(msgReportNewTitle, html.EscapeString(rep.Number)) + "\n" + reportCard(rep, v, true)
	id := strconv.FormatInt(rep.ID, 10)
	kb := tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(btnSetujui, "rv:ok:"+id),
			tgbotapi.NewInlineKeyboardButtonData(btnTolakLaporan, "rv:no:"+id),
		),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(btnPerbaikan, "rv:fix:"+id)),
	)
	h.Go(ctx, func(ctx context.Context) {
		ids, err := h.CoordinatorIDs(ctx)
		if err != nil {
			h.Log.Warn("listing coordinators failed", "error", err)
			return
		}
		for _, chatID := range ids {
			if err := h.sendCard(ctx, chatID, rep, caption, kb); err != nil {
				h.Log.Warn("new-report notice failed", "chat_id", chatID, "report_id", rep.ID, "error", err)
			}
		}
	})
}

// sendCard sends a report card: as the caption of its first photo
// (https://core.telegram.org/bots/api#sendphoto) or, without photos, as
// text. markup may be nil.
func (h *Handlers) sendCard(ctx context.Context, chatID int64, rep *storage.Report, text string, markup any) error {
	if len(rep.Photos) == 0 {
		return h.SendHTML(ctx, chatID, text, markup)
	}
	p := tgbotapi.NewPhoto(chatID, tgbotapi.FileID(rep.Photos[0].FileID))
	p.Caption = text
	p.ParseMode = tgbotapi.ModeHTML
	if markup != nil {
		p.ReplyMarkup = markup
	}
	_, err := h.Send.Send(ctx, p)
	return err
}

// reportCard describes a report for coordinators (HTML). short trims the
// free texts to fit a photo caption.
func reportCard(rep *storage.Report, v *storage.Volunteer, short bool) string {
	var b strings.Builder
	line := func(label, value string) {
		b.WriteString("\n" + label + ": <b>" + html.EscapeString(value) + "</b>")
	}
	uraian, needs := rep.Description, rep.Needs
	if short {
		uraian, needs = kit.Truncate(uraian, captionUraian), kit.Truncate(needs, captionKebutuhan)
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
		line(labelKebutuhan, needs)
	}
	if rep.PMKSCategory != "" {
		line(labelPMKS, rep.PMKSCategory)
		line(labelPenerima, countText(rep.Beneficiaries))
	}
	line(labelFoto, fmt.Sprintf(showPhotos, len(rep.Photos)))
	b.WriteString("\n" + labelUraian + ":\n" + html.EscapeString(uraian))
	return strings.TrimPrefix(b.String(), "\n")
}

func countText(n *int) string {
	if n == nil {
		return "-"
	}
	return fmt.Sprintf(showPersons, kit.FormatInt(*n))
}

// reviewButton handles Setujui ("rv:ok:<id>"), Perlu perbaikan
// ("rv:fix:<id>") and Tolak ("rv:no:<id>"); the router lets only
// coordinators press them.
func (h *Handlers) reviewButton(ctx context.Context, r *Request) (string, error) {
	parts := strings.Split(r.Callback.Data, ":")
	if len(parts) != 3 {
		return kit.MsgButtonExpired, nil
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return kit.MsgButtonExpired, nil
	}
	rep, err := h.Store.ReportByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		h.RemoveButtons(ctx, r.Callback)
		return msgReportGone, nil
	}
	if err != nil {
		return "", err
	}
	if rep.Status != domain.ReportSubmitted {
		h.RemoveButtons(ctx, r.Callback)
		return msgReportReviewed, nil
	}
	var to domain.ReportStatus
	switch parts[1] {
	case "ok":
		return h.approveReport(ctx, r, rep)
	case "fix":
		to = domain.ReportNeedsCorrection
	case "no":
		to = domain.ReportRejected
	default:
		return kit.MsgButtonExpired, nil
	}
	msgID := 0
	if r.Callback.Message != nil {
		msgID = r.Callback.Message.MessageID
	}
	return answerReportNote, h.Engine.Start(ctx, r.Chat, flowCatatan, map[string]string{
		keyCReportID: parts[2],
		keyCNumber:   rep.Number,
		keyCStatus:   string(to),
		keyCCardMsg:  strconv.Itoa(msgID),
	})
}

func (h *Handlers) approveReport(ctx context.Context, r *Request, rep *storage.Report) (string, error) {
	rep, err := h.Store.ReviewReport(ctx, rep.ID, r.From.ID, domain.ReportApproved, "")
	if errors.Is(err, storage.ErrAlreadyReviewed) {
		h.RemoveButtons(ctx, r.Callback)
		return msgReportReviewed, nil
	}
	if err != nil {
		return "", err
	}
	h.RemoveButtons(ctx, r.Callback)
	h.tellReporter(ctx, rep, fmt.Sprintf(msgYouReportOK, html.EscapeString(rep.Number)))
	return answerReportOK, h.Reply(ctx, r, fmt.Sprintf(msgReportApprovedBy, html.EscapeString(rep.Number)))
}

// catatanFlow asks a coordinator for the note of "Perlu perbaikan" or the
// reason of "Tolak".
func (h *Handlers) catatanFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowCatatan,
		Entry: "laporan",
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
			Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
				return parse.Text(t, 5, 500)
			}),
		}},
		Finish: h.finishCatatan,
	}
}

func (h *Handlers) finishCatatan(ctx context.Context, s *conversations.Session) (string, error) {
	id, err := strconv.ParseInt(s.Get(keyCReportID), 10, 64)
	if err != nil {
		return "", fmt.Errorf("handlers: bad report id in review flow: %w", err)
	}
	to, note := domain.ReportStatus(s.Get(keyCStatus)), s.Get(keyCatatan)
	if to != domain.ReportNeedsCorrection && to != domain.ReportRejected {
		return "", fmt.Errorf("handlers: bad status %q in review flow", to)
	}
	rep, err := h.Store.ReviewReport(ctx, id, s.Chat.UserID, to, note)
	switch {
	case errors.Is(err, storage.ErrAlreadyReviewed):
		return msgReportReviewed, nil
	case errors.Is(err, storage.ErrNotFound):
		return msgReportGone, nil
	case err != nil:
		return "", err
	}
	if msgID, _ := strconv.Atoi(s.Get(keyCCardMsg)); msgID != 0 {
		h.RemoveButtonsOf(ctx, s.Chat.ChatID, msgID)
	}
	text := msgYouReportNo
	if to == domain.ReportNeedsCorrection {
		text = msgYouReportFix
	}
	h.tellReporter(ctx, rep, fmt.Sprintf(text, html.EscapeString(rep.Number), html.EscapeString(note)))
	return fmt.Sprintf(msgCatatanDone, html.EscapeString(rep.Number), kit.ReportStatusLabel(to)), nil
}

// tellReporter sends a review decision to the volunteer who reported. A
// volunteer who blocked the bot is marked unreachable by the sender; the
// decision stands anyway.
func (h *Handlers) tellReporter(ctx context.Context, rep *storage.Report, text string) {
	v, err := h.Store.VolunteerByID(ctx, rep.VolunteerID)
	if err != nil {
		h.Log.Warn("finding the reporter failed", "report_id", rep.ID, "error", err)
		return
	}
	h.TellVolunteer(ctx, v, text)
}

// removeButtonsOf takes the inline keyboard off a message by id.
func (h *Handlers) removeButtonsOf(ctx context.Context, chatID int64, msgID int) {
	edit := tgbotapi.NewEditMessageReplyMarkup(chatID, msgID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	if _, err := h.Send.Request(ctx, edit); err != nil {
		h.Log.Debug("removing buttons failed", "error", err)
	}
}

// laporan shows a coordinator one report by number, with its review
// history, and sends its photos again by file_id.
func (h *Handlers) laporan(ctx context.Context, r *Request) error {
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
	v, err := h.Store.VolunteerByID(ctx, rep.VolunteerID)
	if err != nil {
		return err
	}
	history, err := h.Store.ReportHistory(ctx, rep.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgReportTitle, html.EscapeString(rep.Number)) + "\n" + reportCard(rep, v, false))
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
	if err := h.Reply(ctx, r, b.String()); err != nil {
		return err
	}
	return h.sendPhotos(ctx, r.Chat.ChatID, rep)
}

// sendPhotos sends a report's photos again by file_id: one with sendPhoto,
// two to five as one album with sendMediaGroup
// (https://core.telegram.org/bots/api#sendmediagroup).
func (h *Handlers) sendPhotos(ctx context.Context, chatID int64, rep *storage.Report) error {
	caption := html.EscapeString(rep.Number)
	switch len(rep.Photos) {
	case 0:
		return nil
	case 1:
		p := tgbotapi.NewPhoto(chatID, tgbotapi.FileID(rep.Photos[0].FileID))
		p.Caption, p.ParseMode = caption, tgbotapi.ModeHTML
		_, err := h.Send.Send(ctx, p)
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
	_, err := h.Send.Request(ctx, tgbotapi.NewMediaGroup(chatID, media))
	return err
}

// riwayat shows the volunteer's reports, newest first, a page at a time.
func (h *Handlers) riwayat(ctx context.Context, r *Request) error {
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

// riwayatButton turns the page of a /riwayat message ("rw:<page>") by
// editing it. The presser's own reports are shown, whatever the data says.
func (h *Handlers) riwayatButton(ctx context.Context, r *Request) (string, error) {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return "", err
	}
	_, arg, _ := strings.Cut(r.Callback.Data, ":")
	page, perr := strconv.Atoi(arg)
	if v == nil || perr != nil || r.Callback.Message == nil || r.Callback.Message.Chat == nil {
		return kit.MsgButtonExpired, nil
	}
	text, kb, err := h.riwayatPage(ctx, v, page)
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

// riwayatPage renders page (0-based, clamped) of a volunteer's reports.
func (h *Handlers) riwayatPage(ctx context.Context, v *storage.Volunteer, page int) (string, *tgbotapi.InlineKeyboardMarkup, error) {
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
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgRiwayatTitle, page+1, pages, kit.FormatInt(total)))
	for _, rep := range reps {
		a, _ := domain.ActivityOf(rep.Pilar, rep.Activity)
		fmt.Fprintf(&b, "\n\n<b>%s</b> · %s\n%s, %s\nStatus: <b>%s</b>",
			html.EscapeString(rep.Number), kit.FormatShortDate(kit.ActivityDay(&rep)),
			html.EscapeString(a.Label), html.EscapeString(kit.KelurahanName(rep.KelurahanCode)),
			kit.ReportStatusLabel(rep.Status))
	}
	var row []tgbotapi.InlineKeyboardButton
	if page > 0 {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(btnSebelumnya, "rw:"+strconv.Itoa(page-1)))
	}
	if page < pages-1 {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(btnBerikutnya, "rw:"+strconv.Itoa(page+1)))
	}
	if row == nil {
		return b.String(), nil, nil
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(row)
	return b.String(), &kb, nil
}
