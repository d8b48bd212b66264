package events

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// The check-in flow and its answer keys. They are in Redis for flows under
// way, so they never change.
const (
	flowCheckin = "checkin"

	keyCheckinLoc   = "lokasi"
	keyCheckinEvent = "_eid"
	keyCheckinTitle = "_title"

	// Check-in opens this long before the start and closes at the end, or
	// this long after the start of an event without an end.
	checkinOpensBefore = time.Hour
	checkinDefaultLen  = 4 * time.Hour
)

// checkinOpen reports whether check-in is open for e at now: from an hour
// before the start until the end (or four hours after the start).
func checkinOpen(e *storage.Event, now time.Time) bool {
	return !now.Before(e.StartsAt.Add(-checkinOpensBefore)) && now.Before(checkinCloses(e))
}

// checkinCloses is when check-in for e ends.
func checkinCloses(e *storage.Event) time.Time {
	if e.EndsAt != nil {
		return *e.EndsAt
	}
	return e.StartsAt.Add(checkinDefaultLen)
}

// startCheckin opens the one-step check-in flow for an attendee during
// the check-in window.
func (h *Room) startCheckin(ctx context.Context, r *kit.Request, v *storage.Volunteer, eventID int64) (string, error) {
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
func (h *Room) checkinFlow() *conversations.Flow {
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
func (h *Room) acceptCheckinLocation(ctx context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
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
	if radius := h.cfg.CheckinRadius; d > radius {
		return "", conversations.Invalidf(fmt.Sprintf(errCheckinTooFar, kit.FormatDistance(d), kit.FormatDistance(radius)))
	}
	return strconv.FormatFloat(d, 'f', 1, 64), nil
}

// finishCheckin records the check-in, verified when a distance was
// measured, unless the event was cancelled or check-in closed meanwhile.
func (h *Room) finishCheckin(ctx context.Context, s *conversations.Session) (string, error) {
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
			return "", fmt.Errorf("events: bad distance in check-in flow: %w", err)
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
