package events

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	jadwalPageSize = 5
	// maxJadwalPage bounds the page of a "jd:p" press: buttons carry
	// pages from 0, and a forged huge one must not overflow the offset.
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
	m, err := h.SendMessage(ctx, r.Chat.ChatID, text, kb)
	if err != nil {
		return err
	}
	h.rememberRender(ctx, r.Chat.ChatID, m.MessageID, text, kb)
	return nil
}

// jadwalPage renders page (from 0, clamped) of the schedule: the text and
// the inline keyboard (nil when there is nothing to press).
func (h *Room) jadwalPage(ctx context.Context, v *storage.Volunteer, page int) (string, any, error) {
	now := h.Now()
	a := audienceOf(v)
	events, total, err := h.Store.EventsFor(ctx, a, now, max(page, 0)*jadwalPageSize, jadwalPageSize)
	if err != nil {
		return "", nil, err
	}
	pages := (total + jadwalPageSize - 1) / jadwalPageSize
	if total == 0 {
		return msgJadwalEmpty, nil, nil
	}
	if page >= pages || page < 0 {
		page = min(max(page, 0), pages-1)
		if events, total, err = h.Store.EventsFor(ctx, a, now, page*jadwalPageSize, jadwalPageSize); err != nil {
			return "", nil, err
		}
		pages = max((total+jadwalPageSize-1)/jadwalPageSize, 1)
	}
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgJadwalTitle, page+1, pages, kit.FormatInt(total)))
	var rows [][]tgbotapi.InlineKeyboardButton
	for i := range events {
		e := &events[i]
		n := page*jadwalPageSize + i + 1
		b.WriteString(fmt.Sprintf("\n\n%d. ", n) + scheduleEntry(e, now))
		if now.Before(e.StartsAt) {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				kit.Button(fmt.Sprintf(btnRSVPYes, n), "jd", "y", e.ID, page),
				kit.Button(fmt.Sprintf(btnRSVPNo, n), "jd", "n", e.ID, page)))
		}
		if e.Answer != nil && *e.Answer && e.CheckedIn == nil && checkinOpen(e, now) {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				kit.Button(fmt.Sprintf(btnCheckin, n), "jd", "ci", e.ID)))
		}
	}
	var nav []tgbotapi.InlineKeyboardButton
	if page > 0 {
		nav = append(nav, kit.Button(btnPrev, "jd", "p", page-1))
	}
	if page+1 < pages {
		nav = append(nav, kit.Button(btnNext, "jd", "p", page+1))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	if rows == nil {
		return b.String(), nil, nil
	}
	return b.String(), tgbotapi.NewInlineKeyboardMarkup(rows...), nil
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
// that would not change the message is not sent, since Telegram refuses it
// ("message is not modified").
func (h *Room) showJadwalPage(ctx context.Context, r *kit.Request, v *storage.Volunteer, page int) error {
	q := r.Callback
	if q.Message == nil || q.Message.Chat == nil {
		return nil
	}
	text, kb, err := h.jadwalPage(ctx, v, page)
	if err != nil {
		return err
	}
	chatID, msgID := q.Message.Chat.ID, q.Message.MessageID
	if h.sameRender(ctx, chatID, msgID, text, kb) {
		return nil
	}
	edit := tgbotapi.NewEditMessageText(chatID, msgID, text)
	edit.ParseMode = tgbotapi.ModeHTML
	edit.DisableWebPagePreview = true
	if m, ok := kb.(tgbotapi.InlineKeyboardMarkup); ok {
		edit.ReplyMarkup = &m
	}
	if _, err := h.Send.Request(ctx, edit); err != nil {
		if !bot.IsNotModified(err) {
			return err
		}
		h.Log.Warn("schedule edit was not modified", "chat_id", chatID)
	}
	h.rememberRender(ctx, chatID, msgID, text, kb)
	return nil
}

// renderKey holds a hash of what a schedule message shows, so that an edit
// to the same content is skipped even for a double tap handled after the
// first one changed the message.
func (h *Room) renderKey(chatID int64, msgID int) string {
	return h.Prefix + "jadwal:" + strconv.FormatInt(chatID, 10) + ":" + strconv.Itoa(msgID)
}

func renderHash(text string, kb any) string {
	markup, _ := json.Marshal(kb) // not %v: buttons hold pointers
	sum := sha256.Sum256(append([]byte(text+"\x00"), markup...))
	return hex.EncodeToString(sum[:])
}

func (h *Room) sameRender(ctx context.Context, chatID int64, msgID int, text string, kb any) bool {
	got, err := h.Redis.Get(ctx, h.renderKey(chatID, msgID)).Result()
	return err == nil && got == renderHash(text, kb)
}

func (h *Room) rememberRender(ctx context.Context, chatID int64, msgID int, text string, kb any) {
	if err := h.Redis.Set(ctx, h.renderKey(chatID, msgID), renderHash(text, kb), 48*time.Hour).Err(); err != nil {
		h.Log.Warn("remembering a schedule message failed", "chat_id", chatID, "error", err)
	}
}
