package events

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// finishAcara saves a new event or the changes to one.
func (h *Room) finishAcara(ctx context.Context, s *conversations.Session) (string, error) {
	e, err := eventFromAnswers(s)
	if err != nil {
		return "", err
	}
	if idText := s.Get(keyEvID); idText != "" {
		e.ID, _ = strconv.ParseInt(idText, 10, 64)
		return h.saveEventChange(ctx, s, e)
	}
	if !e.StartsAt.After(h.Now()) {
		return "", conversations.Invalidf(errEvStartGone)
	}
	err = h.Store.CreateEvent(ctx, e, h.Actor(s.Chat.UserID))
	if errors.Is(err, storage.ErrNotCoordinator) {
		return kit.MsgNoLongerCoord, nil
	}
	if errors.Is(err, storage.ErrOutOfScope) {
		return "", h.outsideScope(ctx, s.Chat.UserID)
	}
	if err != nil {
		return "", err
	}
	h.Log.Info("event created", "event_id", e.ID, "user_id", s.Chat.UserID)
	return announcementOffer(s, e), nil
}

// saveEventChange stores a changed event; a new time or place is told to
// those who answered Hadir. Ownership and the start are checked again,
// not only at the Ubah press: the flow may have waited in Redis for hours.
func (h *Room) saveEventChange(ctx context.Context, s *conversations.Session, e *storage.Event) (string, error) {
	cur, err := h.Store.EventByID(ctx, e.ID)
	if errors.Is(err, storage.ErrNotFound) {
		return answerEvGone, nil
	}
	if err != nil {
		return "", err
	}
	if cur.CreatedBy != s.Chat.UserID && !h.Admins[s.Chat.UserID] {
		return answerEvNotYours, nil
	}
	if !cur.StartsAt.Equal(e.StartsAt) && !e.StartsAt.After(h.Now()) {
		return "", conversations.Invalidf(errEvStartGone)
	}
	old, err := h.Store.UpdateEvent(ctx, e, h.Actor(s.Chat.UserID), h.Now())
	if errors.Is(err, storage.ErrEventCancelled) {
		return answerEvCancelled, nil
	}
	if errors.Is(err, storage.ErrNotCoordinator) {
		return kit.MsgNoLongerCoord, nil
	}
	if errors.Is(err, storage.ErrOutOfScope) {
		return "", h.outsideScope(ctx, s.Chat.UserID)
	}
	if err != nil {
		return "", err
	}
	fresh, err := h.Store.EventByID(ctx, e.ID)
	if err != nil {
		return "", err
	}
	text := fmt.Sprintf(msgAcaraUpdated, eventCard(fresh, true))
	if eventMoved(old, fresh) {
		atts, err := h.Store.Attendees(ctx, e.ID)
		if err != nil {
			return "", err
		}
		if h.notifyAttendees(ctx, atts, fmt.Sprintf(msgEvChangedNotice, eventCard(fresh, false))) > 0 {
			text += msgAcaraChanged
		}
	}
	h.Log.Info("event changed", "event_id", e.ID, "user_id", s.Chat.UserID)
	return text, nil
}

// eventMoved reports whether the time or the place of an event changed.
func eventMoved(a, b *storage.Event) bool {
	sameTime := func(x, y *time.Time) bool { return (x == nil && y == nil) || (x != nil && y != nil && x.Equal(*y)) }
	sameF := func(x, y *float64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return !a.StartsAt.Equal(b.StartsAt) || !sameTime(a.EndsAt, b.EndsAt) || a.Place != b.Place ||
		!sameF(a.Latitude, b.Latitude) || !sameF(a.Longitude, b.Longitude)
}

// eventFromAnswers builds an event from the flow's answers.
func eventFromAnswers(s *conversations.Session) (*storage.Event, error) {
	e := &storage.Event{
		Title:       s.Get(keyEvJudul),
		Kind:        s.Get(keyEvJenis),
		Place:       s.Get(keyEvTempat),
		Pilars:      kit.DecodePicks(s.Get(keyEvPilar)),
		Regions:     kit.DecodePicks(s.Get(keyEvWilayah)),
		Description: s.Get(keyEvKet),
	}
	var err error
	if e.StartsAt, err = time.Parse(time.RFC3339, s.Get(keyEvMulai)); err != nil {
		return nil, fmt.Errorf("events: bad start in event flow: %w", err)
	}
	if v := s.Get(keyEvSelesai); v != "" {
		end, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, fmt.Errorf("events: bad end in event flow: %w", err)
		}
		e.EndsAt = &end
	}
	if lat, lon, ok := kit.SplitPin(s.Get(keyEvPin)); ok {
		e.Latitude, e.Longitude = &lat, &lon
	}
	if v := s.Get(keyEvKuota); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("events: bad quota in event flow: %w", err)
		}
		e.Quota = &n
	}
	return e, nil
}

// eventAnswers prefills the flow from a stored event, for changing it.
func eventAnswers(e *storage.Event) map[string]string {
	a := map[string]string{
		keyEvID:      strconv.FormatInt(e.ID, 10),
		keyEvJudul:   e.Title,
		keyEvJenis:   e.Kind,
		keyEvMulai:   e.StartsAt.In(domain.WIB).Format(time.RFC3339),
		keyEvTempat:  e.Place,
		keyEvPilar:   kit.EncodePicks(e.Pilars),
		keyEvWilayah: kit.EncodePicks(e.Regions),
		keyEvKet:     e.Description,
	}
	if e.EndsAt != nil {
		a[keyEvSelesai] = e.EndsAt.In(domain.WIB).Format(time.RFC3339)
	}
	if e.HasPin() {
		a[keyEvPin] = strconv.FormatFloat(*e.Latitude, 'f', -1, 64) + "," + strconv.FormatFloat(*e.Longitude, 'f', -1, 64)
	}
	if e.Quota != nil {
		a[keyEvKuota] = strconv.Itoa(*e.Quota)
	}
	return a
}
