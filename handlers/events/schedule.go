package events

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/bot/tgtext"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	// jadwalPageSize is the most events a page shows; a page of long
	// titles, places or audiences shows fewer, so that it fits in one
	// message (an edit turns the page and cannot split it).
	jadwalPageSize = 5
	// maxJadwalEvents bounds the events loaded to lay out the pages: far
	// more than a volunteer is ever invited to at once.
	maxJadwalEvents = 500
	// maxJadwalPage bounds the page of a "jd:p" press: buttons carry
	// pages from 0, and a forged huge one must not overflow.
	maxJadwalPage = 1 << 31
)

// Jadwal shows the first page of the volunteer's schedule.
func (h *Room) Jadwal(ctx context.Context, r *kit.Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil || v.Status != domain.StatusVerified {
		return h.Reply(ctx, r, msgJadwalNotVerified)
	}
	text, kb, err := h.jadwalPage(ctx, v, 0)
	if err != nil {
		return err
	}
	return h.SendHTML(ctx, r.Chat.ChatID, text, kb)
}

// jadwalPage renders page (from 0, clamped) of the schedule: the text and
// the inline keyboard (nil when there is nothing to press). Pages are laid
// out by size (tgtext.Pages): at most jadwalPageSize events, fewer when
// they would not fit in one message.
func (h *Room) jadwalPage(ctx context.Context, v *storage.Volunteer, page int) (string, any, error) {
	now := h.Now()
	events, total, err := h.Store.EventsFor(ctx, audienceOf(v), now, 0, maxJadwalEvents)
	if err != nil {
		return "", nil, err
	}
	if len(events) == 0 {
		return msgJadwalEmpty, nil, nil
	}
	entries := make([]string, len(events))
	for i := range events {
		entries[i] = fmt.Sprintf("%d. ", i+1) + scheduleEntry(&events[i], now)
	}
	budget := tgtext.MaxText - tgtext.Len(fmt.Sprintf(msgJadwalTitle, maxJadwalEvents, maxJadwalEvents, kit.FormatInt(total)), tgtext.HTML)
	starts := tgtext.Pages(entries, jadwalSep, jadwalPageSize, budget)
	lo, hi, page := tgtext.PageBounds(starts, len(entries), page)
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgJadwalTitle, page+1, len(starts), kit.FormatInt(total)))
	var rows [][]tgbotapi.InlineKeyboardButton
	for i := lo; i < hi; i++ {
		e, n := &events[i], i+1
		b.WriteString(jadwalSep + tgtext.Cut(entries[i], tgtext.HTML, budget))
		if now.Before(e.StartsAt) {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				kit.Button(fmt.Sprintf(btnRSVPYes, n), JadwalPrefix, "y", e.ID, page),
				kit.Button(fmt.Sprintf(btnRSVPNo, n), JadwalPrefix, "n", e.ID, page)))
		}
		if e.Answer != nil && *e.Answer && e.CheckedIn == nil && checkinOpen(e, now) {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				kit.Button(fmt.Sprintf(btnCheckin, n), JadwalPrefix, "ci", e.ID)))
		}
	}
	if nav := pageNav(page, len(starts)); nav != nil {
		rows = append(rows, nav)
	}
	if rows == nil {
		return b.String(), nil, nil
	}
	return b.String(), tgbotapi.NewInlineKeyboardMarkup(rows...), nil
}

// jadwalSep separates the events of a page.
const jadwalSep = "\n\n"

// pageNav is the row of Sebelumnya / Berikutnya, nil on a single page.
func pageNav(page, pages int) []tgbotapi.InlineKeyboardButton {
	var nav []tgbotapi.InlineKeyboardButton
	if page > 0 {
		nav = append(nav, kit.Button(btnPrev, JadwalPrefix, "p", page-1))
	}
	if page+1 < pages {
		nav = append(nav, kit.Button(btnNext, JadwalPrefix, "p", page+1))
	}
	return nav
}

// scheduleEntry is one event of the schedule: its card, whether it is
// running or full, the volunteer's answer and check-in.
func scheduleEntry(e *storage.Event, now time.Time) string {
	var b strings.Builder
	b.WriteString(eventCard(e, false))
	if !now.Before(e.StartsAt) {
		b.WriteString("\n" + jadwalOngoing)
	} else if e.Quota != nil && e.Attending >= *e.Quota && (e.Answer == nil || !*e.Answer) {
		b.WriteString("\n" + jadwalFull)
	}
	switch {
	case e.Answer == nil:
		b.WriteString("\n" + jadwalYouNone)
	case *e.Answer:
		b.WriteString("\n" + jadwalYouYes)
	default:
		b.WriteString("\n" + jadwalYouNo)
	}
	if e.CheckedIn != nil {
		b.WriteString("\n" + jadwalCheckedIn)
	}
	return b.String()
}

// JadwalButton handles the schedule's buttons: "jd:p:<page>" (paging),
// "jd:y:<event>:<page>" / "jd:n:<event>:<page>" (Hadir / Tidak hadir) and
// "jd:ci:<event>" (check-in). Only verified volunteers the event is aimed
// at may answer.
func (h *Room) JadwalButton(ctx context.Context, r *kit.Request) (string, error) {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return "", err
	}
	if v == nil || v.Status != domain.StatusVerified {
		return answerNotVerified, nil
	}
	d := r.Data
	switch action := d.Action(); {
	case d.Len() == 2 && action == "p":
		if page, ok := d.Int(1, 0, maxJadwalPage); ok {
			return "", h.showJadwalPage(ctx, r, v, int(page))
		}
	case d.Len() == 3 && (action == "y" || action == "n"):
		id, ok1 := d.ID(1)
		page, ok2 := d.Int(2, 0, maxJadwalPage)
		if ok1 && ok2 {
			return h.rsvp(ctx, r, v, id, action == "y", int(page))
		}
	case d.Len() == 2 && action == "ci":
		if id, ok := d.ID(1); ok {
			return h.startCheckin(ctx, r, v, id)
		}
	}
	return kit.MsgButtonExpired, nil
}

// rsvp records Hadir / Tidak hadir and redraws the page.
func (h *Room) rsvp(ctx context.Context, r *kit.Request, v *storage.Volunteer, eventID int64, attending bool, page int) (string, error) {
	ok, err := h.Store.EventTargets(ctx, eventID, audienceOf(v))
	if err != nil {
		return "", err
	}
	if !ok {
		h.Log.Info("refused rsvp for an event not aimed at the volunteer", "event_id", eventID, "user_id", r.From.ID)
		return answerNotTargeted, nil
	}
	changed, err := h.Store.SetRSVP(ctx, eventID, v.ID, attending, h.Now())
	var answer string
	switch {
	case errors.Is(err, storage.ErrEventFull):
		answer = answerRSVPFull
	case errors.Is(err, storage.ErrEventStarted):
		answer = answerRSVPStarted
	case errors.Is(err, storage.ErrEventCancelled):
		answer = answerEvCancelled
	case errors.Is(err, storage.ErrNotFound):
		answer = answerEvGone
	case err != nil:
		return "", err
	case !changed:
		return answerRSVPSame, nil
	case attending:
		answer = answerRSVPYes
	default:
		answer = answerRSVPNo
	}
	if err == nil {
		h.Log.Info("rsvp recorded", "event_id", eventID, "volunteer_id", v.ID, "attending", attending)
	}
	return answer, h.showJadwalPage(ctx, r, v, page)
}

// showJadwalPage redraws the pressed schedule message with page. An edit
// that would change nothing (a double tap) is not sent by the client
// (bot.ErrNotModified), since Telegram refuses it.
func (h *Room) showJadwalPage(ctx context.Context, r *kit.Request, v *storage.Volunteer, page int) error {
	q := r.Callback
	if q.Message == nil || q.Message.Chat == nil {
		return nil
	}
	text, kb, err := h.jadwalPage(ctx, v, page)
	if err != nil {
		return err
	}
	edit := tgbotapi.NewEditMessageText(q.Message.Chat.ID, q.Message.MessageID, text)
	edit.ParseMode = tgbotapi.ModeHTML
	edit.DisableWebPagePreview = true
	if m, ok := kb.(tgbotapi.InlineKeyboardMarkup); ok {
		edit.ReplyMarkup = &m
	}
	if _, err := h.Send.Request(ctx, edit); err != nil && !bot.IsNotModified(err) {
		return err
	}
	return nil
}
