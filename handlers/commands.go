package handlers

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// RegisterCommands publishes the command menus with setMyCommands: the
// volunteers' commands for every private chat and, for each coordinator
// and admin, a menu of their own chat with the commands of their role.
// app.Run calls it at every start, so the menus follow the routes table
// and the configured admins.
// https://core.telegram.org/bots/api#setmycommands
func (h *Handlers) RegisterCommands(ctx context.Context) error {
	cfg := tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeAllPrivateChats(), h.menu(domain.RoleVolunteer)...)
	if _, err := h.Send.Request(ctx, cfg); err != nil {
		return fmt.Errorf("handlers: set volunteer commands: %w", err)
	}
	ids, err := h.CoordinatorIDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		role := domain.RoleCoordinator
		if h.Admins[id] {
			role = domain.RoleAdmin
		}
		if err := h.setCommandMenu(ctx, id, role); err != nil {
			// A coordinator who never opened the bot has no chat yet.
			h.Log.Warn("setting coordinator commands failed", "chat_id", id, "error", err)
		}
	}
	return nil
}

// menu is the command menu of a role: volunteers see the commands for
// everyone, coordinators also theirs, admins everything.
func (h *Handlers) menu(role domain.Role) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range h.commandList() {
		if kit.Allows(role, c.Role) {
			out = append(out, tgbotapi.BotCommand{Command: c.Name, Description: c.Description})
		}
	}
	return out
}

// SetCoordinatorMenu gives a newly appointed coordinator the coordinators'
// command menu. The admin room calls it through its admin.Menus.
func (h *Handlers) SetCoordinatorMenu(ctx context.Context, chatID int64) error {
	return h.setCommandMenu(ctx, chatID, domain.RoleCoordinator)
}

// ClearMenu takes a removed coordinator's own menu away, so the chat falls
// back to the volunteers' menu. The admin room calls it through its
// admin.Menus.
// https://core.telegram.org/bots/api#deletemycommands
func (h *Handlers) ClearMenu(ctx context.Context, chatID int64) error {
	_, err := h.Send.Request(ctx, tgbotapi.NewDeleteMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(chatID)))
	return err
}

// setCommandMenu gives one chat the menu of role with setMyCommands.
// https://core.telegram.org/bots/api#setmycommands
func (h *Handlers) setCommandMenu(ctx context.Context, chatID int64, role domain.Role) error {
	cfg := tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(chatID), h.menu(role)...)
	_, err := h.Send.Request(ctx, cfg)
	return err
}
