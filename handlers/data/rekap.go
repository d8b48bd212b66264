package data

import (
	"context"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/tgtext"
	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// rekapSection is one part of the /rekap message: what happened in the
// period inside the coordinator's scope. build returns HTML, or "" to
// leave the section out.
type rekapSection struct {
	name  string
	build func(ctx context.Context, p parse.Period, scope storage.Scope) (string, error)
}

// rekapSections are the parts of /rekap in the order shown. Reports (by
// pilar and kecamatan, with people helped) and events (with attendance
// rates) are one entry each. The reports are counted before, once, for
// the text and the chart.
func (h *Room) rekapSections(reports reportSummary) []rekapSection {
	return []rekapSection{
		{name: "relawan", build: h.rekapVolunteers},
		{name: "laporan", build: func(_ context.Context, p parse.Period, _ storage.Scope) (string, error) {
			return reportsText(p.Label(), reports), nil
		}},
		{name: "acara", build: h.rekapEvents},
	}
}

// Rekap sends the summary of the month typed after the command, or asks
// for the month.
func (h *Room) Rekap(ctx context.Context, r *kit.Request) error {
	if r.Args == "" {
		return h.SendHTML(ctx, r.Chat.ChatID, msgRekapAsk, h.periodButtons(RekapPrefix))
	}
	p, err := parse.PeriodOf(r.Args, h.Now())
	if msg, ok := conversations.AsInvalid(err); ok {
		return h.replyInvalid(ctx, r, msg)
	}
	if err != nil {
		return err
	}
	return h.sendRekap(ctx, r, p)
}

// RekapButton handles "rk:<yyyy-mm>" from the period buttons.
func (h *Room) RekapButton(ctx context.Context, r *kit.Request) (string, error) {
	if r.Data.Len() != 1 {
		return kit.MsgButtonExpired, nil
	}
	p, err := parse.PeriodOf(r.Data.Field(0), h.Now())
	if err != nil {
		return kit.MsgButtonExpired, nil
	}
	first, release := h.FirstPress(ctx, r)
	if !first {
		return answerRekapSent, nil // a double tap: one rekap, one chart
	}
	err = h.sendRekap(ctx, r, p)
	if err != nil {
		release() // tried again, the press may do the work
	}
	return answerRekap, err
}

// sendRekap sends the title (with the scope, for a coordinator who does
// not work city-wide), every section that has something to say and the
// time it was made, as one message, and then the chart of the reports,
// drawn from the same count of the month's reports as the text.
func (h *Room) sendRekap(ctx context.Context, r *kit.Request, p parse.Period) error {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	counts, err := h.Store.ReportCounts(ctx, scope, p.Start, p.End)
	if err != nil {
		return fmt.Errorf("data: rekap reports: %w", err)
	}
	reports := summarizeReports(counts)
	parts := []string{fmt.Sprintf(msgRekapTitle, p.Label()) + scopeLine(scope)}
	for _, s := range h.rekapSections(reports) {
		text, err := s.build(ctx, p, scope)
		if err != nil {
			return fmt.Errorf("data: rekap section %s: %w", s.name, err)
		}
		if text != "" {
			parts = append(parts, text)
		}
	}
	parts = append(parts, fmt.Sprintf(msgRekapFooter, kit.FormatDateTime(h.Now())))
	if err := h.sendRekapText(ctx, r, strings.Join(parts, "\n\n")); err != nil {
		return err
	}
	// The text is complete without the chart: a chart that fails is
	// logged, and the coordinator is not told of an error.
	if err := h.sendRekapChart(ctx, r.Chat.ChatID, p, scope, reports); err != nil {
		h.Log.Warn("rekap chart not sent", "chat_id", r.Chat.ChatID, "error", err)
	}
	return nil
}

// sendRekapText sends the rekap's text. A press of a month's button turns
// the question "Rekap bulan apa?" into the rekap, one edit where taking
// its buttons off and sending the rekap took two calls; a rekap too long
// for one message loses nothing to an edit's limit: the question then
// loses its buttons and the rekap comes in as many messages as it needs.
func (h *Room) sendRekapText(ctx context.Context, r *kit.Request, text string) error {
	if r.Callback == nil {
		return h.SendHTML(ctx, r.Chat.ChatID, text, nil)
	}
	if tgtext.Fits(text, tgbotapi.ModeHTML, tgtext.MaxText) {
		return h.ReplyInPlace(ctx, r, text)
	}
	h.RemoveButtons(ctx, r.Callback)
	return h.SendHTML(ctx, r.Chat.ChatID, text, nil)
}

// rekapVolunteers counts volunteers by pilar and status.
func (h *Room) rekapVolunteers(ctx context.Context, p parse.Period, scope storage.Scope) (string, error) {
	counts, err := h.Store.VolunteerCounts(ctx, scope, p.Start, p.End)
	if err != nil {
		return "", err
	}
	type tally struct{ total, verified, pending, rejected, new int }
	byPilar := map[string]*tally{}
	var sum tally
	erased := 0
	for _, c := range counts {
		if c.Status == domain.StatusErased {
			erased += c.Total
			continue
		}
		t := byPilar[c.Pilar]
		if t == nil {
			t = &tally{}
			byPilar[c.Pilar] = t
		}
		for _, x := range []*tally{t, &sum} {
			x.total += c.Total
			x.new += c.New
			switch domain.Status(c.Status) {
			case domain.StatusVerified:
				x.verified += c.Total
			case domain.StatusPending:
				x.pending += c.Total
			case domain.StatusRejected:
				x.rejected += c.Total
			}
		}
	}
	n := kit.FormatInt
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgRekapVolTitle, p.Label()))
	for _, pl := range domain.Pilars() {
		t := byPilar[pl.Code]
		if t == nil {
			t = &tally{}
		}
		b.WriteString("\n" + fmt.Sprintf(msgRekapVolLine, pl.Short, n(t.total), n(t.verified), n(t.pending), n(t.rejected), n(t.new)))
	}
	b.WriteString("\n" + fmt.Sprintf(msgRekapVolTotal, n(sum.total), n(sum.verified), n(sum.pending), n(sum.rejected), n(sum.new)))
	if erased > 0 {
		b.WriteString("\n" + fmt.Sprintf(msgRekapErased, n(erased)))
	}
	return b.String(), nil
}

// periodButtons offers this month and last month as "<prefix>:<yyyy-mm>".
func (h *Room) periodButtons(prefix string) tgbotapi.InlineKeyboardMarkup {
	this := parse.MonthPeriod(h.Now())
	last := parse.MonthPeriod(this.Start.AddDate(0, -1, 0))
	return tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnThisMonth+" ("+this.Label()+")", prefix, this.Key()),
		kit.Button(btnLastMonth+" ("+last.Label()+")", prefix, last.Key()),
	))
}
