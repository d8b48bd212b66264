package admin

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// The "ko" buttons: add, ask to remove <id>, remove <id>, keep, change
// the scope of <id>. The wire format must not change: the buttons stay in
// the admins' chats.
const (
	KoordinatorPrefix = "ko"
	actAdd            = "add"
	actRemove         = "rm"
	actRemoveYes      = "rmy"
	actRemoveNo       = "rmn"
	actScope          = "sc"
)

// Koordinator lists the coordinators with their scopes and buttons to add,
// remove and change a scope; "/koordinator tambah <id>", "/koordinator
// hapus <id>" and "/koordinator wilayah <id> [places and pilar]" do it
// typed.
func (h *Room) Koordinator(ctx context.Context, r *kit.Request) error {
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
	case verb == "wilayah":
		return h.typedScope(ctx, r, arg)
	}
	return h.Reply(ctx, r, msgKoordUsage)
}

// sendCoordinatorList shows the coordinators in the store, a remove button
// for each, and the configured admins, who cannot be removed here.
func (h *Room) sendCoordinatorList(ctx context.Context, chatID int64) error {
	cs, err := h.Store.Coordinators(ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(msgKoordTitle + "\n")
	rows := [][]tgbotapi.InlineKeyboardButton{
		tgbotapi.NewInlineKeyboardRow(kit.Button(btnKoordAdd, KoordinatorPrefix, actAdd)),
	}
	if len(cs) == 0 {
		b.WriteString("\n" + msgKoordNone)
	}
	for i, c := range cs {
		name := kit.NameOrID(c.TelegramID, c.Name)
		b.WriteString("\n" + fmt.Sprintf(msgKoordLine, i+1, html.EscapeString(name), c.TelegramID, kit.FormatShortDate(c.CreatedAt)))
		if g, err := c.Scope(); err == nil {
			b.WriteString(fmt.Sprintf(msgKoordScope, html.EscapeString(kit.ScopeLabel(g))))
		} else {
			h.Log.Warn("a coordinator's scope is unreadable", "coordinator_id", c.TelegramID, "error", err)
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(
			kit.Button(fmt.Sprintf(btnKoordScope, name), KoordinatorPrefix, actScope, c.TelegramID),
			kit.Button(fmt.Sprintf(btnKoordRemove, name), KoordinatorPrefix, actRemove, c.TelegramID)))
	}
	admins := make([]string, 0, len(h.Admins))
	for id := range h.Admins {
		admins = append(admins, strconv.FormatInt(id, 10))
	}
	slices.Sort(admins)
	b.WriteString("\n\n" + fmt.Sprintf(msgKoordAdmins, strings.Join(admins, ", ")))
	return h.SendHTML(ctx, chatID, b.String(), tgbotapi.NewInlineKeyboardMarkup(rows...))
}

// CoordinatorButton handles "ko:add", "ko:rm:<id>" (asks), "ko:rmy:<id>"
// (removes), "ko:rmn" (keeps) and "ko:sc:<id>" (changes the scope). The
// router lets only admins press them.
func (h *Room) CoordinatorButton(ctx context.Context, r *kit.Request) (string, error) {
	d := r.Data
	switch d.Action() {
	case actAdd:
		if d.Len() == 1 {
			return "", h.Engine.Start(ctx, r.Chat, flowKoordinator, nil)
		}
	case actScope:
		if id, ok := d.ID(1); ok && d.Len() == 2 {
			return "", h.startScope(ctx, r, id)
		}
	case actRemove, actRemoveYes:
		id, ok := d.ID(1)
		if !ok || d.Len() != 2 {
			break
		}
		if d.Action() == actRemove {
			return "", h.askRemoveCoordinator(ctx, r.Chat.ChatID, id)
		}
		text, err := h.removeCoordinator(ctx, r.From.ID, id)
		if err != nil {
			h.RemoveButtons(ctx, r.Callback)
			return "", err
		}
		return "", h.ReplyInPlace(ctx, r, text)
	case actRemoveNo:
		if d.Len() == 1 {
			return "", h.ReplyInPlace(ctx, r, msgKoordKept)
		}
	}
	return kit.MsgButtonExpired, nil
}

// askRemoveCoordinator asks before removing id, whether the admin pressed
// a remove button or typed "/koordinator hapus <id>".
func (h *Room) askRemoveCoordinator(ctx context.Context, chatID, id int64) error {
	if h.Admins[id] {
		return h.SendHTML(ctx, chatID, msgKoordAdminFixed, nil)
	}
	c, err := h.coordinator(ctx, id)
	if err != nil {
		return err
	}
	if c == nil {
		return h.SendHTML(ctx, chatID, fmt.Sprintf(msgKoordNotFound, id), nil)
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		kit.Button(btnYesRemove, KoordinatorPrefix, actRemoveYes, id),
		kit.Button(btnCancelRemove, KoordinatorPrefix, actRemoveNo),
	))
	name := html.EscapeString(kit.NameOrID(id, c.Name))
	return h.SendHTML(ctx, chatID, fmt.Sprintf(msgKoordRemoveAsk, name), kb)
}

// removeCoordinator removes id (audited by the store), ends the flow of a
// coordinator's they were filling in and takes the coordinator menu out of
// their chat. The configured admins stay: a forged "ko:rmy" press cannot
// remove them either.
func (h *Room) removeCoordinator(ctx context.Context, by, id int64) (string, error) {
	if h.Admins[id] {
		return msgKoordAdminFixed, nil
	}
	c, err := h.coordinator(ctx, id)
	if err != nil {
		return "", err
	}
	name := kit.NameOrID(id, "")
	if c != nil {
		name = kit.NameOrID(id, c.Name)
	}
	err = h.Store.RemoveCoordinator(ctx, id, by)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Sprintf(msgKoordNotFound, id), nil
	}
	if err != nil {
		return "", err
	}
	h.Log.Info("coordinator removed", "coordinator_id", id, "by", by)
	if err := h.menus.ClearMenu(ctx, id); err != nil {
		h.Log.Warn("deleting coordinator commands failed", "chat_id", id, "error", err)
	}
	text, markup := msgYouNoLongerKoord, any(nil)
	if f, err := h.Engine.Revoke(ctx, id); err != nil {
		// Each later answer to the flow is refused anyway.
		h.Log.Warn("ending the former coordinator's flow failed", "chat_id", id, "error", err)
	} else if f != nil {
		text += "\n\n" + fmt.Sprintf(msgKoordFlowEnded, html.EscapeString(f.Title))
		markup = tgbotapi.NewRemoveKeyboard(false)
	}
	if err := h.SendHTML(ctx, id, text, markup); err != nil {
		h.Log.Info("telling the former coordinator failed", "chat_id", id, "error", err)
	}
	return fmt.Sprintf(msgKoordRemoved, html.EscapeString(name)), nil
}

// addCoordinator appoints id (audited by the store), gives them the
// coordinator menu and greets them. A forwarded message brings a name;
// appointing someone again with a name only updates it.
func (h *Room) addCoordinator(ctx context.Context, by, id int64, name string) (string, error) {
	label := html.EscapeString(kit.NameOrID(id, name))
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
	if err := h.menus.SetCoordinatorMenu(ctx, id); err != nil {
		// A person who never opened the bot has no chat yet; RegisterCommands
		// sets their menu when the bot next starts.
		h.Log.Info("setting coordinator commands failed", "chat_id", id, "error", err)
		return fmt.Sprintf(msgKoordAddedNoChat, label), nil
	}
	if err := h.SendHTML(ctx, id, msgYouAreKoord, nil); err != nil {
		h.Log.Info("greeting the new coordinator failed", "chat_id", id, "error", err)
	}
	return fmt.Sprintf(msgKoordAdded, label), nil
}

// coordinator returns the stored coordinator id, or nil when there is none.
func (h *Room) coordinator(ctx context.Context, id int64) (*storage.Coordinator, error) {
	cs, err := h.Store.Coordinators(ctx)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(cs, func(c storage.Coordinator) bool { return c.TelegramID == id })
	if i < 0 {
		return nil, nil
	}
	return &cs[i], nil
}
