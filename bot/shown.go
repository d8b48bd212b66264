package bot

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/tgtext"
)

// ErrNotModified is returned, without calling Telegram, for an edit that
// would leave the message as it is: Telegram refuses those ("message is
// not modified"). IsNotModified is true for it.
var ErrNotModified = errors.New("message is not modified: it already shows this (the edit was not sent)")

// How long and how many messages the client remembers what they show. A
// double tap or a repeated page press comes within seconds; older
// messages are edited for real, and Telegram judges.
const (
	shownGeneration = 30 * time.Minute
	shownMax        = 20000
)

type shownKey struct {
	chat int64
	msg  int
}

// shownView is what a message shows: its content (a hash of its
// tgtext.Rendering, marked as a text or a caption; "" when unknown) and
// its inline keyboard in canonical JSON ("" when none).
type shownView struct {
	content string
	markup  string
}

// shownMemory remembers what the bot's recent messages show, so that an
// edit that changes nothing (a Simpan pressed twice removing buttons
// already removed, a page pressed twice) is not sent. It keeps two
// generations of entries and drops the older one every shownGeneration
// or shownMax entries: bounded memory, no timers.
type shownMemory struct {
	mu        sync.Mutex
	cur, prev map[shownKey]shownView
	since     time.Time
}

func newShownMemory() *shownMemory {
	return &shownMemory{cur: map[shownKey]shownView{}, prev: map[shownKey]shownView{}, since: time.Now()}
}

// Kinds of request for the memory.
const (
	reqOther = iota
	reqSend
	reqEditContent
	reqEditMarkup
	reqDelete
)

// intent is what a request would make a message show.
type intent struct {
	kind int
	key  shownKey // for edits and deletes
	view shownView
}

// intentOf reads a request. Edits of inline messages and sends of other
// kinds are reqOther and not remembered.
func intentOf(msg tgbotapi.Chattable) intent {
	switch v := msg.(type) {
	case tgbotapi.MessageConfig:
		return intent{kind: reqSend, view: shownView{content: textView("t", v.Text, v.ParseMode, v.Entities), markup: inlineMarkup(v.ReplyMarkup)}}
	case tgbotapi.PhotoConfig:
		return intent{kind: reqSend, view: shownView{content: textView("c", v.Caption, v.ParseMode, v.CaptionEntities), markup: inlineMarkup(v.ReplyMarkup)}}
	case tgbotapi.DocumentConfig:
		return intent{kind: reqSend, view: shownView{content: textView("c", v.Caption, v.ParseMode, v.CaptionEntities), markup: inlineMarkup(v.ReplyMarkup)}}
	case tgbotapi.EditMessageTextConfig:
		return editIntent(v.BaseEdit, reqEditContent, textView("t", v.Text, v.ParseMode, v.Entities))
	case tgbotapi.EditMessageCaptionConfig:
		return editIntent(v.BaseEdit, reqEditContent, textView("c", v.Caption, v.ParseMode, v.CaptionEntities))
	case tgbotapi.EditMessageReplyMarkupConfig:
		return editIntent(v.BaseEdit, reqEditMarkup, "")
	case tgbotapi.DeleteMessageConfig:
		return intent{kind: reqDelete, key: shownKey{v.ChatID, v.MessageID}}
	}
	return intent{}
}

func editIntent(e tgbotapi.BaseEdit, kind int, content string) intent {
	if e.InlineMessageID != "" || e.ChatID == 0 {
		return intent{}
	}
	markup := ""
	if e.ReplyMarkup != nil {
		markup = inlineMarkup(*e.ReplyMarkup)
	}
	return intent{kind: kind, key: shownKey{e.ChatID, e.MessageID}, view: shownView{content: content, markup: markup}}
}

// textView is the remembered content of a text or caption, a hash of its
// rendering so that memory stays small; "" (unknown) when explicit
// entities are given.
func textView(prefix, text, mode string, entities []tgbotapi.MessageEntity) string {
	if len(entities) > 0 {
		return ""
	}
	var buf [1024]byte // most texts render in it without allocating
	sum := sha256.Sum256(tgtext.AppendRendering(append(buf[:0], prefix...), text, mode))
	return string(sum[:])
}

// inlineMarkup is the canonical JSON of an inline keyboard, "" for none,
// an empty one or another kind of markup (a reply keyboard belongs to the
// chat, not to the message). The library's types, which nearly every
// request carries, are told by their type: an inline keyboard is
// marshalled once, the others not at all; see otherMarkup for the rest.
func inlineMarkup(markup any) string {
	switch kb := markup.(type) {
	case nil, tgbotapi.ReplyKeyboardMarkup, *tgbotapi.ReplyKeyboardMarkup,
		tgbotapi.ReplyKeyboardRemove, *tgbotapi.ReplyKeyboardRemove, tgbotapi.ForceReply, *tgbotapi.ForceReply:
		return ""
	case tgbotapi.InlineKeyboardMarkup:
		return keyboardJSON(kb.InlineKeyboard)
	case *tgbotapi.InlineKeyboardMarkup:
		if kb == nil {
			return ""
		}
		return keyboardJSON(kb.InlineKeyboard)
	}
	return otherMarkup(markup)
}

// keyboardJSON is the canonical form of a keyboard the library's types
// hold: its rows as the library marshals them, fields in a fixed order.
func keyboardJSON(rows [][]tgbotapi.InlineKeyboardButton) string {
	if len(rows) == 0 {
		return ""
	}
	raw, err := json.Marshal(rows)
	if err != nil {
		return ""
	}
	return string(raw)
}

// otherMarkup is inlineMarkup of markup given in another form (JSON, a
// map). One the library's keyboard holds completely takes the library's
// form, so it compares equal to the same keyboard given as a value; one
// with fields the library lacks is kept whole, its keys sorted.
func otherMarkup(markup any) string {
	raw, err := json.Marshal(markup)
	if err != nil {
		return ""
	}
	var kb tgbotapi.InlineKeyboardMarkup
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if dec.Decode(&kb) == nil && !dec.More() {
		return keyboardJSON(kb.InlineKeyboard)
	}
	var m struct {
		Inline []json.RawMessage `json:"inline_keyboard"`
	}
	if json.Unmarshal(raw, &m) != nil || len(m.Inline) == 0 {
		return ""
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	canonical, _ := json.Marshal(v.(map[string]any)["inline_keyboard"])
	return string(canonical)
}

// unchanged reports whether the edit in is known to change nothing.
func (m *shownMemory) unchanged(in intent) bool {
	if in.kind != reqEditContent && in.kind != reqEditMarkup {
		return false
	}
	have, ok := m.get(in.key)
	switch {
	case !ok:
		return false
	case in.kind == reqEditMarkup:
		return have.markup == in.view.markup
	}
	return have.content != "" && have.content == in.view.content && have.markup == in.view.markup
}

// after records what a finished request left the message showing; raw is
// the result of a send.
func (m *shownMemory) after(in intent, raw json.RawMessage, err error) {
	switch {
	case in.kind == reqOther:
	case in.kind == reqSend && err == nil:
		var sent struct {
			MessageID int `json:"message_id"`
			Chat      struct {
				ID int64 `json:"id"`
			} `json:"chat"`
		}
		if json.Unmarshal(raw, &sent) == nil {
			m.afterSent(in, sent.Chat.ID, sent.MessageID)
		}
	case in.kind == reqDelete && err == nil:
		m.forget(in.key)
	case (in.kind == reqEditContent || in.kind == reqEditMarkup) && (err == nil || IsNotModified(err)):
		v := in.view
		if in.kind == reqEditMarkup {
			have, _ := m.get(in.key)
			v.content = have.content
		}
		m.put(in.key, v)
	case in.kind != reqSend:
		m.forget(in.key) // refused or unknown outcome: let Telegram judge the next edit
	}
}

// afterSent remembers what a send created, once its answer was decoded.
func (m *shownMemory) afterSent(in intent, chatID int64, messageID int) {
	if in.kind == reqSend && messageID != 0 {
		m.put(shownKey{chatID, messageID}, in.view)
	}
}

func (m *shownMemory) get(k shownKey) (shownView, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.cur[k]; ok {
		return v, true
	}
	v, ok := m.prev[k]
	return v, ok
}

func (m *shownMemory) put(k shownKey, v shownView) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if time.Since(m.since) > shownGeneration || len(m.cur) >= shownMax {
		m.prev, m.cur, m.since = m.cur, make(map[shownKey]shownView, len(m.cur)), time.Now()
	}
	delete(m.prev, k)
	m.cur[k] = v
}

func (m *shownMemory) forget(k shownKey) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.cur, k)
	delete(m.prev, k)
}

// HasInlineButtons reports whether m (a pressed message, as Telegram sends
// it with the press) shows inline buttons. Only such a message can be
// edited in answer to the press: Telegram refuses to edit one sent with a
// reply keyboard, and a forged press may name any message.
func HasInlineButtons(m *tgbotapi.Message) bool {
	return m != nil && m.Chat != nil && m.ReplyMarkup != nil && len(m.ReplyMarkup.InlineKeyboard) > 0
}

// HasButton reports whether m shows an inline button whose callback data
// is exactly data.
func HasButton(m *tgbotapi.Message, data string) bool {
	if !HasInlineButtons(m) {
		return false
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && *b.CallbackData == data {
				return true
			}
		}
	}
	return false
}

// Pressed reports whether q came from a button its message shows: the
// message Telegram sends with a press is the real one, while the data of
// a forged press may name anything. Only a press that passes may rewrite
// its message, so that a forged one cannot turn another card, or another
// report's, into its answer.
func Pressed(q *tgbotapi.CallbackQuery) bool {
	return q != nil && HasButton(q.Message, q.Data)
}
