package siaga

import (
	"context"
	"fmt"
	"html"
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/audience"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/richtext"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// The flow's name and answer keys are stored with the conversations in
// Redis: they must not change.
const (
	flowSiaga = "siaga"

	keySasaran = "sasaran" // tagana, pilar, kecamatan, kelurahan
	keyPilihan = "pilihan" // JSON list of codes
	keyPesan   = "pesan"   // HTML
	keyTitik   = "titik"   // "lat,lon" or ""

	sasaranTagana = "tagana"
	maxPesan      = 1000
)

// siagaFlow asks the audience (Tagana by default), the message and an
// optional gathering point, shows the summary with Kirim siaga, and
// starts the call-up.
func (h *Room) siagaFlow() *conversations.Flow {
	pin := kit.Pin{Skip: btnLewati, Input: errTitik}
	return &conversations.Flow{
		Name: flowSiaga, Entry: "siaga", Role: domain.RoleCoordinator, Title: flowSiagaTitle,
		Confirm: true, SummaryTitle: summaryTitle, SaveLabel: btnKirim,
		Steps: []conversations.Step{
			{Key: keySasaran, Label: labelSasaran, Ask: h.askSasaran, Accept: conversations.TextAnswer(h.acceptSasaran),
				Show: func(s *conversations.Session, _ string) string { return audienceLabel(segmentOf(s), storage.Scope{}) }},
			{Key: keyPilihan, Hidden: true, Dependent: true,
				Skip: func(s *conversations.Session) bool { return s.Get(keySasaran) == sasaranTagana },
				Ask:  h.askPilihan, Accept: conversations.TextAnswer(h.acceptPilihan)},
			{Key: keyPesan, Label: labelPesan, Ask: kit.Fixed(askPesan, nil), Accept: acceptPesan,
				Show: func(_ *conversations.Session, v string) string { return plain(v) }},
			{Key: keyTitik, Label: labelTitik, Ask: kit.Fixed(askTitik, kit.LocationKeyboard(btnKirimTitik, btnLewati)),
				Accept: pin.Accept, Show: showPin},
		},
		Finish: h.finishSiaga,
	}
}

func showPin(_ *conversations.Session, v string) string {
	lat, lon, ok := kit.SplitPin(v)
	if !ok {
		return showNoTitik
	}
	return fmt.Sprintf(showTitik, lat, lon)
}

// chosen is the codes picked so far in the multi-select.
func chosen(s *conversations.Session) []string { return kit.DecodePicks(s.Get(keyPilihan)) }

// segmentOf turns the answers into the audience: Tagana of the whole
// city (clipped to the scope at the start) unless something was picked.
func segmentOf(s *conversations.Session) storage.Segment {
	if k := s.Get(keySasaran); k != sasaranTagana {
		return audience.Segment(k, chosen(s))
	}
	return storage.Segment{Pilars: []string{sasaranTagana}}
}

func (h *Room) askSasaran(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return conversations.Prompt{}, err
	}
	labels := []string{optTagana, optPilar, optKec, optKel}
	text := askSasaran
	if !scope.CityWide() {
		text += fmt.Sprintf(msgScope, html.EscapeString(kit.ScopeLabel(scope)))
	}
	if len(kit.ScopeKecamatans(scope)) == 0 {
		labels = slices.DeleteFunc(labels, func(l string) bool { return l == optKec })
	}
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(2, labels...)}, nil
}

func (h *Room) acceptSasaran(ctx context.Context, s *conversations.Session, t string) (string, error) {
	switch kit.NormalizeChoice(t) {
	case kit.NormalizeChoice(optTagana):
		return sasaranTagana, nil
	case kit.NormalizeChoice(optPilar), "pilar":
		return audience.Pilar, nil
	case kit.NormalizeChoice(optKec), "kecamatan":
		scope, err := h.UserScope(ctx, s.Chat.UserID)
		if err != nil {
			return "", err
		}
		if len(kit.ScopeKecamatans(scope)) == 0 {
			return "", conversations.Invalidf(fmt.Sprintf(errNoKecamatan, kit.PlacesLabel(scope)))
		}
		return audience.Kecamatan, nil
	case kit.NormalizeChoice(optKel), "kelurahan":
		return audience.Kelurahan, nil
	}
	return "", conversations.Invalidf(errSasaran)
}

func (h *Room) askPilihan(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return conversations.Prompt{}, err
	}
	kind := s.Get(keySasaran)
	text := map[string]string{audience.Pilar: askPilihPilar, audience.Kecamatan: askPilihKec, audience.Kelurahan: askPilihKel}[kind]
	if list := chosen(s); len(list) > 0 {
		text += fmt.Sprintf(msgChosen, html.EscapeString(audience.Picked(kind, list)))
	}
	cols := 2
	if kind == audience.Kelurahan {
		cols = 3
	}
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(cols, append([]string{optSelesai}, audience.Options(kind, scope)...)...)}, nil
}

func (h *Room) acceptPilihan(ctx context.Context, s *conversations.Session, t string) (string, error) {
	m := kit.MultiSelect{Key: keyPilihan, Done: optSelesai, Empty: errPilihDulu,
		Match: func(ctx context.Context, s *conversations.Session, t string) (string, error) {
			scope, err := h.UserScope(ctx, s.Chat.UserID)
			if err != nil {
				return "", err
			}
			return audience.Match(s.Get(keySasaran), t, scope)
		}}
	return m.Accept(ctx, s, t)
}

// acceptPesan keeps the message as HTML with the sender's formatting.
func acceptPesan(_ context.Context, _ *conversations.Session, m *tgbotapi.Message) (string, error) {
	if m.Text == "" || plain(m.Text) == "" {
		return "", conversations.Invalidf(errPesanKosong)
	}
	if n := richtext.PlainLen(m.Text); n > maxPesan {
		return "", conversations.Invalidf(fmt.Sprintf(errPesanPanj, kit.FormatInt(n)))
	}
	return richtext.HTML(m.Text, m.Entities), nil
}

// finishSiaga sends the tally message, then stores the call-up with its
// recipients in one transaction and wakes the outbox runner. The tally
// loop fills the message in within seconds.
func (h *Room) finishSiaga(ctx context.Context, s *conversations.Session) (string, error) {
	seg := segmentOf(s)
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	label := html.EscapeString(audienceLabel(seg, scope))
	n, err := h.Store.CountSegment(ctx, seg, scope)
	if err != nil {
		return "", err
	}
	if n == 0 {
		return fmt.Sprintf(msgNoRecipient, label), nil
	}
	tally, err := h.tallyMessage(ctx, s)
	if err != nil {
		return "", err
	}
	c := &storage.Callup{CreatedBy: s.Chat.UserID, ChatID: s.Chat.ChatID, Text: s.Get(keyPesan), TallyMsgID: int64(tally)}
	if lat, lon, ok := kit.SplitPin(s.Get(keyTitik)); ok {
		c.Latitude, c.Longitude = &lat, &lon
	}
	total, err := h.Store.StartCallup(ctx, c, seg, scope, h.Actor(s.Chat.UserID), render)
	if msg, ok := (kit.Refusals{}).Of(err); ok {
		return msg, nil
	}
	if err != nil {
		return "", err
	}
	h.deps.Kick()
	h.Log.Info("call-up started", "callup_id", c.ID, "recipients", total, "user_id", s.Chat.UserID)
	return "", nil // the tally says the rest
}

// tallyMessage turns the pressed summary into the tally message, which
// the tally loop then keeps editing: one call, where sending a new one
// also left the summary's buttons to take off. Telegram edits only
// messages sent without reply_markup or with an inline keyboard, so a
// tally sent anew (the summary could not be edited) carries neither; the
// summary already removed the flow's reply keyboard.
// https://core.telegram.org/bots/api#editmessagetext
func (h *Room) tallyMessage(ctx context.Context, s *conversations.Session) (int, error) {
	if id := s.TakeSummary(); id != 0 {
		edit := tgbotapi.NewEditMessageText(s.Chat.ChatID, id, msgStarting)
		edit.ParseMode = tgbotapi.ModeHTML
		if _, err := h.Send.Request(ctx, edit); err == nil {
			return id, nil
		}
		h.RemoveButtonsOf(ctx, s.Chat.ChatID, id)
	}
	m, err := h.SendMessage(ctx, s.Chat.ChatID, msgStarting, nil)
	return m.MessageID, err
}
