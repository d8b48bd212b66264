package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

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
