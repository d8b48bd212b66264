package broadcast

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/audience"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/richtext"
	"pilarbot/storage/domain"
)

// umumkanFlow asks the audience and the message; its Finish shows the
// preview and the number of recipients with Kirim / Batal.
func (h *Room) umumkanFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowUmumkan,
		Entry: "umumkan",
		Role:  domain.RoleCoordinator,
		Title: flowUmumkanTitle,
		Steps: []conversations.Step{
			{
				Key:    keySasaran,
				Skip:   func(s *conversations.Session) bool { return s.Get(keySegmen) != "" },
				Ask:    h.askSasaran,
				Accept: conversations.TextAnswer(h.acceptSasaran),
			},
			{
				Key:       keyPilihan,
				Dependent: true,
				Skip: func(s *conversations.Session) bool {
					return s.Get(keySasaran) == sasaranSemua || s.Get(keySegmen) != ""
				},
				Ask:    h.askPilihan,
				Accept: conversations.TextAnswer(h.acceptPilihan),
			},
			{
				Key: keyPesan,
				// Prefilled by "Umumkan sekarang": straight to the preview.
				Skip:   func(s *conversations.Session) bool { return s.Get(keyPesan) != "" },
				Ask:    kit.Fixed(askPesan, nil),
				Accept: acceptPesan,
			},
		},
		Finish: h.finishUmumkan,
	}
}

// askSasaran asks the kind of audience. "Per kecamatan" is left out for
// a coordinator whose scope holds no whole kecamatan.
func (h *Room) askSasaran(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return conversations.Prompt{}, err
	}
	labels := []string{optSemua, optPilar, optKec, optKel, optAcara}
	text := askSasaran
	if !scope.CityWide() {
		text += fmt.Sprintf(msgSasaranScope, html.EscapeString(kit.ScopeLabel(scope)))
	}
	if len(kit.ScopeKecamatans(scope)) == 0 {
		labels = slices.DeleteFunc(labels, func(l string) bool { return l == optKec })
	}
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(2, labels...)}, nil
}

// acceptSasaran takes the kind of audience. "Peserta acara" needs an
// upcoming event of the coordinator's, or there is nobody to pick;
// "Per kecamatan" a whole kecamatan inside the scope.
func (h *Room) acceptSasaran(ctx context.Context, s *conversations.Session, t string) (string, error) {
	switch kit.NormalizeChoice(t) {
	case kit.NormalizeChoice(optAcara), "acara", "peserta":
		events, err := h.Store.UpcomingEventsBy(ctx, s.Chat.UserID, h.Now(), maxEvents)
		if err != nil {
			return "", err
		}
		if len(events) == 0 {
			return "", conversations.Invalidf(errNoAcara)
		}
		return sasaranAcara, nil
	case kit.NormalizeChoice(optSemua), "semua":
		return sasaranSemua, nil
	case kit.NormalizeChoice(optPilar), "pilar":
		return sasaranPilar, nil
	case kit.NormalizeChoice(optKec), "kecamatan":
		scope, err := h.UserScope(ctx, s.Chat.UserID)
		if err != nil {
			return "", err
		}
		if len(kit.ScopeKecamatans(scope)) == 0 {
			return "", conversations.Invalidf(fmt.Sprintf(errNoKecamatan, kit.PlacesLabel(scope)))
		}
		return sasaranKec, nil
	case kit.NormalizeChoice(optKel), "kelurahan":
		return sasaranKel, nil
	}
	return "", conversations.Invalidf(errSasaran)
}

// askPilihan offers the coordinator's upcoming events for acara, or the
// options of a multi-select with what is chosen so far.
func (h *Room) askPilihan(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	kind := s.Get(keySasaran)
	if kind == sasaranAcara {
		events, err := h.Store.UpcomingEventsBy(ctx, s.Chat.UserID, h.Now(), maxEvents)
		if err != nil {
			return conversations.Prompt{}, err
		}
		labels := make([]string, len(events))
		for i := range events {
			labels[i] = eventChoice(&events[i])
		}
		return conversations.Prompt{Text: askPilihAcara, Keyboard: conversations.Keyboard(1, labels...)}, nil
	}
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return conversations.Prompt{}, err
	}
	text := map[string]string{sasaranPilar: askPilihPilar, sasaranKec: askPilihKec, sasaranKel: askPilihKel}[kind]
	if list := chosen(s); len(list) > 0 {
		text += fmt.Sprintf(msgChosen, html.EscapeString(pickedLabel(kind, list)))
	}
	cols := 2
	if kind == sasaranKel {
		cols = 3
	}
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(cols, append([]string{optSelesai}, options(kind, scope)...)...)}, nil
}

// acceptPilihan toggles one choice (conversations.More) or ends the
// multi-select on "Selesai"; for acara it takes one of the coordinator's
// upcoming events.
func (h *Room) acceptPilihan(ctx context.Context, s *conversations.Session, t string) (string, error) {
	if s.Get(keySasaran) == sasaranAcara {
		return h.acceptAcara(ctx, s, t)
	}
	m := kit.MultiSelect{Key: keyPilihan, Done: optSelesai, Empty: errPilihDulu, Match: h.matchCode}
	return m.Accept(ctx, s, t)
}

// acceptAcara takes one of the coordinator's upcoming events by its
// button and keeps its title for the audience's label.
func (h *Room) acceptAcara(ctx context.Context, s *conversations.Session, t string) (string, error) {
	events, err := h.Store.UpcomingEventsBy(ctx, s.Chat.UserID, h.Now(), maxEvents)
	if err != nil {
		return "", err
	}
	for i := range events {
		if e := &events[i]; kit.NormalizeChoice(t) == kit.NormalizeChoice(eventChoice(e)) {
			s.Set(keyJudul, e.Title)
			return strconv.FormatInt(e.ID, 10), nil
		}
	}
	return "", conversations.Invalidf(errPilihAcara)
}

// matchCode reads a typed or tapped pilar, kecamatan or kelurahan as its
// code, refusing one outside the coordinator's scope.
func (h *Room) matchCode(ctx context.Context, s *conversations.Session, t string) (string, error) {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	return audience.Match(s.Get(keySasaran), t, scope)
}

// acceptPesan keeps the message as HTML with the sender's formatting, or
// one photo with its caption.
func acceptPesan(_ context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	if m.MediaGroupID != "" {
		return "", conversations.Invalidf(errPesanAlbum)
	}
	if len(m.Photo) > 0 {
		if n := richtext.PlainLen(m.Caption); n > maxCaptionLen {
			return "", conversations.Invalidf(fmt.Sprintf(errCaptionLong, kit.FormatInt(n)))
		}
		s.Set(keyFoto, m.Photo[len(m.Photo)-1].FileID)
		return richtext.HTML(m.Caption, m.CaptionEntities), nil
	}
	if strings.TrimSpace(m.Text) == "" {
		return "", conversations.Invalidf(errPesanKosong)
	}
	if n := richtext.PlainLen(m.Text); n > maxTextLen {
		return "", conversations.Invalidf(fmt.Sprintf(errPesanPanjang, kit.FormatInt(n)))
	}
	s.Set(keyFoto, "")
	return richtext.HTML(m.Text, m.Entities), nil
}
