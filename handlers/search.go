package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const searchLimit = 10

// profileSection is one part of a volunteer's profile as /cari shows it
// to a coordinator, after the card. build returns HTML, or "" to leave it
// out.
type profileSection struct {
	name  string
	build func(ctx context.Context, v *storage.Volunteer) (string, error)
}

// profileSections follow the card in /cari. The volunteer's recent
// reports are one entry here.
func (h *Handlers) profileSections() []profileSection {
	return []profileSection{
		{name: "status", build: h.profileStatus},
		{name: "laporan", build: h.profileReports},
	}
}

// cari finds volunteers by name or phone number.
func (h *Handlers) cari(ctx context.Context, r *Request) error {
	q := strings.TrimSpace(r.Args)
	if q == "" {
		return h.Reply(ctx, r, msgCariHow)
	}
	digits := strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, q)
	letters := 0
	for _, c := range q {
		if unicode.IsLetter(c) {
			letters++
		}
	}
	name := q
	if letters == 0 {
		name = ""
	}
	if letters < 3 && len(digits) < 6 {
		return h.Reply(ctx, r, msgCariShort)
	}
	vs, err := h.Store.SearchVolunteers(ctx, name, digits, searchLimit+1)
	if err != nil {
		return err
	}
	switch len(vs) {
	case 0:
		return h.Replyf(ctx, r, msgCariNone, html.EscapeString(q))
	case 1:
		return h.sendProfile(ctx, r.Chat.ChatID, &vs[0])
	}
	more := ""
	if len(vs) > searchLimit {
		vs = vs[:searchLimit]
		more = fmt.Sprintf(msgCariMore, kit.FormatInt(searchLimit))
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, v := range vs {
		label := v.FullName + " · " + kit.PilarShort(v.Pilar) + " · " + kit.KelurahanName(v.KelurahanCode)
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(label, "cr:"+strconv.FormatInt(v.ID, 10))))
	}
	text := fmt.Sprintf(msgCariMany, kit.FormatInt(len(vs)), html.EscapeString(q), more)
	return h.SendHTML(ctx, r.Chat.ChatID, text, tgbotapi.NewInlineKeyboardMarkup(rows...))
}

// searchButton opens one volunteer of a /cari result ("cr:<id>").
func (h *Handlers) searchButton(ctx context.Context, r *Request) (string, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(r.Callback.Data, "cr:"), 10, 64)
	if err != nil {
		return kit.MsgButtonExpired, nil
	}
	v, err := h.Store.VolunteerByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && v.Status == domain.StatusErased) {
		return msgVolunteerGone, nil
	}
	if err != nil {
		return "", err
	}
	return "", h.sendProfile(ctx, r.Chat.ChatID, v)
}

// sendProfile shows a volunteer to a coordinator, NIK and phone masked.
func (h *Handlers) sendProfile(ctx context.Context, chatID int64, v *storage.Volunteer) error {
	parts := []string{msgCariTitle + h.volunteers.Card(v)}
	for _, s := range h.profileSections() {
		text, err := s.build(ctx, v)
		if err != nil {
			return fmt.Errorf("handlers: profile section %s: %w", s.name, err)
		}
		if text != "" {
			parts = append(parts, text)
		}
	}
	return h.SendHTML(ctx, chatID, strings.Join(parts, "\n\n"), nil)
}

// profileStatus is the verification state and how to reach the volunteer.
func (h *Handlers) profileStatus(_ context.Context, v *storage.Volunteer) (string, error) {
	var b strings.Builder
	b.WriteString(labelStatus + ": <b>" + kit.StatusLabel(v.Status) + "</b>")
	if v.Status == domain.StatusRejected && v.StatusNote != "" {
		b.WriteString("\n" + labelReason + ": " + html.EscapeString(v.StatusNote))
	}
	if v.Username != "" {
		b.WriteString("\n" + labelTelegramID + ": @" + html.EscapeString(v.Username))
	}
	if v.Unreachable {
		b.WriteString("\n" + labelUnreach + ": " + msgUnreachable)
	}
	return b.String(), nil
}
