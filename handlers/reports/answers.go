package reports

import (
	"context"
	"fmt"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage/domain"
)

// activityOf is the activity chosen so far, of the pilar the volunteer had
// when the flow started.
func activityOf(s *conversations.Session) domain.Activity {
	a, _ := domain.ActivityOf(s.Get(keyRPilar), s.Get(keyRJenis))
	return a
}

// askActivity offers the activities of the volunteer's pilar as buttons.
func askActivity(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	var labels []string
	for _, a := range domain.ActivitiesOf(s.Get(keyRPilar)) {
		labels = append(labels, a.Label)
	}
	return conversations.Prompt{Text: askJenis, Keyboard: conversations.Keyboard(2, labels...)}, nil
}

// acceptActivity takes one of the pilar's activities, typed or tapped, and
// stores its code.
func acceptActivity(_ context.Context, s *conversations.Session, t string) (string, error) {
	for _, a := range domain.ActivitiesOf(s.Get(keyRPilar)) {
		if kit.NormalizeChoice(t) == kit.NormalizeChoice(a.Label) {
			return a.Code, nil
		}
	}
	return "", conversations.Invalidf(errJenisChoice)
}

// acceptCount takes a number of people from min up to maxCount. A sticker
// or a photo gets its own hint rather than the engine's generic one.
func acceptCount(min int) kit.AcceptFunc {
	return func(_ context.Context, _ *conversations.Session, m *tgbotapi.Message) (string, error) {
		if m.Text == "" {
			return "", conversations.Invalidf(errNumberText)
		}
		n, err := parse.Int(m.Text, min, maxCount)
		return strconv.Itoa(n), err
	}
}

// acceptReportDate takes a date from MaxAgeDays ago up to today (WIB):
// older activities are reported to the Dinas directly.
func (h *Room) acceptReportDate(t string) (string, error) {
	now := h.Now()
	d, err := parse.Date(t, now)
	if err != nil {
		return "", err
	}
	y, m, day := now.In(domain.WIB).Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, domain.WIB)
	switch {
	case d.After(today):
		return "", conversations.Invalidf(errDateFuture)
	case d.Before(today.AddDate(0, 0, -h.cfg.MaxAgeDays)):
		return "", conversations.Invalidf(fmt.Sprintf(errDateTooOld, h.cfg.MaxAgeDays))
	}
	return d.Format(time.DateOnly), nil
}
