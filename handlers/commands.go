package handlers

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// RegisterCommands publishes the command menu with setMyCommands: the
// volunteers' commands for every private chat and, for each admin and
// coordinator, their own chat-scoped menu with the coordinator commands.
// https://core.telegram.org/bots/api#setmycommands
func (h *Handlers) RegisterCommands(ctx context.Context) error {
	var all, coord []tgbotapi.BotCommand
	for _, c := range h.commandList() {
		bc := tgbotapi.BotCommand{Command: c.name, Description: c.description}
		coord = append(coord, bc)
		if !c.coordinator {
			all = append(all, bc)
		}
	}
	cfg := tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeAllPrivateChats(), all...)
	if _, err := h.send.Request(ctx, cfg); err != nil {
		return fmt.Errorf("handlers: set volunteer commands: %w", err)
	}
	ids, err := h.coordinatorIDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		cfg := tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(id), coord...)
		if _, err := h.send.Request(ctx, cfg); err != nil {
			// A coordinator who never opened the bot has no chat yet.
			h.log.Warn("setting coordinator commands failed", "chat_id", id, "error", err)
		}
	}
	return nil
}
