package data

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// searchLimit is how many volunteers a /cari result offers as buttons.
const searchLimit = 10

// profileSection is one part of a volunteer's profile as /cari shows it
// to a coordinator, after the card. build returns HTML, or "" to leave it
// out.
type profileSection struct {
	name  string
	build func(ctx context.Context, v *storage.Volunteer) (string, error)
}

// profileSections follow the card in /cari. The volunteer's recent
// reports come from the reports capability.
func (h *Room) profileSections() []profileSection {
	return []profileSection{
		{name: "status", build: h.profileStatus},
		{name: "laporan", build: h.deps.RecentReports},
	}
}

// Cari finds volunteers by name or phone number inside the coordinator's
// scope: one outside it is not found, whether by name or by number.
func (h *Room) Cari(ctx context.Context, r *kit.Request) error {
	q := strings.TrimSpace(r.Args)
	if q == "" {
		return h.Reply(ctx, r, msgCariHow)
	}
	name, phone, refusal := searchTerms(q)
	if refusal != "" {
		return h.Reply(ctx, r, refusal)
	}
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	vs, err := h.Store.SearchVolunteers(ctx, scope, name, phone, searchLimit+1)
	if err != nil {
		return err
	}
	switch len(vs) {
	case 0:
		return h.Reply(ctx, r, fmt.Sprintf(msgCariNone, html.EscapeString(q))+scopeLine(scope))
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
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(kit.Button(label, SearchPrefix, v.ID)))
	}
	text := fmt.Sprintf(msgCariMany, kit.FormatInt(len(vs)), html.EscapeString(q), more)
	m, err := h.SendMessage(ctx, r.Chat.ChatID, text, tgbotapi.NewInlineKeyboardMarkup(rows...))
	if err != nil {
		return err
	}
	// The list names each of them.
	for _, v := range vs {
		h.Shown(ctx, v.ID, m)
	}
	return nil
}

// searchTerms reads a /cari query as a name (3 letters or more) or as a
// whole phone number in any form people write it (E.164). Part of a
// number is refused with the message to say: a profile shows the phone
// masked, and matching parts would let repeated searches recover the
// hidden digits one by one.
func searchTerms(q string) (name, phone, refusal string) {
	letters := 0
	for _, c := range q {
		if unicode.IsLetter(c) {
			letters++
		}
	}
	switch {
	case letters >= 3:
		return q, "", ""
	case letters > 0:
		return "", "", msgCariShort
	}
	phone, err := parse.Phone(q)
	if err != nil {
		return "", "", msgCariPhoneFull
	}
	return "", phone, ""
}

// SearchButton opens one volunteer of a /cari result ("cr:<id>"). A
// volunteer outside the presser's scope (a forged id, or one who moved
// away since the list) is refused.
func (h *Room) SearchButton(ctx context.Context, r *kit.Request) (string, error) {
	id, ok := r.Data.ID(0)
	if !ok || r.Data.Len() != 1 {
		return kit.MsgButtonExpired, nil
	}
	v, err := h.Store.VolunteerByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return msgVolunteerGone, nil
	}
	if err != nil {
		return "", err
	}
	scope, err := h.ScopeOf(ctx, r)
	switch {
	case err != nil:
		return "", err
	case !scope.Covers(v.Pilar, v.KelurahanCode):
		return kit.MsgOutOfScope, nil
	case v.Status == domain.StatusErased:
		return msgVolunteerGone, nil
	}
	return "", h.sendProfile(ctx, r.Chat.ChatID, v)
}

// sendProfile shows a volunteer to a coordinator, NIK and phone masked.
func (h *Room) sendProfile(ctx context.Context, chatID int64, v *storage.Volunteer) error {
	parts := []string{msgCariTitle + h.deps.Card(v)}
	for _, s := range h.profileSections() {
		text, err := s.build(ctx, v)
		if err != nil {
			return fmt.Errorf("data: profile section %s: %w", s.name, err)
		}
		if text != "" {
			parts = append(parts, text)
		}
	}
	m, err := h.SendMessage(ctx, chatID, strings.Join(parts, "\n\n"), nil)
	if err != nil {
		return err
	}
	h.Shown(ctx, v.ID, m)
	return nil
}

// profileStatus is the verification state and how to reach the volunteer.
func (h *Room) profileStatus(_ context.Context, v *storage.Volunteer) (string, error) {
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
