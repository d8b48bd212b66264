package telegramtest

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Changes returns a channel that is closed at the fake's next change of
// state: a message sent, edited or deleted, an update queued or confirmed,
// a callback answered, a command menu set. A view of the fake (the
// playground page) waits on it instead of polling, then takes a Snapshot.
func (s *Server) Changes() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// ChatSnapshot is one private chat as the user's Telegram app shows it:
// both sides' messages in order, the reply keyboard under the input, and
// the command menu that applies to the chat. It is plain data for JSON.
type ChatSnapshot struct {
	ChatID   int64                 `json:"chat_id"`
	Messages []ChatEntry           `json:"messages"`
	Keyboard *ChatKeyboard         `json:"keyboard,omitempty"`
	Commands []tgbotapi.BotCommand `json:"commands"`
}

// ChatEntry is one message of a ChatSnapshot, from the bot or the user.
// Text is what is shown (after entity parsing); Entities format it, with
// offsets in UTF-16 code units.
type ChatEntry struct {
	ID           int                      `json:"id"`
	FromBot      bool                     `json:"from_bot"`
	Date         int64                    `json:"date"`
	Text         string                   `json:"text,omitempty"`
	Entities     []tgbotapi.MessageEntity `json:"entities,omitempty"`
	PhotoFileID  string                   `json:"photo,omitempty"`
	MediaGroupID string                   `json:"media_group_id,omitempty"`
	Document     *DocumentRef             `json:"document,omitempty"`
	Location     *Location                `json:"location,omitempty"`
	Contact      string                   `json:"contact,omitempty"` // the phone number shared
	Sticker      string                   `json:"sticker,omitempty"` // the sticker's emoji
	Buttons      [][]InlineButton         `json:"buttons,omitempty"`
	ReplyTo      int                      `json:"reply_to,omitempty"`
	Edited       bool                     `json:"edited,omitempty"`
	Deleted      bool                     `json:"deleted,omitempty"`
}

// DocumentRef names a document without its bytes (FileData has them).
type DocumentRef struct {
	FileID string `json:"file_id"`
	Name   string `json:"name"`
	Size   int    `json:"size"`
}

// InlineButton is a button of an inline keyboard.
type InlineButton struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// ChatKeyboard is the reply keyboard a chat shows under its input: the
// one the bot sent last, until a message removed it. Collapsed is true for
// a one-time keyboard the user has used, which Telegram folds away (it can
// be opened again).
type ChatKeyboard struct {
	Rows        [][]KeyboardButton `json:"rows"`
	Placeholder string             `json:"placeholder,omitempty"`
	Collapsed   bool               `json:"collapsed,omitempty"`
}

// Snapshot returns the chat with id as its user sees it, and false when
// there is no such chat.
func (s *Server) Snapshot(chatID int64) (ChatSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return ChatSnapshot{}, false
	}
	snap := ChatSnapshot{ChatID: chatID, Messages: []ChatEntry{}, Commands: s.menuFor(c)}
	for _, m := range c.botMsgs {
		snap.Messages = append(snap.Messages, botEntry(m))
	}
	for _, m := range c.userMsgs {
		snap.Messages = append(snap.Messages, userEntry(m))
	}
	sort.Slice(snap.Messages, func(i, j int) bool { return snap.Messages[i].ID < snap.Messages[j].ID })
	snap.Keyboard = replyKeyboard(c)
	return snap, true
}

func botEntry(m *Message) ChatEntry {
	e := ChatEntry{ID: m.ID, FromBot: true, Date: m.SentAt.Unix(), Text: m.Plain, Entities: slices.Clone(m.Entities),
		PhotoFileID: m.PhotoFileID, MediaGroupID: m.MediaGroupID, Location: m.Location,
		ReplyTo: m.ReplyToMessageID, Edited: m.Edits > 0, Deleted: m.Deleted}
	if d := m.Document; d != nil {
		e.Document = &DocumentRef{FileID: d.FileID, Name: d.Name, Size: len(d.Data)}
	}
	if src := m.copied; src != nil {
		if src.Contact != nil {
			e.Contact = src.Contact.PhoneNumber
		}
		if src.Sticker != nil {
			e.Sticker = or(src.Sticker.Emoji, "🖼")
		}
	}
	if kind, _, _ := checkMarkup(string(m.ReplyMarkup)); kind == markupInline {
		mk, _ := decodeMarkup(m.ReplyMarkup)
		for _, row := range mk.InlineKeyboard {
			var out []InlineButton
			for _, b := range row {
				ib := InlineButton{Text: b.Text}
				if b.CallbackData != nil {
					ib.Data = *b.CallbackData
				}
				if b.URL != nil {
					ib.URL = *b.URL
				}
				out = append(out, ib)
			}
			e.Buttons = append(e.Buttons, out)
		}
	}
	return e
}

func userEntry(m *tgbotapi.Message) ChatEntry {
	e := ChatEntry{ID: m.MessageID, Date: int64(m.Date), Text: m.Text, Entities: slices.Clone(m.Entities),
		MediaGroupID: m.MediaGroupID}
	if m.Text == "" {
		e.Text, e.Entities = m.Caption, slices.Clone(m.CaptionEntities)
	}
	if n := len(m.Photo); n > 0 {
		e.PhotoFileID = m.Photo[n-1].FileID
	}
	if m.Location != nil {
		e.Location = &Location{Latitude: m.Location.Latitude, Longitude: m.Location.Longitude}
	}
	if m.Contact != nil {
		e.Contact = m.Contact.PhoneNumber
	}
	if m.Sticker != nil {
		e.Sticker = or(m.Sticker.Emoji, "🖼")
	}
	if d := m.Document; d != nil {
		e.Document = &DocumentRef{FileID: d.FileID, Name: d.FileName, Size: d.FileSize}
	}
	return e
}

// replyKeyboard finds the reply keyboard c shows: the last reply_markup
// that set or removed one. Call with s.mu held.
func replyKeyboard(c *chat) *ChatKeyboard {
	var last *Message
	for _, m := range c.botMsgs {
		switch kind, _, _ := checkMarkup(string(m.ReplyMarkup)); kind {
		case markupReply, markupRemove:
			last = m
		}
	}
	if last == nil || last.RemovesKeyboard() {
		return nil
	}
	var raw struct {
		OneTime     bool   `json:"one_time_keyboard"`
		Placeholder string `json:"input_field_placeholder"`
	}
	_ = json.Unmarshal(last.ReplyMarkup, &raw)
	mk, _ := decodeMarkup(last.ReplyMarkup)
	kb := &ChatKeyboard{Rows: mk.Keyboard, Placeholder: raw.Placeholder}
	if raw.OneTime {
		for id := range c.userMsgs {
			if id > last.ID {
				kb.Collapsed = true
				break
			}
		}
	}
	return kb
}

// menuFor returns the command menu a private chat shows, resolved like
// Telegram: the chat's own scope, then all private chats, then the
// default, each with the user's language first. Call with s.mu held.
func (s *Server) menuFor(c *chat) []tgbotapi.BotCommand {
	lang := ""
	for _, m := range c.userMsgs {
		if m.From != nil && m.From.LanguageCode != "" {
			lang = m.From.LanguageCode
			break
		}
	}
	scopes := []string{"chat:" + strconv.FormatInt(c.info.ID, 10), "all_private_chats", "default"}
	for _, sc := range scopes {
		if lang != "" {
			if cmds, ok := s.commands[sc+"/"+lang]; ok {
				return slices.Clone(cmds)
			}
		}
		if cmds, ok := s.commands[sc]; ok {
			return slices.Clone(cmds)
		}
	}
	return []tgbotapi.BotCommand{}
}

// FileData returns the name and bytes of a file the fake knows by file_id
// (a photo size, a document, a sticker), for views that show it.
func (s *Server) FileData(fileID string) (name string, data []byte, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return "", nil, false
	}
	return f.name, f.data, true
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
