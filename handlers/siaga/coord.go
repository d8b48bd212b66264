package siaga

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowKabar = "siagakabar"
	keyKabar  = "kabar"
	keyID     = "_callup"
)

// CoordButton handles Daftar siap, Kirim kabar and Tutup siaga of a
// tally. The router lets only coordinators in. Daftar siap shows only the
// volunteers inside the presser's scope, so a forged id reveals nothing
// beyond what the presser may see; Kirim kabar and Tutup siaga belong to
// the coordinator who started the call-up and to the admins.
func (h *Room) CoordButton(ctx context.Context, r *kit.Request) (string, error) {
	id, ok := r.Data.ID(1)
	if !ok || r.Data.Len() != 2 {
		return kit.MsgButtonExpired, nil
	}
	c, err := h.Store.CallupByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return kit.MsgButtonExpired, nil
	}
	if err != nil {
		return "", err
	}
	switch r.Data.Action() {
	case actDaftar:
		return "", h.readyList(ctx, r, c)
	case actKabar, actTutup:
		if c.CreatedBy != r.From.ID && !h.Admins[r.From.ID] {
			return errNotYours, nil
		}
		if !c.Open() {
			return answerClosed, nil
		}
		if r.Data.Action() == actKabar {
			return answerKabar, h.Engine.Start(ctx, r.Chat, flowKabar, map[string]string{keyID: strconv.FormatInt(id, 10)})
		}
		return h.close(ctx, r, c)
	}
	return kit.MsgButtonExpired, nil
}

// close closes the call-up; the tally loop shows the final tally.
func (h *Room) close(ctx context.Context, r *kit.Request, c *storage.Callup) (string, error) {
	closed, err := h.Store.CloseCallup(ctx, c.ID, h.Actor(r.From.ID))
	if msg, ok := (kit.Refusals{}).Of(err); ok {
		return msg, nil
	}
	if err != nil {
		return "", err
	}
	if !closed {
		return answerClosed, nil
	}
	h.Log.Info("call-up closed", "callup_id", c.ID, "user_id", r.From.ID)
	return answerTutup, nil
}

// readyList sends Daftar siap: name, pilar, kelurahan, the full phone
// number and the arrival of each ready volunteer inside the presser's
// scope. It is the one place the bot shows a full number: coordinators
// must be able to call them.
func (h *Room) readyList(ctx context.Context, r *kit.Request, c *storage.Callup) error {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	list, err := h.Store.ReadyVolunteers(ctx, c.ID, scope)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return h.SendHTML(ctx, r.Chat.ChatID, msgDaftarNone, nil)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, msgDaftarTitle, kit.FormatDateTime(c.CreatedAt))
	for i, v := range list {
		phone := v.Phone
		if phone == "" {
			phone = noPhone
		}
		fmt.Fprintf(&sb, msgDaftarItem, kit.FormatInt(i+1), html.EscapeString(v.Name), kit.PilarShort(v.Pilar),
			html.EscapeString(kit.KelurahanName(v.KelurahanCode)), html.EscapeString(phone), arrivalLabel(v.Arrival))
	}
	if !scope.CityWide() {
		fmt.Fprintf(&sb, msgDaftarScope, html.EscapeString(kit.ScopeLabel(scope)))
	}
	return h.SendHTML(ctx, r.Chat.ChatID, sb.String(), nil)
}

// kabarFlow asks the follow-up message of Kirim kabar and queues it to
// those who answered Siap.
func (h *Room) kabarFlow() *conversations.Flow {
	return &conversations.Flow{
		Name: flowKabar, Entry: "siaga", Role: domain.RoleCoordinator, Title: flowKabarTitle,
		Steps: []conversations.Step{
			{Key: keyKabar, Label: labelPesan, Ask: kit.Fixed(askKabar, nil), Accept: acceptPesan},
		},
		Finish: h.finishKabar,
	}
}

func (h *Room) finishKabar(ctx context.Context, s *conversations.Session) (string, error) {
	id, err := strconv.ParseInt(s.Get(keyID), 10, 64)
	if err != nil {
		return "", fmt.Errorf("siaga: call-up id in flow: %w", err)
	}
	n, err := h.Store.SendCallupNews(ctx, id, h.Actor(s.Chat.UserID), fmt.Sprintf(msgKabar, s.Get(keyKabar)))
	if errors.Is(err, storage.ErrCallupClosed) {
		return msgKabarClosed, nil
	}
	if msg, ok := (kit.Refusals{Gone: kit.MsgButtonExpired}).Of(err); ok {
		return msg, nil
	}
	if err != nil {
		return "", err
	}
	if n == 0 {
		return msgKabarNone, nil
	}
	h.deps.Kick()
	return fmt.Sprintf(msgKabarSent, kit.FormatInt(n)), nil
}
