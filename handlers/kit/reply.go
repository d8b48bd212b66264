package kit

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
)

// Reply sends an HTML message to the request's chat.
func (e *Env) Reply(ctx context.Context, r *Request, text string) error {
	return e.SendHTML(ctx, r.Chat.ChatID, text, nil)
}

// Replyf formats text (HTML; escape the arguments) and sends it.
func (e *Env) Replyf(ctx context.Context, r *Request, format string, args ...any) error {
	return e.Reply(ctx, r, fmt.Sprintf(format, args...))
}

// ReplyRemoveKeyboard sends text and takes away any reply keyboard left
// from a flow.
func (e *Env) ReplyRemoveKeyboard(ctx context.Context, r *Request, text string) error {
	return e.SendHTML(ctx, r.Chat.ChatID, text, tgbotapi.NewRemoveKeyboard(false))
}

// SendHTML sends an HTML message; markup may be nil. A text longer than
// Telegram's 4,096 arrives as several messages, the markup with the last
// (bot.Client.Send).
// https://core.telegram.org/bots/api#sendmessage
func (e *Env) SendHTML(ctx context.Context, chatID int64, text string, markup any) error {
	_, err := e.SendMessage(ctx, chatID, text, markup)
	return err
}

// SendMessage is SendHTML that returns the sent message, for callers that
// edit it later. Link previews are off: a notice is read, not browsed.
func (e *Env) SendMessage(ctx context.Context, chatID int64, text string, markup any) (tgbotapi.Message, error) {
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if markup != nil {
		msg.ReplyMarkup = markup
	}
	return e.Send.Send(ctx, msg)
}

// EditHTML replaces the text of a message the bot sent. A failure is
// logged, not returned: the edit only keeps an old message up to date. An
// edit that changes nothing (a repeated press) is no failure.
// https://core.telegram.org/bots/api#editmessagetext
func (e *Env) EditHTML(ctx context.Context, chatID int64, msgID int, text string) {
	edit := tgbotapi.NewEditMessageText(chatID, msgID, text)
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := e.Send.Request(ctx, edit); err != nil && !bot.IsNotModified(err) {
		e.Log.Warn("editing message failed", "chat_id", chatID, "error", err)
	}
}

// RemoveButtons takes the inline keyboard off the pressed message so that
// it cannot be pressed again. It is cosmetic: failures are only logged.
func (e *Env) RemoveButtons(ctx context.Context, q *tgbotapi.CallbackQuery) {
	if q == nil || q.Message == nil || q.Message.Chat == nil {
		return
	}
	e.RemoveButtonsOf(ctx, q.Message.Chat.ID, q.Message.MessageID)
}

// RemoveButtonsOf takes the inline keyboard off one message.
// https://core.telegram.org/bots/api#editmessagereplymarkup
func (e *Env) RemoveButtonsOf(ctx context.Context, chatID int64, msgID int) {
	edit := tgbotapi.NewEditMessageReplyMarkup(chatID, msgID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	if _, err := e.Send.Request(ctx, edit); err != nil {
		e.Log.Debug("removing buttons failed", "error", err)
	}
}

// ReplyInPlace answers a button press by turning the pressed message into
// text, its buttons gone: one call where taking the buttons off and
// replying took two, the second waiting for the chat's one message a
// second. The question the buttons asked is replaced by its outcome. A
// message that cannot be edited (deleted meanwhile) loses its buttons and
// text comes as a new message.
// https://core.telegram.org/bots/api#editmessagetext
func (e *Env) ReplyInPlace(ctx context.Context, r *Request, text string) error {
	return e.ReplaceWith(ctx, r, text, nil)
}

// ReplaceWith is ReplyInPlace with new buttons (kb, nil for none): a menu
// pressed into the next menu. Only a message that shows the pressed
// button is edited: a press forged against another message (a report
// card, or one sent with a reply keyboard, which Telegram does not edit)
// gets a new one.
func (e *Env) ReplaceWith(ctx context.Context, r *Request, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	if q := r.Callback; bot.Pressed(q) {
		edit := tgbotapi.NewEditMessageText(q.Message.Chat.ID, q.Message.MessageID, text)
		edit.ParseMode = tgbotapi.ModeHTML
		edit.DisableWebPagePreview = true
		edit.ReplyMarkup = kb
		if _, err := e.Send.Request(ctx, edit); err == nil || bot.IsNotModified(err) {
			return nil
		}
		e.RemoveButtons(ctx, q)
	}
	if kb != nil {
		return e.SendHTML(ctx, r.Chat.ChatID, text, *kb)
	}
	return e.Reply(ctx, r, text)
}
