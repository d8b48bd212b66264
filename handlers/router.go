package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/domain"
	"pilarbot/storage"
)

// Request is one update as the handlers see it.
type Request struct {
	UpdateID int
	Message  *tgbotapi.Message       // nil for a button press
	Callback *tgbotapi.CallbackQuery // nil for a message
	From     *tgbotapi.User
	Chat     conversations.Chat
	Command  string // lower case, without "/" and "@bot"
	Args     string

	role      domain.Role
	volunteer *storage.Volunteer
	loadedVol bool
}

// HandleUpdate is the entry point for every update. It never returns an
// error: failures are logged once here and the user is told the system is
// having trouble.
func (h *Handlers) HandleUpdate(ctx context.Context, u *tgbotapi.Update) {
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("handler panicked", "update_id", u.UpdateID, "panic", p)
		}
	}()
	switch {
	case u.Message != nil:
		h.handleMessage(ctx, u.UpdateID, u.Message)
	case u.CallbackQuery != nil:
		h.handleCallback(ctx, u.UpdateID, u.CallbackQuery)
	case u.MyChatMember != nil:
		h.handleMembership(ctx, u.MyChatMember)
	}
}

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

// route sends a private message to its command or to the user's flow.
func (h *Handlers) route(ctx context.Context, r *Request) error {
	st, flow, err := h.engine.Active(ctx, r.Chat.UserID)
	var expired *conversations.ExpiredError
	switch {
	case errors.As(err, &expired):
		if err := h.replyf(ctx, r, msgFlowExpired, html.EscapeString(expired.Flow.Title), "/"+flowCommand(expired.Flow.Name)); err != nil {
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
			return h.engine.Handle(ctx, r.Chat, st, flow, r.UpdateID, r.Message)
		}
		return h.reply(ctx, r, msgUnknownText)
	}

	if st != nil {
		// Any command ends the flow; /batal only does that.
		if _, err := h.engine.Cancel(ctx, r.Chat.UserID); err != nil {
			return err
		}
		if r.Command == "batal" {
			return h.replyRemoveKeyboard(ctx, r, conversations.CancelText(flow))
		}
		if err := h.replyRemoveKeyboard(ctx, r, fmt.Sprintf(msgFlowStopped, html.EscapeString(flow.Title))); err != nil {
			return err
		}
	}
	cmd := h.commands[r.Command]
	if cmd == nil {
		return h.reply(ctx, r, msgUnknownCommand)
	}
	if cmd.coordinator {
		ok, err := h.isCoordinator(ctx, r)
		if err != nil {
			return err
		}
		if !ok {
			h.log.Info("refused coordinator command", "command", r.Command, "user_id", r.From.ID)
			return h.reply(ctx, r, msgOnlyCoord)
		}
	}
	if cmd.admin && !h.admins[r.From.ID] {
		h.log.Info("refused admin command", "command", r.Command, "user_id", r.From.ID)
		return h.reply(ctx, r, msgOnlyAdmin)
	}
	return cmd.run(ctx, r)
}

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
	prefix, _, _ := strings.Cut(q.Data, ":")
	answer := msgButtonExpired
	var err error
	if cb, ok := h.callbacks[prefix]; ok && (q.Message == nil || q.Message.Chat == nil || q.Message.Chat.IsPrivate()) {
		answer, err = h.runCallback(ctx, r, cb)
	}
	// Every press is answered, or the user's button keeps spinning. A
	// failure is shown as an alert the user has to close, not a toast that
	// is easy to miss.
	cb := tgbotapi.NewCallback(q.ID, answer)
	if err != nil {
		h.fail(ctx, r, err)
		cb = tgbotapi.NewCallbackWithAlert(q.ID, msgSystemDown)
	}
	if _, aerr := h.send.Request(ctx, cb); aerr != nil {
		h.log.Warn("answerCallbackQuery failed", "user_id", q.From.ID, "error", aerr)
	}
}

// runCallback checks who may press the button, then runs its handler.
func (h *Handlers) runCallback(ctx context.Context, r *Request, cb callback) (string, error) {
	switch {
	case cb.admin && !h.admins[r.From.ID]:
		h.log.Info("refused admin callback", "data", r.Callback.Data, "user_id", r.From.ID)
		return msgOnlyAdmBtn, nil
	case cb.coordinator:
		ok, err := h.isCoordinator(ctx, r)
		if err != nil {
			return "", err
		}
		if !ok {
			h.log.Info("refused coordinator callback", "data", r.Callback.Data, "user_id", r.From.ID)
			return msgOnlyCoordBtn, nil
		}
	}
	return cb.run(ctx, r)
}

// conversationButton hands Simpan / Ubah / Batal to the engine.
func (h *Handlers) conversationButton(ctx context.Context, r *Request) (string, error) {
	return h.engine.Callback(ctx, r.Chat, r.UpdateID, r.Callback)
}

// fail logs an error once and tells the user, in Indonesian, to try again.
func (h *Handlers) fail(ctx context.Context, r *Request, err error) {
	h.log.Error("handling update failed", "update_id", r.UpdateID, "chat_id", r.Chat.ChatID, "command", r.Command, "error", err)
	if r.Callback != nil {
		return // the callback answer carries the message
	}
	if serr := h.reply(ctx, r, msgSystemDown); serr != nil {
		h.log.Warn("telling the user about a failure failed", "chat_id", r.Chat.ChatID, "error", serr)
	}
}

// isCoordinator reports whether the sender may use coordinator commands.
func (h *Handlers) isCoordinator(ctx context.Context, r *Request) (bool, error) {
	role, err := h.roleOf(ctx, r)
	if err != nil {
		return false, err
	}
	return role == domain.RoleAdmin || role == domain.RoleCoordinator, nil
}

func (h *Handlers) roleOf(ctx context.Context, r *Request) (domain.Role, error) {
	if r.role != "" {
		return r.role, nil
	}
	switch {
	case h.admins[r.From.ID]:
		r.role = domain.RoleAdmin
	default:
		ok, err := h.store.IsCoordinator(ctx, r.From.ID)
		if err != nil {
			return "", err
		}
		r.role = domain.RoleVolunteer
		if ok {
			r.role = domain.RoleCoordinator
		}
	}
	return r.role, nil
}

// volunteerOf returns the sender's registration, or nil.
func (h *Handlers) volunteerOf(ctx context.Context, r *Request) (*storage.Volunteer, error) {
	if r.loadedVol {
		return r.volunteer, nil
	}
	v, err := h.store.VolunteerByTelegramID(ctx, r.From.ID)
	if errors.Is(err, storage.ErrNotFound) {
		v, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.volunteer, r.loadedVol = v, true
	return v, nil
}

// flowCommand is the command that starts a flow again.
func flowCommand(flow string) string {
	switch flow {
	case flowTolak:
		return "verifikasi"
	case flowLapor:
		return "lapor"
	case flowCatatan:
		return "laporan"
	case flowAcara:
		return "acara"
	case flowCheckin:
		return "jadwal"
	case flowKoordinator:
		return "koordinator"
	case flowUmumkan:
		return "umumkan"
	}
	return "daftar"
}
