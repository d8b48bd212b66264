package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

const notModified = "message is not modified: specified new message content and reply markup are " +
	"exactly the same as a current content and reply markup of the message"

// chatActions are the actions sendChatAction accepts.
var chatActions = []string{"typing", "upload_photo", "record_video", "upload_video", "record_voice",
	"upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}

// getMe implements https://core.telegram.org/bots/api#getme.
func (s *Server) getMe(_ *http.Request, _ *params) (any, *apiError) {
	return botUser(), nil
}

// lookupChat resolves a chat id parameter. Call with s.mu held.
func (s *Server) lookupChat(p *params, field string) (*chat, *apiError) {
	if !p.has(field) || p.str(field) == "" {
		return nil, badRequest("%s is empty", field)
	}
	id, err := strconv.ParseInt(p.str(field), 10, 64)
	if err != nil || s.chats[id] == nil {
		return nil, errChatNotFound
	}
	return s.chats[id], nil
}

// target resolves chat_id for a method that sends to the chat. Call with
// s.mu held.
func (s *Server) target(p *params) (*chat, *apiError) {
	c, e := s.lookupChat(p, "chat_id")
	if e != nil {
		return nil, e
	}
	if c.blocked {
		return nil, forbidden("bot was blocked by the user")
	}
	return c, nil
}

// sendOptions applies and checks the parameters all send methods share.
// Call with s.mu held.
func (s *Server) sendOptions(p *params, c *chat, m *Message) *apiError {
	kind, _, e := checkMarkup(p.str("reply_markup"))
	if e != nil {
		return e
	}
	if kind != markupNone {
		m.ReplyMarkup = json.RawMessage(p.str("reply_markup"))
	}
	replyTo := p.intOr("reply_to_message_id", 0)
	withoutReply := p.bool("allow_sending_without_reply")
	if raw := p.str("reply_parameters"); raw != "" {
		var rp struct {
			MessageID                int  `json:"message_id"`
			AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
		}
		if err := json.Unmarshal([]byte(raw), &rp); err != nil {
			return badRequest("can't parse reply parameters JSON object")
		}
		replyTo, withoutReply = rp.MessageID, rp.AllowSendingWithoutReply
	}
	if replyTo != 0 {
		exists := c.userMsgs[replyTo] != nil || (c.byID[replyTo] != nil && !c.byID[replyTo].Deleted)
		switch {
		case exists:
			m.ReplyToMessageID = replyTo
		case !withoutReply:
			return badRequest("message to be replied not found")
		}
	}
	if raw := p.str("link_preview_options"); raw != "" {
		var lp map[string]any
		if err := json.Unmarshal([]byte(raw), &lp); err != nil {
			return badRequest("can't parse link preview options JSON object")
		}
		if d, _ := lp["is_disabled"].(bool); d {
			m.DisableWebPagePreview = true
		}
	}
	m.DisableWebPagePreview = m.DisableWebPagePreview || p.bool("disable_web_page_preview")
	m.DisableNotification = p.bool("disable_notification")
	m.ProtectContent = p.bool("protect_content")
	return nil
}

// store records a new bot message in c. Call with s.mu held.
func (s *Server) store(c *chat, m *Message) {
	m.ID = c.newMessageID()
	m.ChatID = c.info.ID
	m.SentAt = s.now()
	c.botMsgs = append(c.botMsgs, m)
	c.byID[m.ID] = m
	s.stats.MessagesPerChat[c.info.ID]++
	s.notify()
}

// sendMessage implements https://core.telegram.org/bots/api#sendmessage.
func (s *Server) sendMessage(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.target(p)
	if e != nil {
		return nil, e
	}
	f, e := checkMessageText(p.str("text"), p.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	m := &Message{Method: "sendMessage", Text: p.str("text"), ParseMode: p.str("parse_mode"),
		Plain: f.plain, Entities: f.entities, hasText: true}
	if e := s.sendOptions(p, c, m); e != nil {
		return nil, e
	}
	if e := s.checkFlood(c); e != nil {
		return nil, e
	}
	s.store(c, m)
	return s.wire(c, m), nil
}

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

// Advance moves the fake's calendar forward by d, as if d passed at
// Telegram: the bot's messages sent afterwards are dated d later, and how
// old a message is (Telegram deletes only those younger than 48 hours) is
// judged by it. Flood limits and callback answers keep real time. Call
// with the bot's clock moved the same way.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ahead += d
}

// now is the fake's calendar time. Call with s.mu held.
func (s *Server) now() time.Time { return time.Now().Add(s.ahead) }

// deleteMessage implements https://core.telegram.org/bots/api#deletemessage.
func (s *Server) deleteMessage(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.lookupChat(p, "chat_id")
	if e != nil {
		return nil, e
	}
	id := p.intOr("message_id", 0)
	switch m := c.byID[id]; {
	case m != nil && !m.Deleted && s.now().Sub(m.SentAt) > deleteWindow:
		return nil, badRequest("message can't be deleted for everyone")
	case m != nil && !m.Deleted:
		m.Deleted = true
	case c.userMsgs[id] != nil:
		delete(c.userMsgs, id)
	default:
		return nil, badRequest("message to delete not found")
	}
	s.notify()
	return true, nil
}

// copyMessage implements https://core.telegram.org/bots/api#copymessage.
func (s *Server) copyMessage(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.target(p)
	if e != nil {
		return nil, e
	}
	from, e := s.lookupChat(p, "from_chat_id")
	if e != nil {
		return nil, e
	}
	id := p.intOr("message_id", 0)
	m := &Message{Method: "copyMessage", FromChatID: from.info.ID, FromMessageID: id}
	switch src := from.byID[id]; {
	case src != nil && !src.Deleted:
		m.Text, m.Caption, m.ParseMode, m.Plain, m.Entities = src.Text, src.Caption, src.ParseMode, src.Plain, src.Entities
		m.hasText, m.photo, m.PhotoFileID, m.Document, m.Location = src.hasText, src.photo, src.PhotoFileID, src.Document, src.Location
	case from.userMsgs[id] != nil:
		copyUserMessage(m, from.userMsgs[id])
	default:
		return nil, badRequest("message to copy not found")
	}
	if p.has("caption") && !m.hasText {
		f, e := checkCaption(p.str("caption"), p.str("parse_mode"))
		if e != nil {
			return nil, e
		}
		m.Caption, m.ParseMode, m.Plain, m.Entities = p.str("caption"), p.str("parse_mode"), f.plain, f.entities
	}
	if e := s.sendOptions(p, c, m); e != nil {
		return nil, e
	}
	if e := s.checkFlood(c); e != nil {
		return nil, e
	}
	s.store(c, m)
	return tgbotapi.MessageID{MessageID: m.ID}, nil
}

// copyUserMessage fills a copy from a message a user sent.
func copyUserMessage(m *Message, src *tgbotapi.Message) {
	m.copied = src
	switch {
	case src.Text != "":
		m.hasText, m.Text, m.Plain, m.Entities = true, src.Text, src.Text, slices.Clone(src.Entities)
		return
	case len(src.Photo) > 0:
		m.photo = src.Photo
		m.PhotoFileID = src.Photo[len(src.Photo)-1].FileID
	case src.Document != nil:
		m.Document = &Document{FileID: src.Document.FileID, Name: src.Document.FileName, MIMEType: src.Document.MimeType}
	case src.Location != nil:
		m.Location = &Location{Latitude: src.Location.Latitude, Longitude: src.Location.Longitude}
	}
	m.Caption, m.Plain, m.Entities = src.Caption, src.Caption, slices.Clone(src.CaptionEntities)
}

// sendChatAction implements https://core.telegram.org/bots/api#sendchataction.
func (s *Server) sendChatAction(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.target(p); e != nil {
		return nil, e
	}
	if !slices.Contains(chatActions, p.str("action")) {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}
