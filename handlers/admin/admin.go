// Package admin is what only the admins do: appoint and remove the
// coordinators of Dinas Sosial with /koordinator. The admins themselves
// come from the configuration and cannot be changed through the bot;
// coordinators are kept in the store, which audits every change. A new
// coordinator is told and given the coordinators' command menu; a removed
// one is told and loses it.
package admin

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// Menus sets the Telegram command menu of one chat. The menus are built
// from the router's command table, which this room does not see, so
// handlers.New passes the root handlers in.
type Menus interface {
	// SetCoordinatorMenu gives the chat the coordinators' commands.
	SetCoordinatorMenu(ctx context.Context, chatID int64) error
	// ClearMenu takes the chat's own menu away, back to the volunteers'.
	ClearMenu(ctx context.Context, chatID int64) error
}

// Room answers /koordinator, its "ko" buttons and the flow that asks for
// a new coordinator.
type Room struct {
	*kit.Env
	menus Menus
}

// New makes the room; menus changes the command menu of the people it
// appoints and removes.
func New(env *kit.Env, menus Menus) *Room {
	return &Room{Env: env, menus: menus}
}

// The flow's name and answer keys are stored in Redis with a running
// conversation: they must not change.
const (
	flowKoordinator = "koordinator"

	keyKoordID   = "id"
	keyKoordName = "_name"
)

// Flows are the room's conversations, registered by handlers.New.
func (h *Room) Flows() []*conversations.Flow {
	return []*conversations.Flow{h.koordinatorFlow(), h.wilayahFlow()}
}

// koordinatorFlow asks an admin for the new coordinator: a forwarded
// message from them or their Telegram id.
func (h *Room) koordinatorFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowKoordinator,
		Entry: "koordinator",
		Role:  domain.RoleAdmin,
		Title: flowKoordinatorTitle,
		Steps: []conversations.Step{{
			Key: keyKoordID, Label: labelKoordID,
			Ask:    kit.Fixed(askKoordinator, nil),
			Accept: acceptCoordinator,
		}},
		Finish: func(ctx context.Context, s *conversations.Session) (string, error) {
			// The flow may outlive its user's admin rights: admins come
			// from the configuration, which a restart can change.
			if !h.Admins[s.Chat.UserID] {
				return kit.MsgOnlyAdmin, nil
			}
			id, err := strconv.ParseInt(s.Get(keyKoordID), 10, 64)
			if err != nil {
				return "", fmt.Errorf("admin: bad id in coordinator flow: %w", err)
			}
			return h.addCoordinator(ctx, s.Chat.UserID, id, s.Get(keyKoordName))
		},
	}
}

// acceptCoordinator reads message.forward_from, or an id typed as digits.
// Users who hide their account in forwards give only forward_sender_name:
// then the id has to be typed.
func acceptCoordinator(_ context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	switch {
	case m.ForwardFrom != nil && m.ForwardFrom.IsBot:
		return "", conversations.Invalidf(errKoordBot)
	case m.ForwardFrom != nil:
		name := strings.TrimSpace(m.ForwardFrom.FirstName + " " + m.ForwardFrom.LastName)
		s.Set(keyKoordName, name)
		return strconv.FormatInt(m.ForwardFrom.ID, 10), nil
	case m.ForwardSenderName != "":
		return "", conversations.Invalidf(fmt.Sprintf(errKoordHidden, m.ForwardSenderName))
	}
	id, err := strconv.ParseInt(strings.TrimSpace(m.Text), 10, 64)
	if err != nil || id <= 0 {
		return "", conversations.Invalidf(errKoordInput)
	}
	return strconv.FormatInt(id, 10), nil
}
