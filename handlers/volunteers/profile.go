package volunteers

import (
	"context"
	"errors"
	"html"
	"strconv"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// ProfileButton answers the "Ubah data" offer of /daftar ("pf:edit",
// "pf:no").
// Either answer replaces the offer: the data with its "Ubah" menu, or the
// short note that nothing changes.
func (h *Room) ProfileButton(ctx context.Context, r *kit.Request) (string, error) {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return "", err
	}
	switch {
	case v == nil:
	case action(r) == "edit":
		return "", h.Engine.ReviewInPlace(ctx, r.Chat, r.Callback, flowDaftar, volunteerAnswers(v, r, "update"))
	case action(r) == "no":
		return "", h.ReplyInPlace(ctx, r, msgNoChange)
	}
	h.RemoveButtons(ctx, r.Callback)
	return kit.MsgButtonExpired, nil
}

// Profil shows the user's own data, personal numbers masked.
func (h *Room) Profil(ctx context.Context, r *kit.Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	var b lines
	b.WriteString(msgProfilTitle + "\n")
	b.identity(v)
	b.add(labelStatus, kit.StatusLabel(v.Status))
	if v.Status == domain.StatusRejected && v.StatusNote != "" {
		b.add(labelReason, v.StatusNote)
	}
	b.add(labelSince, kit.FormatDate(v.CreatedAt))
	return h.Reply(ctx, r, b.String())
}

// UbahProfil opens the profile summary with the "Ubah" menu, like "Ubah
// data" of /daftar; a change of pilar goes back to verification.
func (h *Room) UbahProfil(ctx context.Context, r *kit.Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	if v == nil {
		return h.Reply(ctx, r, kit.MsgNotRegistered)
	}
	mode := "update"
	if v.Status == domain.StatusRejected {
		mode = ""
	}
	return h.Engine.Review(ctx, r.Chat, flowDaftar, volunteerAnswers(v, r, mode))
}

// lines builds a list of "label: value" lines (HTML), as /profil and the
// coordinator's card show a registration.
type lines struct{ strings.Builder }

// add writes one line, the value escaped and in bold.
func (b *lines) add(label, value string) {
	b.WriteString("\n" + label + ": <b>" + html.EscapeString(value) + "</b>")
}

// identity writes who the volunteer is, as both the volunteer and the
// coordinators see it: personal numbers are always masked.
func (b *lines) identity(v *storage.Volunteer) {
	b.add(labelNama, v.FullName)
	b.add(labelPilar, kit.PilarLong(v.Pilar))
	b.add(labelKelurahan, kit.KelurahanLong(v.KelurahanCode))
	b.add(labelHP, kit.MaskPhone(v.Phone))
	b.add(labelNIK, kit.MaskNIK(v.NIK))
}

// volunteerAnswers prefills the registration flow from a stored profile.
// The flow state lives in Redis, a day and more when abandoned, so the NIK
// and phone go there only masked: enough for the summary.
func volunteerAnswers(v *storage.Volunteer, r *kit.Request, mode string) map[string]string {
	kel, _ := domain.KelurahanByCode(v.KelurahanCode)
	return map[string]string{
		keyNama:      v.FullName,
		keyPilar:     v.Pilar,
		keyKecamatan: kel.KecamatanCode,
		keyKelurahan: v.KelurahanCode,
		keyHP:        masked(v.Phone, kit.MaskPhone),
		keyNIK:       masked(v.NIK, kit.MaskNIK),
		keyMode:      mode,
		keyOldPilar:  v.Pilar,
		keyID:        strconv.FormatInt(v.ID, 10),
		keyOldStatus: string(v.Status),
		keyUsername:  r.From.UserName,
	}
}

// masked is the copy of a stored number a profile flow keeps; nothing
// stays nothing.
func masked(value string, mask func(string) string) string {
	if value == "" {
		return ""
	}
	return mask(value)
}

// isMasked reports whether a flow's answer is the masked copy of a stored
// number: a number the user types or shares never contains '*'.
func isMasked(answer string) bool { return strings.Contains(answer, "*") }

// showNumber shows a number on the summary masked, and a masked copy as
// it is.
func showNumber(mask func(string) string) func(*conversations.Session, string) string {
	return func(_ *conversations.Session, v string) string {
		if isMasked(v) {
			return v
		}
		return mask(v)
	}
}

// restoreNumbers reads the profile the flow changes (keyID) and puts its
// real numbers in v where the flow kept only masked copies; it returns
// that profile as it is before the change (nil for a new registration).
// It reports false when that profile is no longer the user's: erased since
// the flow began.
func (h *Room) restoreNumbers(ctx context.Context, s *conversations.Session, v *storage.Volunteer) (*storage.Volunteer, bool, error) {
	if s.Get(keyID) == "" {
		return nil, !isMasked(v.Phone) && !isMasked(v.NIK), nil
	}
	id, _ := strconv.ParseInt(s.Get(keyID), 10, 64)
	old, err := h.Store.VolunteerByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if old.TelegramID != s.Chat.UserID || old.Status == domain.StatusErased {
		return nil, false, nil
	}
	if isMasked(v.Phone) {
		v.Phone = old.Phone
	}
	if isMasked(v.NIK) {
		v.NIK = old.NIK
	}
	return old, true, nil
}
