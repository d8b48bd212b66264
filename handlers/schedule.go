package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowCheckin = "checkin"

	keyCheckinLoc   = "lokasi"
	keyCheckinEvent = "_eid"
	keyCheckinTitle = "_title"

	jadwalPageSize = 5

	// Check-in opens this long before the start and closes at the end, or
	// this long after the start of an event without an end.
	checkinOpensBefore = time.Hour
	checkinDefaultLen  = 4 * time.Hour
)

// jadwal shows the first page of the volunteer's schedule.
func (h *Handlers) jadwal(ctx context.Context, r *Request) error {
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
func (h *Handlers) jadwalPage(ctx context.Context, v *storage.Volunteer, page int) (string, any, error) {
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
	p := strconv.Itoa(page)
	for i := range events {
		e := &events[i]
		n := page*jadwalPageSize + i + 1
		id := strconv.FormatInt(e.ID, 10)
		b.WriteString(fmt.Sprintf("\n\n%d. ", n) + eventCard(e, false))
		started := !now.Before(e.StartsAt)
		if started {
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
		if !started {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				tgbotapi.NewInlineKeyboardButtonData(fmt.Sprintf(btnRSVPYes, n), "jd:y:"+id+":"+p),
				tgbotapi.NewInlineKeyboardButtonData(fmt.Sprintf(btnRSVPNo, n), "jd:n:"+id+":"+p)))
		}
		if e.Answer != nil && *e.Answer && e.CheckedIn == nil && checkinOpen(e, now) {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(
				tgbotapi.NewInlineKeyboardButtonData(fmt.Sprintf(btnCheckin, n), "jd:ci:"+id)))
		}
	}
	var nav []tgbotapi.InlineKeyboardButton
	if page > 0 {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(btnPrev, "jd:p:"+strconv.Itoa(page-1)))
	}
	if page+1 < pages {
		nav = append(nav, tgbotapi.NewInlineKeyboardButtonData(btnNext, "jd:p:"+strconv.Itoa(page+1)))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	if rows == nil {
		return b.String(), nil, nil
	}
	return b.String(), tgbotapi.NewInlineKeyboardMarkup(rows...), nil
}

// checkinOpen reports whether check-in is open for e at now: from an hour
// before the start until the end (or four hours after the start).
func checkinOpen(e *storage.Event, now time.Time) bool {
	return !now.Before(e.StartsAt.Add(-checkinOpensBefore)) && now.Before(checkinCloses(e))
}

func checkinCloses(e *storage.Event) time.Time {
	if e.EndsAt != nil {
		return *e.EndsAt
	}
	return e.StartsAt.Add(checkinDefaultLen)
}

// jadwalButton handles the schedule's buttons: "jd:p:<page>" (paging),
// "jd:y:<event>:<page>" / "jd:n:<event>:<page>" (Hadir / Tidak hadir) and
// "jd:ci:<event>" (check-in). Only verified volunteers the event is aimed
// at may answer.
func (h *Handlers) jadwalButton(ctx context.Context, r *Request) (string, error) {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return "", err
	}
	if v == nil || v.Status != domain.StatusVerified {
		return answerNotVerified, nil
	}
	parts := strings.Split(r.Callback.Data, ":")
	switch {
	case len(parts) == 3 && parts[1] == "p":
		page, err := strconv.Atoi(parts[2])
		if err != nil {
			return kit.MsgButtonExpired, nil
		}
		return "", h.showJadwalPage(ctx, r, v, page)
	case len(parts) == 4 && (parts[1] == "y" || parts[1] == "n"):
		id, err1 := strconv.ParseInt(parts[2], 10, 64)
		page, err2 := strconv.Atoi(parts[3])
		if err1 != nil || err2 != nil {
			return kit.MsgButtonExpired, nil
		}
		return h.rsvp(ctx, r, v, id, parts[1] == "y", page)
	case len(parts) == 3 && parts[1] == "ci":
		id, err := strconv.ParseInt(parts[2], 10, 64)
		if err != nil {
			return kit.MsgButtonExpired, nil
		}
		return h.startCheckin(ctx, r, v, id)
	}
	return kit.MsgButtonExpired, nil
}

// rsvp records Hadir / Tidak hadir and redraws the page.
func (h *Handlers) rsvp(ctx context.Context, r *Request, v *storage.Volunteer, eventID int64, attending bool, page int) (string, error) {
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
func (h *Handlers) showJadwalPage(ctx context.Context, r *Request, v *storage.Volunteer, page int) error {
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
func (h *Handlers) renderKey(chatID int64, msgID int) string {
	return h.Prefix + "jadwal:" + strconv.FormatInt(chatID, 10) + ":" + strconv.Itoa(msgID)
}

func renderHash(text string, kb any) string {
	markup, _ := json.Marshal(kb) // not %v: buttons hold pointers
	sum := sha256.Sum256(append([]byte(text+"\x00"), markup...))
	return hex.EncodeToString(sum[:])
}

func (h *Handlers) sameRender(ctx context.Context, chatID int64, msgID int, text string, kb any) bool {
	got, err := h.Redis.Get(ctx, h.renderKey(chatID, msgID)).Result()
	return err == nil && got == renderHash(text, kb)
}

func (h *Handlers) rememberRender(ctx context.Context, chatID int64, msgID int, text string, kb any) {
	if err := h.Redis.Set(ctx, h.renderKey(chatID, msgID), renderHash(text, kb), 48*time.Hour).Err(); err != nil {
		h.Log.Warn("remembering a schedule message failed", "chat_id", chatID, "error", err)
	}
}

// startCheckin opens the one-step check-in flow for an attendee during
// the check-in window.
func (h *Handlers) startCheckin(ctx context.Context, r *Request, v *storage.Volunteer, eventID int64) (string, error) {
	e, err := h.Store.EventByID(ctx, eventID)
	if errors.Is(err, storage.ErrNotFound) {
		return answerEvGone, nil
	}
	if err != nil {
		return "", err
	}
	if e.CancelledAt != nil {
		return answerEvCancelled, nil
	}
	if !eventTargets(e.Pilars, e.Regions, v.Pilar, v.KelurahanCode) {
		return answerNotTargeted, nil // moved to another kelurahan or pilar since answering
	}
	now := h.Now()
	switch {
	case now.Before(e.StartsAt.Add(-checkinOpensBefore)):
		return answerCheckinEarly, nil
	case !now.Before(checkinCloses(e)):
		return answerCheckinOver, nil
	}
	a, err := h.Store.RSVPOf(ctx, eventID, v.ID)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && !a.Attending) {
		return answerCheckinOnly, nil
	}
	if err != nil {
		return "", err
	}
	if a.CheckedInAt != nil {
		return answerCheckinDone, nil
	}
	return answerSendLocation, h.Engine.Start(ctx, r.Chat, flowCheckin, map[string]string{
		keyCheckinEvent: strconv.FormatInt(eventID, 10),
		keyCheckinTitle: e.Title,
	})
}

// checkinFlow asks for the volunteer's location and records the check-in.
func (h *Handlers) checkinFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowCheckin,
		Entry: "jadwal",
		Title: flowCheckinTitle,
		Steps: []conversations.Step{{
			Key: keyCheckinLoc, Label: flowCheckinTitle,
			Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
				return conversations.Prompt{
					Text:     fmt.Sprintf(askCheckin, html.EscapeString(s.Get(keyCheckinTitle))),
					Keyboard: kit.LocationKeyboard(btnCheckinLocation),
				}, nil
			},
			Accept: h.acceptCheckinLocation,
		}},
		Finish: h.finishCheckin,
	}
}

// acceptCheckinLocation measures the distance to the event's pin: within
// the radius it is kept ("<metres>"), outside it is refused with the
// distance so the volunteer can try again; without a pin it is kept as
// "" (unverified).
func (h *Handlers) acceptCheckinLocation(ctx context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	if m.Location == nil {
		return "", conversations.Invalidf(errCheckinNeedLoc)
	}
	id, _ := strconv.ParseInt(s.Get(keyCheckinEvent), 10, 64)
	e, err := h.Store.EventByID(ctx, id)
	if err != nil {
		return "", err
	}
	if !e.HasPin() {
		return "", nil
	}
	d := domain.DistanceMeters(*e.Latitude, *e.Longitude, m.Location.Latitude, m.Location.Longitude)
	if d > h.checkinRadius {
		return "", conversations.Invalidf(fmt.Sprintf(errCheckinTooFar, kit.FormatDistance(d), kit.FormatDistance(h.checkinRadius)))
	}
	return strconv.FormatFloat(d, 'f', 1, 64), nil
}

func (h *Handlers) finishCheckin(ctx context.Context, s *conversations.Session) (string, error) {
	id, _ := strconv.ParseInt(s.Get(keyCheckinEvent), 10, 64)
	e, err := h.Store.EventByID(ctx, id)
	if err != nil {
		return "", err
	}
	if e.CancelledAt != nil {
		return answerEvCancelled, nil
	}
	if !h.Now().Before(checkinCloses(e)) {
		return errCheckinClosed, nil
	}
	v, err := h.Store.VolunteerByTelegramID(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	title := html.EscapeString(e.Title)
	var distance *float64
	text := fmt.Sprintf(msgCheckinUnverified, title)
	if val := s.Get(keyCheckinLoc); val != "" {
		d, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return "", fmt.Errorf("handlers: bad distance in check-in flow: %w", err)
		}
		distance = &d
		text = fmt.Sprintf(msgCheckinVerified, title, kit.FormatDistance(d))
	}
	err = h.Store.CheckIn(ctx, e.ID, v.ID, distance != nil, distance)
	if errors.Is(err, storage.ErrNotAttending) {
		return msgCheckinNotAttendee, nil
	}
	if err != nil {
		return "", err
	}
	h.Log.Info("checked in", "event_id", e.ID, "volunteer_id", v.ID, "verified", distance != nil)
	return text, nil
}
