package telegramtest

import (
	"encoding/json"
	"net/http"
	"time"
)

// The edit methods, with Telegram's refusals: a message that would not
// change, a message Telegram keeps as sent, a reply_markup that is not an
// inline keyboard. https://core.telegram.org/bots/api#updating-messages

const notModified = "message is not modified: specified new message content and reply markup are " +
	"exactly the same as a current content and reply markup of the message"

// editTarget finds the bot message an edit method names. Call with s.mu
// held.
func (s *Server) editTarget(p *params) (*chat, *Message, *apiError) {
	if p.has("inline_message_id") && !p.has("chat_id") {
		return nil, nil, badRequest("message to edit not found")
	}
	c, e := s.target(p)
	if e != nil {
		return nil, nil, e
	}
	if !p.has("message_id") {
		return nil, nil, badRequest("message identifier is not specified")
	}
	id := p.intOr("message_id", 0)
	m := c.byID[id]
	if m == nil || m.Deleted {
		if c.userMsgs[id] != nil {
			return nil, nil, badRequest(cantEdit)
		}
		return nil, nil, badRequest("message to edit not found")
	}
	return c, m, nil
}

// editMarkup checks the reply_markup of an edit: only inline keyboards, and
// none removes the keyboard.
func editMarkup(p *params) (json.RawMessage, string, *apiError) {
	kind, canonical, e := checkMarkup(p.str("reply_markup"))
	switch {
	case e != nil:
		return nil, "", e
	case kind == markupNone:
		return nil, "", nil
	case kind != markupInline:
		return nil, "", badRequest("inline keyboard expected")
	}
	return json.RawMessage(p.str("reply_markup")), canonical, nil
}

// applyEdit records the old version of m and bumps its edit count; the
// caller then changes m. Call with s.mu held.
func (s *Server) applyEdit(m *Message, markup json.RawMessage) {
	m.History = append(m.History, Revision{Text: m.Text, Caption: m.Caption, ParseMode: m.ParseMode,
		Plain: m.Plain, ReplyMarkup: m.ReplyMarkup, At: time.Now()})
	m.Edits++
	m.EditedAt = time.Now()
	m.ReplyMarkup = markup
	s.notify()
}

// cantEdit is Telegram's answer to an edit of a message it keeps as sent.
const cantEdit = "message can't be edited"

// editable reports whether Telegram lets the bot edit m: "it is currently
// only possible to edit messages without reply_markup or with inline
// keyboards" (https://core.telegram.org/bots/api#updating-messages), so
// one sent with a reply keyboard, its removal or force_reply stays as it
// is. An edit that would change nothing is refused as not modified first.
func editable(m *Message) bool {
	kind, _, _ := checkMarkup(string(m.ReplyMarkup))
	return kind == markupNone || kind == markupInline
}

// currentMarkup is the canonical inline keyboard of m, "" when it has
// none: a reply keyboard sent with a message is the chat's, not part of
// the message, so an edit cannot change it.
func currentMarkup(m *Message) string {
	kind, canonical, _ := checkMarkup(string(m.ReplyMarkup))
	if kind != markupInline {
		return ""
	}
	return canonical
}

// editMessageText implements
// https://core.telegram.org/bots/api#editmessagetext.
func (s *Server) editMessageText(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editTarget(p)
	if e != nil {
		return nil, e
	}
	f, e := checkMessageText(p.str("text"), p.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	markup, canonical, e := editMarkup(p)
	switch {
	case e != nil:
		return nil, e
	case !m.hasText:
		return nil, badRequest("there is no text in the message to edit")
	case f.same(formatted{m.Plain, m.Entities}) && canonical == currentMarkup(m):
		return nil, badRequest(notModified)
	case !editable(m):
		return nil, badRequest(cantEdit)
	}
	if e := s.checkFlood(c); e != nil {
		return nil, e
	}
	s.applyEdit(m, markup)
	m.Text, m.ParseMode, m.Plain, m.Entities = p.str("text"), p.str("parse_mode"), f.plain, f.entities
	return s.wire(c, m), nil
}

// editMessageCaption implements
// https://core.telegram.org/bots/api#editmessagecaption.
func (s *Server) editMessageCaption(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editTarget(p)
	if e != nil {
		return nil, e
	}
	f, e := checkCaption(p.str("caption"), p.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	markup, canonical, e := editMarkup(p)
	switch {
	case e != nil:
		return nil, e
	case m.hasText || m.Location != nil:
		return nil, badRequest("there is no caption in the message to edit")
	case f.same(formatted{m.Plain, m.Entities}) && canonical == currentMarkup(m):
		return nil, badRequest(notModified)
	case !editable(m):
		return nil, badRequest(cantEdit)
	}
	if e := s.checkFlood(c); e != nil {
		return nil, e
	}
	s.applyEdit(m, markup)
	m.Caption, m.ParseMode, m.Plain, m.Entities = p.str("caption"), p.str("parse_mode"), f.plain, f.entities
	return s.wire(c, m), nil
}

// editMessageReplyMarkup implements
// https://core.telegram.org/bots/api#editmessagereplymarkup.
func (s *Server) editMessageReplyMarkup(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editTarget(p)
	if e != nil {
		return nil, e
	}
	markup, canonical, e := editMarkup(p)
	switch {
	case e != nil:
		return nil, e
	case canonical == currentMarkup(m):
		return nil, badRequest(notModified)
	case !editable(m):
		return nil, badRequest(cantEdit)
	}
	if e := s.checkFlood(c); e != nil {
		return nil, e
	}
	s.applyEdit(m, markup)
	return s.wire(c, m), nil
}

// deleteWindow is how long after sending a message can be deleted: "A
// message can only be deleted if it was sent less than 48 hours ago."
const deleteWindow = 48 * time.Hour
