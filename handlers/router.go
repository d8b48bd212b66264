package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/cbdata"
	"pilarbot/conversations"
	"pilarbot/handlers/kit"
)

// Request is kit.Request under the short name the handlers still in this
// package use.
type Request = kit.Request

// HandleUpdate is the entry point for every update: private messages,
// button presses, group messages and changes of the bot's membership of a
// chat. It never returns an error: a failure is logged once and the user
// is told the system is having trouble; a panic is logged and the update
// dropped. What a user sends beyond the budget goes no further
// (overBudget).
func (h *Handlers) HandleUpdate(ctx context.Context, u *tgbotapi.Update) {
	defer func() {
		if p := recover(); p != nil {
			h.Log.Error("handler panicked", "update_id", u.UpdateID, "panic", p)
		}
	}()
	ctx, over := h.overBudget(ctx, u)
	if over {
		return
	}
	switch {
	case u.Message != nil:
		h.handleMessage(ctx, u.UpdateID, u.Message)
	case u.CallbackQuery != nil:
		h.handleCallback(ctx, u.UpdateID, u.CallbackQuery)
	case u.MyChatMember != nil:
		h.handleMembership(ctx, u.MyChatMember)
	}
}

// handleMessage routes a private message; in a group the bot at most hints
// once that it serves private chats only.
func (h *Handlers) handleMessage(ctx context.Context, updateID int, m *tgbotapi.Message) {
	if m.From == nil || m.Chat == nil {
		return
	}
	if !m.Chat.IsPrivate() {
		h.handleGroupMessage(ctx, m)
		return
	}
	r := &Request{
		UpdateID: updateID,
		Message:  m,
		From:     m.From,
		Chat:     conversations.Chat{UserID: m.From.ID, ChatID: m.Chat.ID},
	}
	if m.IsCommand() {
		r.Command = strings.ToLower(m.Command())
		r.Args = strings.TrimSpace(m.CommandArguments())
	}
	if err := h.route(ctx, r); err != nil {
		h.fail(ctx, r, err)
	}
}

// route sends a private message to its command or to the user's flow. A
// command ends a running flow first (/batal does nothing else), and runs
// only when the sender's role allows it. A flow that expired is reported
// with the command that starts it again.
func (h *Handlers) route(ctx context.Context, r *Request) error {
	st, flow, err := h.Engine.Active(ctx, r.Chat.UserID)
	var expired *conversations.ExpiredError
	switch {
	case errors.As(err, &expired):
		if err := h.Replyf(ctx, r, msgFlowExpired, html.EscapeString(expired.Flow.Title), "/"+expired.Flow.Entry); err != nil {
			return err
		}
		if r.Command == "" {
			return nil
		}
	case errors.Is(err, conversations.ErrNoFlow):
	case err != nil:
		return err
	}

	if r.Command == "" {
		if st != nil {
			return h.Engine.Handle(ctx, r.Chat, st, flow, r.UpdateID, r.Message)
		}
		return h.hintUnknown(ctx, r)
	}

	if st != nil {
		// Any command ends the flow; /batal only does that.
		if _, err := h.Engine.Cancel(ctx, r.Chat.UserID); err != nil {
			return err
		}
		if r.Command == "batal" {
			return h.ReplyRemoveKeyboard(ctx, r, conversations.CancelText(flow))
		}
		if err := h.ReplyRemoveKeyboard(ctx, r, fmt.Sprintf(msgFlowStopped, html.EscapeString(flow.Title))); err != nil {
			return err
		}
	}
	cmd, ok := h.commands[r.Command]
	if !ok {
		return h.Reply(ctx, r, msgUnknownCommand)
	}
	if cmd.Role != anyone {
		role, err := h.RoleOf(ctx, r)
		if err != nil {
			return err
		}
		// Someone who is not staff at all hears that the command is for
		// coordinators, even when it is the admin's.
		switch {
		case !kit.Allows(role, coordinator):
			h.Log.Info("refused coordinator command", "command", r.Command, "user_id", r.From.ID)
			return h.Reply(ctx, r, msgOnlyCoord)
		case !kit.Allows(role, cmd.Role):
			h.Log.Info("refused admin command", "command", r.Command, "user_id", r.From.ID)
			return h.Reply(ctx, r, kit.MsgOnlyAdmin)
		}
	}
	return cmd.Run(ctx, r)
}

// handleCallback answers a button press: the data is parsed once by the
// codec, its prefix picks the handler in the routes table, and presses in
// groups or of unknown data hear that the button is no longer valid.
func (h *Handlers) handleCallback(ctx context.Context, updateID int, q *tgbotapi.CallbackQuery) {
	if q.From == nil {
		return
	}
	chatID := q.From.ID
	if q.Message != nil && q.Message.Chat != nil {
		chatID = q.Message.Chat.ID
	}
	r := &Request{
		UpdateID: updateID,
		Callback: q,
		From:     q.From,
		Chat:     conversations.Chat{UserID: q.From.ID, ChatID: chatID},
	}
	answer := kit.MsgButtonExpired
	var err error
	data, parsed := cbdata.Parse(q.Data)
	r.Data = data
	if cb, ok := h.callbacks[data.Prefix]; parsed && ok && (q.Message == nil || q.Message.Chat == nil || q.Message.Chat.IsPrivate()) {
		answer, err = h.runCallback(ctx, r, cb)
	}
	// Every press is answered, or the user's button keeps spinning. A
	// failure is shown as an alert the user has to close, not a toast that
	// is easy to miss.
	cb := tgbotapi.NewCallback(q.ID, answer)
	if err != nil {
		h.fail(ctx, r, err)
		cb = tgbotapi.NewCallbackWithAlert(q.ID, kit.MsgSystemDown)
	}
	if _, aerr := h.Send.Request(ctx, cb); aerr != nil {
		h.Log.Warn("answerCallbackQuery failed", "user_id", q.From.ID, "error", aerr)
	}
}

// runCallback checks who may press the button, then runs its handler; a
// refusal is the answer of the press, naming who the button is for.
func (h *Handlers) runCallback(ctx context.Context, r *Request, cb kit.Callback) (string, error) {
	if cb.Role != anyone {
		role, err := h.RoleOf(ctx, r)
		if err != nil {
			return "", err
		}
		if !kit.Allows(role, cb.Role) {
			if cb.Role == admin {
				h.Log.Info("refused admin callback", "data", r.Callback.Data, "user_id", r.From.ID)
				return msgOnlyAdmBtn, nil
			}
			h.Log.Info("refused coordinator callback", "data", r.Callback.Data, "user_id", r.From.ID)
			return msgOnlyCoordBtn, nil
		}
	}
	return cb.Run(ctx, r)
}

// conversationButton hands Simpan / Ubah / Batal to the engine.
func (h *Handlers) conversationButton(ctx context.Context, r *Request) (string, error) {
	return h.Engine.Callback(ctx, r.Chat, r.UpdateID, r.Callback)
}

// fail logs an error once and tells the user, in Indonesian, to try again.
// After a press the callback answer says it instead.
func (h *Handlers) fail(ctx context.Context, r *Request, err error) {
	h.Log.Error("handling update failed", "update_id", r.UpdateID, "chat_id", r.Chat.ChatID, "command", r.Command, "error", err)
	if r.Callback != nil {
		return
	}
	if serr := h.Reply(ctx, r, kit.MsgSystemDown); serr != nil {
		h.Log.Warn("telling the user about a failure failed", "chat_id", r.Chat.ChatID, "error", serr)
	}
}

// Route labels for updates that are not a routed command or button.
const (
	RouteText  = "text"  // a private message without a command: a flow's answer, or a hint
	RouteOther = "other" // anything else: an unknown command or button, a group, a membership change
)

// RouteLabel names the route an update takes, for metrics: the command's
// name from the routes table ("daftar"), "button:" and the callback
// prefix of a routed button ("button:rv"), RouteText or RouteOther. The
// names come from the routes table only, never from what the user typed,
// so a label holds no personal data and the number of labels is bounded.
func (h *Handlers) RouteLabel(u *tgbotapi.Update) string {
	switch {
	case u.Message != nil && u.Message.Chat != nil && u.Message.Chat.IsPrivate():
		m := u.Message
		if !m.IsCommand() {
			return RouteText
		}
		if c, ok := h.commands[strings.ToLower(m.Command())]; ok {
			return c.Name
		}
	case u.CallbackQuery != nil:
		data, ok := cbdata.Parse(u.CallbackQuery.Data)
		if cb, routed := h.callbacks[data.Prefix]; ok && routed {
			return "button:" + cb.Prefix
		}
	}
	return RouteOther
}
