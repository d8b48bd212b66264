package telegramtest

import (
	"encoding/json"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// wireMessage is a Message object as Telegram returns it. Its ReplyMarkup
// shadows tgbotapi's so every inline button field survives.
type wireMessage struct {
	tgbotapi.Message
	ReplyMarkup json.RawMessage `json:"reply_markup,omitempty"`
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
			r := s.wire(c, &Message{ID: bm.ID, Plain: bm.Plain, hasText: bm.hasText, SentAt: bm.SentAt})
			w.ReplyToMessage = &r.Message
		}
	}
	if kind, _, _ := checkMarkup(string(m.ReplyMarkup)); kind == markupInline {
		w.ReplyMarkup = m.ReplyMarkup
	}
	return w
}
