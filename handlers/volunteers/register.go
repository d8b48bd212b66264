package volunteers

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
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	minAge    = 17 // a KTP holder
	minAgePSM = 18 // a PSM (Pekerja Sosial Masyarakat) must be 18 or over

	notifyWindow = 10 * time.Minute // at most one new-registration notice per coordinator
)

// Daftar starts registration, or offers to change the data of someone
// already registered instead of registering twice.
func (h *Room) Daftar(ctx context.Context, r *kit.Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Engine.Start(ctx, r.Chat, flowDaftar, map[string]string{keyUsername: r.From.UserName})
	}
	if v.Status == domain.StatusRejected {
		// A rejected registration is corrected and sent again.
		return h.Engine.Review(ctx, r.Chat, flowDaftar, volunteerAnswers(v, r, ""))
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnEditProfile, ProfilePrefix, "edit"),
		kit.Button(btnNoThanks, ProfilePrefix, "no"),
	))
	text := fmt.Sprintf(msgAlreadyRegister, html.EscapeString(kit.PilarShort(v.Pilar)), kit.StatusLabel(v.Status))
	return h.SendHTML(ctx, r.Chat.ChatID, text, kb)
}

// daftarFlow is registration (and profile change) as a conversation.
func (h *Room) daftarFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:         flowDaftar,
		Entry:        "daftar",
		Title:        flowDaftarTitle,
		Confirm:      true,
		SummaryTitle: summaryDaftar,
		Steps:        []conversations.Step{nameStep(), pilarStep(), kecamatanStep(), kelurahanStep(), phoneStep(), h.nikStep()},
		Finish:       h.finishDaftar,
	}
}

func nameStep() conversations.Step {
	return conversations.Step{
		Key: keyNama, Label: labelNama,
		Ask:    kit.Fixed(askNama, nil),
		Accept: kit.Text(parse.Name),
	}
}

func pilarStep() conversations.Step {
	labels := make([]string, 0, 7)
	for _, p := range domain.Pilars() {
		labels = append(labels, p.Short)
	}
	return conversations.Step{
		Key: keyPilar, Label: labelPilar,
		Ask:    kit.Fixed(askPilar, conversations.Keyboard(2, labels...)),
		Accept: kit.Text(kit.MatchPilar),
		Show:   func(_ *conversations.Session, v string) string { return kit.PilarLong(v) },
	}
}

func kecamatanStep() conversations.Step {
	labels := []string{}
	for _, k := range domain.Kecamatans() {
		labels = append(labels, k.Name)
	}
	return conversations.Step{
		Key: keyKecamatan, Label: labelKecamatan,
		Ask: kit.Fixed(askKecamatan, conversations.Keyboard(2, labels...)),
		Accept: kit.Text(func(t string) (string, error) {
			k, err := parse.Kecamatan(t)
			return k.Code, err
		}),
		Show: func(_ *conversations.Session, v string) string { k, _ := domain.KecamatanByCode(v); return k.Name },
	}
}

// kelurahanStep offers the kelurahan of the kecamatan just chosen; it is
// asked again whenever the kecamatan changes.
func kelurahanStep() conversations.Step {
	return conversations.Step{
		Key: keyKelurahan, Label: labelKelurahan, Dependent: true,
		Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
			kec, _ := domain.KecamatanByCode(s.Get(keyKecamatan))
			var names []string
			for _, k := range domain.KelurahansOf(kec.Code) {
				names = append(names, k.Name)
			}
			return conversations.Prompt{Text: fmt.Sprintf(askKelurahan, html.EscapeString(kec.Name)), Keyboard: conversations.Keyboard(3, names...)}, nil
		},
		Accept: conversations.TextAnswer(func(_ context.Context, s *conversations.Session, t string) (string, error) {
			k, err := parse.Kelurahan(t, s.Get(keyKecamatan))
			return k.Code, err
		}),
		Show: func(_ *conversations.Session, v string) string { k, _ := domain.KelurahanByCode(v); return k.Name },
	}
}

func phoneStep() conversations.Step {
	return conversations.Step{
		Key: keyHP, Label: labelHP,
		Ask:    kit.Fixed(askHP, kit.PhoneKeyboard(btnSharePhone)),
		Accept: acceptPhone,
		Show:   showNumber(kit.MaskPhone),
	}
}

func (h *Room) nikStep() conversations.Step {
	return conversations.Step{
		Key: keyNIK, Label: labelNIK,
		Ask:    kit.Fixed(askNIK, nil),
		Accept: conversations.TextAnswer(h.acceptNIK),
		Show:   showNumber(kit.MaskNIK),
	}
}

func (h *Room) acceptNIK(_ context.Context, s *conversations.Session, text string) (string, error) {
	n, err := parse.NIK(text, h.Now())
	if err != nil {
		return "", err
	}
	if err := h.checkAge(n, s.Get(keyPilar)); err != nil {
		return "", err
	}
	return n.Value, nil
}

// checkAge refuses a NIK too young for the pilar. It runs when the NIK is
// typed and again before saving, since the pilar may change after the NIK
// through "Ubah".
func (h *Room) checkAge(n parse.ParsedNIK, pilar string) error {
	need := minAge
	if pilar == "psm" {
		need = minAgePSM
	}
	if n.AgeAt(h.Now()) < need {
		return conversations.Invalidf(fmt.Sprintf(errTooYoung, need, need))
	}
	return nil
}

// acceptPhone takes the "Bagikan nomor" contact or a typed number.
func acceptPhone(_ context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	if c := m.Contact; c != nil {
		if c.UserID != s.Chat.UserID {
			return "", conversations.Invalidf(errContactNotOwn)
		}
		return parse.PhoneFromContact(c.PhoneNumber)
	}
	if m.Text == "" {
		return "", conversations.Invalidf(errPhoneInput)
	}
	return parse.Phone(m.Text)
}

// finishDaftar saves a registration or a profile change.
func (h *Room) finishDaftar(ctx context.Context, s *conversations.Session) (string, error) {
	v := &storage.Volunteer{
		TelegramID:    s.Chat.UserID,
		ChatID:        s.Chat.ChatID,
		FullName:      s.Get(keyNama),
		Pilar:         s.Get(keyPilar),
		KelurahanCode: s.Get(keyKelurahan),
		Phone:         s.Get(keyHP),
		NIK:           s.Get(keyNIK),
		Username:      s.Get(keyUsername),
	}
	old, ok, err := h.restoreNumbers(ctx, s, v)
	if err != nil {
		return "", err
	}
	if !ok {
		return msgProfileGone, nil
	}
	if n, err := parse.NIK(v.NIK, h.Now()); err == nil {
		if err := h.checkAge(n, v.Pilar); err != nil {
			return "", err
		}
	}
	update := s.Get(keyMode) == "update"
	if update {
		v.ID, _ = strconv.ParseInt(s.Get(keyID), 10, 64)
		err = h.Store.UpdateVolunteerProfile(ctx, v)
	} else {
		err = h.Store.CreateVolunteer(ctx, v)
	}
	if errors.Is(err, storage.ErrDuplicateNIK) {
		return "", conversations.Invalidf(errNIKTaken)
	}
	if err != nil {
		return "", err
	}
	if update {
		return h.profileChanged(ctx, s, old, v), nil
	}
	h.notifyCoordinators(ctx, v)
	return fmt.Sprintf(msgDaftarDone, html.EscapeString(v.FullName), html.EscapeString(kit.PilarShort(v.Pilar))), nil
}

// profileChanged tells the coordinators about a changed profile that
// waits for them, and returns what the volunteer reads. A registration
// that goes back to verification is announced as a new one; one that was
// waiting already and moved to another kelurahan (or pilar) now waits for
// the coordinators of its new area, who have not heard of it: they are
// told too. old is the profile before the change.
func (h *Room) profileChanged(ctx context.Context, s *conversations.Session, old, v *storage.Volunteer) string {
	switch {
	case v.Status != domain.StatusPending:
		return msgProfilUpdated
	case s.Get(keyOldStatus) != string(domain.StatusPending):
		h.notifyCoordinators(ctx, v)
		return msgProfilReverify
	case old != nil && (old.KelurahanCode != v.KelurahanCode || old.Pilar != v.Pilar):
		h.notifyCoordinators(ctx, v)
	}
	return msgProfilUpdated
}

// notifyCoordinators tells the coordinators whose scope covers v (and the
// admins and city-wide coordinators) about a registration waiting for
// them, in the background so the volunteer's reply is not delayed. Each
// reads how many wait in their own scope. A coordinator hears at most
// once per notifyWindow: when hundreds register on the same day, one
// notice with the count beats hundreds of messages.
func (h *Room) notifyCoordinators(ctx context.Context, v *storage.Volunteer) {
	h.Go(ctx, func(ctx context.Context) {
		ids, err := h.CoordinatorsCovering(ctx, v.Pilar, v.KelurahanCode)
		if err != nil {
			h.Log.Warn("listing coordinators failed", "error", err)
			return
		}
		for _, id := range ids {
			key := h.Prefix + "notify:reg:" + strconv.FormatInt(id, 10)
			if first, err := h.Redis.SetNX(ctx, key, 1, notifyWindow).Result(); err == nil && !first {
				continue
			}
			h.notifyCoordinator(ctx, id, v)
		}
	})
}

// notifyCoordinator sends one new-registration notice to the coordinator
// id, with the count of registrations waiting in their scope.
func (h *Room) notifyCoordinator(ctx context.Context, id int64, v *storage.Volunteer) {
	scope, err := h.UserScope(ctx, id)
	if err != nil {
		h.Log.Warn("reading a coordinator's scope failed", "chat_id", id, "error", err)
		return
	}
	pending, err := h.Store.CountPendingVolunteers(ctx, scope)
	if err != nil {
		h.Log.Warn("counting pending volunteers failed", "error", err)
		return
	}
	text := fmt.Sprintf(msgNewRegistrant, html.EscapeString(v.FullName), html.EscapeString(kit.PilarShort(v.Pilar)),
		html.EscapeString(kit.KelurahanName(v.KelurahanCode)), kit.FormatInt(pending))
	m, err := h.SendMessage(ctx, id, text, nil)
	if err != nil {
		h.Log.Warn("new-registration notice failed", "chat_id", id, "error", err)
		return
	}
	h.Shown(ctx, v.ID, m)
}
