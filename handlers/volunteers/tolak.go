package volunteers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// startTolak asks the coordinator who pressed Tolak on v's card for the
// reason. The flow keeps the card's message, to close it when the reason
// is saved, and the coordinator's name, to write under it; not the
// volunteer's name, which would outlive an erasure in Redis.
func (h *Room) startTolak(ctx context.Context, r *kit.Request, v *storage.Volunteer) error {
	msgID := 0
	if r.Callback.Message != nil {
		msgID = r.Callback.Message.MessageID
	}
	return h.Engine.Start(ctx, r.Chat, flowTolak, map[string]string{
		keyVolID:     strconv.FormatInt(v.ID, 10),
		keyCardMsg:   strconv.Itoa(msgID),
		keyCoordName: r.From.FirstName,
	})
}

// askReason asks for the reason, naming the registrant as stored now.
func (h *Room) askReason(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	name := labelRegistrant
	id, _ := strconv.ParseInt(s.Get(keyVolID), 10, 64)
	v, err := h.Store.VolunteerByID(ctx, id)
	switch {
	case err == nil && v.Status != domain.StatusErased:
		name = v.FullName
	case err != nil && !errors.Is(err, storage.ErrNotFound):
		return conversations.Prompt{}, err
	}
	return conversations.Prompt{Text: fmt.Sprintf(askRejectReason, html.EscapeString(name))}, nil
}

// tolakFlow asks a coordinator for the reason of a rejection.
func (h *Room) tolakFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowTolak,
		Entry: "verifikasi",
		Role:  domain.RoleCoordinator,
		Title: flowTolakTitle,
		Steps: []conversations.Step{{
			Key: keyReason, Label: labelReason,
			Ask:    h.askReason,
			Accept: kit.Text(func(t string) (string, error) { return parse.TextNamed(t, labelReason, 5, 500) }),
		}},
		Finish: h.finishTolak,
	}
}

// finishTolak saves the rejection, closes the card and tells the
// volunteer why. Another coordinator may have decided meanwhile, the
// volunteer erased their data or the coordinator lost the role: then
// nothing is saved.
func (h *Room) finishTolak(ctx context.Context, s *conversations.Session) (string, error) {
	id, err := strconv.ParseInt(s.Get(keyVolID), 10, 64)
	if err != nil {
		return "", fmt.Errorf("volunteers: bad volunteer id in rejection flow: %w", err)
	}
	v, err := h.Store.DecideVolunteer(ctx, id, h.Actor(s.Chat.UserID), false, s.Get(keyReason))
	if text, refused := refusal(err); refused {
		return text, nil
	}
	if err != nil {
		return "", err
	}
	msgID, _ := strconv.Atoi(s.Get(keyCardMsg))
	h.closeCard(ctx, s.Chat.ChatID, msgID, v, fmt.Sprintf(msgRejectedBy, html.EscapeString(s.Get(keyCoordName)), html.EscapeString(v.StatusNote)))
	h.TellVolunteer(ctx, v, fmt.Sprintf(msgYouRejected, html.EscapeString(v.StatusNote)))
	return msgRejectDone, nil
}
