package handlers

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// reply sends an HTML message to the request's chat.
func (h *Handlers) reply(ctx context.Context, r *Request, text string) error {
	return h.sendHTML(ctx, r.Chat.ChatID, text, nil)
}

// replyf formats text (HTML; escape the arguments) and sends it.
func (h *Handlers) replyf(ctx context.Context, r *Request, format string, args ...any) error {
	return h.reply(ctx, r, fmt.Sprintf(format, args...))
}

// replyRemoveKeyboard sends text and takes away any reply keyboard left
// from a flow.
func (h *Handlers) replyRemoveKeyboard(ctx context.Context, r *Request, text string) error {
	return h.sendHTML(ctx, r.Chat.ChatID, text, tgbotapi.NewRemoveKeyboard(false))
}

// sendHTML sends an HTML message; markup may be nil.
func (h *Handlers) sendHTML(ctx context.Context, chatID int64, text string, markup any) error {
	_, err := h.sendMessage(ctx, chatID, text, markup)
	return err
}

func (h *Handlers) sendMessage(ctx context.Context, chatID int64, text string, markup any) (tgbotapi.Message, error) {
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if markup != nil {
		msg.ReplyMarkup = markup
	}
	return h.send.Send(ctx, msg)
}
