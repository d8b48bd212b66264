package telegramtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Message is the fake's record of a message the bot sent. Values handed to
// tests are snapshots; fetch the message again (User.Message) to see later
// edits.
type Message struct {
	ID     int
	ChatID int64
	// Method is the Bot API method that created the message, for example
	// "sendMessage", "sendPhoto" or "copyMessage".
	Method string
	// Text is the text exactly as sent, markup included.
	Text string
	// Caption is the caption exactly as sent, markup included.
	Caption   string
	ParseMode string
	// Plain is what the user sees: the text (or caption) after entity
	// parsing, with tags removed and HTML entities decoded.
	Plain    string
	Entities []tgbotapi.MessageEntity
	// PhotoFileID is the file_id of the largest size of a photo message.
	PhotoFileID  string
	MediaGroupID string
	Document     *Document
	Location     *Location
	// ReplyMarkup is the reply_markup JSON as sent; nil when none.
	ReplyMarkup           json.RawMessage
	ReplyToMessageID      int
	DisableNotification   bool
	ProtectContent        bool
	DisableWebPagePreview bool
	// FromChatID and FromMessageID name the source of a copyMessage.
	FromChatID    int64
	FromMessageID int
	// Edits counts successful edits; History holds the earlier versions,
	// oldest first.
	Edits    int
	History  []Revision
	Deleted  bool
	SentAt   time.Time
	EditedAt time.Time

	hasText bool                 // a text message, not a media one
	photo   []tgbotapi.PhotoSize // sizes of a photo message
	copied  *tgbotapi.Message    // the user message a copy was made from
}

// Revision is a version of a message before an edit.
type Revision struct {
	Text        string
	Caption     string
	ParseMode   string
	Plain       string
	ReplyMarkup json.RawMessage
	At          time.Time
}

// Document is a file the bot sent with sendDocument.
type Document struct {
	FileID   string
	Name     string
	MIMEType string
	Data     []byte
}

// Location is a point the bot sent with sendLocation.
type Location struct {
	Latitude  float64
	Longitude float64
}

// clone returns a copy that shares no mutable state with m.
func (m *Message) clone() *Message {
	c := *m
	c.Entities = slices.Clone(m.Entities)
	c.History = slices.Clone(m.History)
	if m.Document != nil {
		d := *m.Document
		c.Document = &d
	}
	if m.Location != nil {
		l := *m.Location
		c.Location = &l
	}
	return &c
}

// Buttons returns the texts of the inline keyboard, row by row; nil when
// the message has no inline keyboard.
func (m *Message) Buttons() [][]string {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	var out [][]string
	for _, row := range mk.InlineKeyboard {
		var texts []string
		for _, b := range row {
			texts = append(texts, b.Text)
		}
		out = append(out, texts)
	}
	return out
}

// CallbackData returns the callback_data of the first inline button whose
// text is text, or "" when there is none.
func (m *Message) CallbackData(text string) string {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	for _, row := range mk.InlineKeyboard {
		for _, b := range row {
			if b.Text == text && b.CallbackData != nil {
				return *b.CallbackData
			}
		}
	}
	return ""
}

// ButtonURL returns the url of the first inline button whose text is text,
// or "" when there is none.
func (m *Message) ButtonURL(text string) string {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	for _, row := range mk.InlineKeyboard {
		for _, b := range row {
			if b.Text == text && b.URL != nil {
				return *b.URL
			}
		}
	}
	return ""
}

// hasCallbackData reports whether an inline button carries data.
func (m *Message) hasCallbackData(data string) bool {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	for _, row := range mk.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && *b.CallbackData == data {
				return true
			}
		}
	}
	return false
}

// Keyboard returns the texts of the reply keyboard, row by row; nil when
// the message has no reply keyboard.
func (m *Message) Keyboard() [][]string {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	var out [][]string
	for _, row := range mk.Keyboard {
		var texts []string
		for _, b := range row {
			texts = append(texts, b.Text)
		}
		out = append(out, texts)
	}
	return out
}

// KeyboardButton returns the reply keyboard button with the given text.
func (m *Message) KeyboardButton(text string) (KeyboardButton, bool) {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	for _, row := range mk.Keyboard {
		for _, b := range row {
			if b.Text == text {
				return b, true
			}
		}
	}
	return KeyboardButton{}, false
}

// RemovesKeyboard reports whether the message carries ReplyKeyboardRemove.
func (m *Message) RemovesKeyboard() bool {
	mk, _ := decodeMarkup(m.ReplyMarkup)
	return mk.RemoveKeyboard
}

// String describes the message on one line, for failure dumps.
func (m *Message) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s %q", m.ID, m.Method, m.Plain)
	if m.PhotoFileID != "" {
		fmt.Fprintf(&b, " photo=%s", m.PhotoFileID)
	}
	if m.Document != nil {
		fmt.Fprintf(&b, " document=%s (%d bytes)", m.Document.Name, len(m.Document.Data))
	}
	if m.Location != nil {
		fmt.Fprintf(&b, " location=%v,%v", m.Location.Latitude, m.Location.Longitude)
	}
	if bs := m.Buttons(); bs != nil {
		fmt.Fprintf(&b, " buttons=%v", bs)
	}
	if kb := m.Keyboard(); kb != nil {
		fmt.Fprintf(&b, " keyboard=%v", kb)
	}
	if m.RemovesKeyboard() {
		b.WriteString(" remove_keyboard")
	}
	if m.Edits > 0 {
		fmt.Fprintf(&b, " edits=%d", m.Edits)
	}
	if m.Deleted {
		b.WriteString(" deleted")
	}
	return b.String()
}

// wireMessage is a Message object as Telegram returns it. Its ReplyMarkup
// shadows tgbotapi's so every inline button field survives.
type wireMessage struct {
	tgbotapi.Message
	ReplyMarkup json.RawMessage `json:"reply_markup,omitempty"`
}

// asMessage is w as the bot reads it in a callback query, inline keyboard
// included, as Telegram sends it.
func (w wireMessage) asMessage() *tgbotapi.Message {
	m := w.Message
	if len(w.ReplyMarkup) > 0 {
		var kb tgbotapi.InlineKeyboardMarkup
		if json.Unmarshal(w.ReplyMarkup, &kb) == nil {
			m.ReplyMarkup = &kb
		}
	}
	return &m
}

// wire renders a bot message as a Bot API Message object. Call with s.mu
// held.
func (s *Server) wire(c *chat, m *Message) wireMessage {
	info := c.info
	var w wireMessage
	if m.copied != nil {
		// Keep what a copy carries over (stickers, voice, contacts...).
		w.Message = *m.copied
		w.ForwardFrom, w.ForwardDate, w.MediaGroupID = nil, 0, ""
	}
	w.MessageID = m.ID
	w.From = botUser()
	w.Chat = &info
	w.Date = int(m.SentAt.Unix())
	w.Text, w.Entities, w.Caption, w.CaptionEntities = "", nil, "", nil
	if !m.EditedAt.IsZero() {
		w.EditDate = int(m.EditedAt.Unix())
	}
	if m.hasText {
		w.Text, w.Entities = m.Plain, m.Entities
	} else {
		w.Caption, w.CaptionEntities = m.Plain, m.Entities
	}
	if m.photo != nil {
		w.Photo = m.photo
	}
	if d := m.Document; d != nil {
		w.Document = &tgbotapi.Document{FileID: d.FileID, FileName: d.Name, MimeType: d.MIMEType, FileSize: len(d.Data)}
		if f := s.files[d.FileID]; f != nil {
			w.Document.FileUniqueID = f.uniqueID
		}
	}
	if l := m.Location; l != nil {
		w.Location = &tgbotapi.Location{Latitude: l.Latitude, Longitude: l.Longitude}
	}
	w.MediaGroupID = m.MediaGroupID
	w.HasProtectedContent = m.ProtectContent
	if m.ReplyToMessageID != 0 {
		if um := c.userMsgs[m.ReplyToMessageID]; um != nil {
			r := *um
			r.ReplyToMessage = nil
			w.ReplyToMessage = &r
		} else if bm := c.byID[m.ReplyToMessageID]; bm != nil {
			r := s.wire(c, &Message{ID: bm.ID, Plain: bm.Plain, hasText: bm.hasText, photo: bm.photo, SentAt: bm.SentAt})
			w.ReplyToMessage = &r.Message
		}
	}
	if kind, _, _ := checkMarkup(string(m.ReplyMarkup)); kind == markupInline {
		w.ReplyMarkup = m.ReplyMarkup
	}
	return w
}
