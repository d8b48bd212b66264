package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

const (
	flowKoordinator = "koordinator"

	keyKoordID   = "id"
	keyKoordName = "_name"
)

// koordinator lists the coordinators with buttons to add and remove;
// "/koordinator tambah <id>" and "/koordinator hapus <id>" do it typed.
func (h *Handlers) koordinator(ctx context.Context, r *Request) error {
	verb, arg, _ := strings.Cut(strings.ToLower(r.Args), " ")
	id, idErr := strconv.ParseInt(strings.TrimSpace(arg), 10, 64)
	switch {
	case verb == "":
		return h.sendCoordinatorList(ctx, r.Chat.ChatID)
	case verb == "tambah" && arg == "":
		return h.Engine.Start(ctx, r.Chat, flowKoordinator, nil)
	case verb == "tambah" && idErr == nil && id > 0:
		text, err := h.addCoordinator(ctx, r.From.ID, id, "")
		if err != nil {
			return err
		}
		return h.Reply(ctx, r, text)
	case verb == "hapus" && idErr == nil && id > 0:
		return h.askRemoveCoordinator(ctx, r.Chat.ChatID, id)
	}
	return h.Reply(ctx, r, msgKoordUsage)
}

func (h *Handlers) sendCoordinatorList(ctx context.Context, chatID int64) error {
	cs, err := h.Store.Coordinators(ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(msgKoordTitle + "\n")
	rows := [][]tgbotapi.InlineKeyboardButton{
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(btnKoordAdd, "ko:add")),
	}
	if len(cs) == 0 {
		b.WriteString("\n" + msgKoordNone)
	}
	for i, c := range cs {
		name := coordinatorName(c.TelegramID, c.Name)
		b.WriteString("\n" + fmt.Sprintf(msgKoordLine, i+1, html.EscapeString(name), c.TelegramID, kit.FormatShortDate(c.CreatedAt)))
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(
			fmt.Sprintf(btnKoordRemove, name), "ko:rm:"+strconv.FormatInt(c.TelegramID, 10))))
	}
	admins := make([]string, 0, len(h.Admins))
	for id := range h.Admins {
		admins = append(admins, strconv.FormatInt(id, 10))
	}
	slices.Sort(admins)
	b.WriteString("\n\n" + fmt.Sprintf(msgKoordAdmins, strings.Join(admins, ", ")))
	return h.SendHTML(ctx, chatID, b.String(), tgbotapi.NewInlineKeyboardMarkup(rows...))
}

// coordinatorButton handles "ko:add", "ko:rm:<id>" (asks), "ko:rmy:<id>"
// (removes) and "ko:rmn". The router lets only admins press them.
func (h *Handlers) coordinatorButton(ctx context.Context, r *Request) (string, error) {
	parts := strings.Split(r.Callback.Data, ":")
	var id int64
	if len(parts) == 3 {
		var err error
		if id, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
			return kit.MsgButtonExpired, nil
		}
	}
	switch {
	case parts[1] == "add" && len(parts) == 2:
		return "", h.Engine.Start(ctx, r.Chat, flowKoordinator, nil)
	case parts[1] == "rm" && len(parts) == 3:
		return "", h.askRemoveCoordinator(ctx, r.Chat.ChatID, id)
	case parts[1] == "rmy" && len(parts) == 3:
		h.RemoveButtons(ctx, r.Callback)
		text, err := h.removeCoordinator(ctx, r.From.ID, id)
		if err != nil {
			return "", err
		}
		return "", h.Reply(ctx, r, text)
	case parts[1] == "rmn":
		h.RemoveButtons(ctx, r.Callback)
		return "", h.Reply(ctx, r, msgKoordKept)
	}
	return kit.MsgButtonExpired, nil
}

func (h *Handlers) askRemoveCoordinator(ctx context.Context, chatID, id int64) error {
	if h.Admins[id] {
		return h.SendHTML(ctx, chatID, msgKoordAdminFixed, nil)
	}
	cs, err := h.Store.Coordinators(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cs, func(c storage.Coordinator) bool { return c.TelegramID == id })
	if i < 0 {
		return h.SendHTML(ctx, chatID, fmt.Sprintf(msgKoordNotFound, id), nil)
	}
	sid := strconv.FormatInt(id, 10)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnYesRemove, "ko:rmy:"+sid),
		tgbotapi.NewInlineKeyboardButtonData(btnCancelRemove, "ko:rmn"),
	))
	name := html.EscapeString(coordinatorName(id, cs[i].Name))
	return h.SendHTML(ctx, chatID, fmt.Sprintf(msgKoordRemoveAsk, name), kb)
}

// removeCoordinator removes id (audited by the store) and takes the
// coordinator menu out of their chat.
func (h *Handlers) removeCoordinator(ctx context.Context, by, id int64) (string, error) {
	if h.Admins[id] {
		return msgKoordAdminFixed, nil
	}
	cs, err := h.Store.Coordinators(ctx)
	if err != nil {
		return "", err
	}
	name := coordinatorName(id, "")
	if i := slices.IndexFunc(cs, func(c storage.Coordinator) bool { return c.TelegramID == id }); i >= 0 {
		name = coordinatorName(id, cs[i].Name)
	}
	err = h.Store.RemoveCoordinator(ctx, id, by)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Sprintf(msgKoordNotFound, id), nil
	}
	if err != nil {
		return "", err
	}
	h.Log.Info("coordinator removed", "coordinator_id", id, "by", by)
	if err := h.ClearMenu(ctx, id); err != nil {
		h.Log.Warn("deleting coordinator commands failed", "chat_id", id, "error", err)
	}
	if err := h.SendHTML(ctx, id, msgYouNoLongerKoord, nil); err != nil {
		h.Log.Info("telling the former coordinator failed", "chat_id", id, "error", err)
	}
	return fmt.Sprintf(msgKoordRemoved, html.EscapeString(name)), nil
}

// addCoordinator appoints id (audited by the store), gives them the
// coordinator menu and greets them.
func (h *Handlers) addCoordinator(ctx context.Context, by, id int64, name string) (string, error) {
	label := html.EscapeString(coordinatorName(id, name))
	if h.Admins[id] {
		return fmt.Sprintf(msgKoordIsAdmin, label), nil
	}
	ok, err := h.Store.IsCoordinator(ctx, id)
	if err != nil {
		return "", err
	}
	if ok && name == "" {
		return fmt.Sprintf(msgKoordAlready, label), nil
	}
	if err := h.Store.AddCoordinator(ctx, storage.Coordinator{TelegramID: id, Name: name}, by); err != nil {
		return "", err
	}
	if ok {
		return fmt.Sprintf(msgKoordAlready, label), nil
	}
	h.Log.Info("coordinator added", "coordinator_id", id, "by", by)
	if err := h.SetCoordinatorMenu(ctx, id); err != nil {
		// A person who never opened the bot has no chat yet; RegisterCommands
		// at the next start, or /start, sets the menu then.
		h.Log.Info("setting coordinator commands failed", "chat_id", id, "error", err)
		return fmt.Sprintf(msgKoordAddedNoChat, label), nil
	}
	if err := h.SendHTML(ctx, id, msgYouAreKoord, nil); err != nil {
		h.Log.Info("greeting the new coordinator failed", "chat_id", id, "error", err)
	}
	return fmt.Sprintf(msgKoordAdded, label), nil
}

// koordinatorFlow asks an admin for the new coordinator: a forwarded
// message from them or their Telegram id.
func (h *Handlers) koordinatorFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowKoordinator,
		Entry: "koordinator",
		Title: flowKoordinatorTitle,
		Steps: []conversations.Step{{
			Key: keyKoordID, Label: "ID Telegram",
			Ask:    kit.Fixed(askKoordinator, nil),
			Accept: acceptCoordinator,
		}},
		Finish: func(ctx context.Context, s *conversations.Session) (string, error) {
			if !h.Admins[s.Chat.UserID] {
				return msgOnlyAdmin, nil
			}
			id, err := strconv.ParseInt(s.Get(keyKoordID), 10, 64)
			if err != nil {
				return "", fmt.Errorf("handlers: bad id in coordinator flow: %w", err)
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

func coordinatorName(id int64, name string) string {
	if name == "" {
		return fmt.Sprintf(koordNoName, id)
	}
	return name
}
