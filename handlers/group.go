package handlers

import (
	"context"
	"fmt"
	"html"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// handleGroupMessage keeps the bot quiet in groups: personal data belongs in
// private chats. A command, a mention or the bot joining gets one hint per
// group, ever; everything else is ignored.
func (h *Handlers) handleGroupMessage(ctx context.Context, m *tgbotapi.Message) {
	addressed := m.IsCommand()
	for _, u := range m.NewChatMembers {
		if u.UserName == h.BotName {
			addressed = true
		}
	}
	for _, e := range m.Entities {
		if e.Type == "mention" && len(m.Text) >= e.Offset+e.Length {
			addressed = addressed || m.Text[e.Offset:e.Offset+e.Length] == "@"+h.BotName
		}
	}
	if addressed {
		h.hintGroupOnce(ctx, m.Chat.ID)
	}
}

// handleMembership hints once when the bot is added to a group, and in a
// private chat follows the user blocking ("kicked") and unblocking
// ("member") the bot, so that broadcasts skip only who cannot be reached.
// https://core.telegram.org/bots/api#chatmemberupdated
func (h *Handlers) handleMembership(ctx context.Context, u *tgbotapi.ChatMemberUpdated) {
	if u.Chat.IsPrivate() {
		var unreachable bool
		switch u.NewChatMember.Status {
		case "kicked":
			unreachable = true
		case "member":
		default:
			return
		}
		if err := h.Store.MarkUnreachable(ctx, u.Chat.ID, unreachable); err != nil {
			h.Log.Warn("recording a block or unblock failed", "chat_id", u.Chat.ID, "error", err)
		}
		return
	}
	switch u.NewChatMember.Status {
	case "member", "administrator":
		h.hintGroupOnce(ctx, u.Chat.ID)
	}
}

// hintGroupOnce points a group to the bot's private chat, the first time
// only: a Redis key per group, never expiring, remembers the hint. When
// Redis cannot say whether it is the first time, the bot stays quiet
// rather than repeat itself.
func (h *Handlers) hintGroupOnce(ctx context.Context, chatID int64) {
	first, err := h.Redis.SetNX(ctx, h.Prefix+"grouphint:"+strconv.FormatInt(chatID, 10), 1, 0).Result()
	if err != nil || !first {
		return
	}
	link := html.EscapeString("https://t.me/" + h.BotName)
	text := fmt.Sprintf(msgGroupHint, `<a href="`+link+`">@`+html.EscapeString(h.BotName)+`</a>`)
	if err := h.SendHTML(ctx, chatID, text, nil); err != nil {
		h.Log.Warn("group hint failed", "chat_id", chatID, "error", err)
	}
}
