package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// sendPhoto implements https://core.telegram.org/bots/api#sendphoto.
func (s *Server) sendPhoto(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.target(p)
	if e != nil {
		return nil, e
	}
	f, e := checkCaption(p.str("caption"), p.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	sizes, e := s.photoFromParam(p, "photo")
	if e != nil {
		return nil, e
	}
	m := &Message{Method: "sendPhoto", Caption: p.str("caption"), ParseMode: p.str("parse_mode"),
		Plain: f.plain, Entities: f.entities, photo: sizes, PhotoFileID: sizes[len(sizes)-1].FileID}
	return s.finishSend(p, c, m)
}

// sendDocument implements https://core.telegram.org/bots/api#senddocument.
func (s *Server) sendDocument(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.target(p)
	if e != nil {
		return nil, e
	}
	f, e := checkCaption(p.str("caption"), p.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	doc, e := s.documentFromParam(p, "document")
	if e != nil {
		return nil, e
	}
	m := &Message{Method: "sendDocument", Caption: p.str("caption"), ParseMode: p.str("parse_mode"),
		Plain: f.plain, Entities: f.entities, Document: doc}
	return s.finishSend(p, c, m)
}

// sendLocation implements https://core.telegram.org/bots/api#sendlocation.
func (s *Server) sendLocation(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.target(p)
	if e != nil {
		return nil, e
	}
	lat, err1 := strconv.ParseFloat(p.str("latitude"), 64)
	lon, err2 := strconv.ParseFloat(p.str("longitude"), 64)
	switch {
	case err1 != nil || lat < -90 || lat > 90:
		return nil, badRequest("wrong latitude specified")
	case err2 != nil || lon < -180 || lon > 180:
		return nil, badRequest("wrong longitude specified")
	}
	m := &Message{Method: "sendLocation", Location: &Location{Latitude: lat, Longitude: lon}}
	return s.finishSend(p, c, m)
}

// finishSend applies the shared options and flood control, then stores
// and returns m. Call with s.mu held.
func (s *Server) finishSend(p *params, c *chat, m *Message) (any, *apiError) {
	if e := s.sendOptions(p, c, m); e != nil {
		return nil, e
	}
	if e := s.checkFlood(c); e != nil {
		return nil, e
	}
	s.store(c, m)
	return s.wire(c, m), nil
}

// inputMedia is one element of sendMediaGroup's media array.
type inputMedia struct {
	Type      string `json:"type"`
	Media     string `json:"media"`
	Caption   string `json:"caption"`
	ParseMode string `json:"parse_mode"`
}

// sendMediaGroup implements https://core.telegram.org/bots/api#sendmediagroup
// for photos and documents.
func (s *Server) sendMediaGroup(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.target(p)
	if e != nil {
		return nil, e
	}
	var media []inputMedia
	if err := json.Unmarshal([]byte(p.str("media")), &media); err != nil {
		return nil, badRequest("can't parse media JSON object")
	}
	switch {
	case len(media) < 2:
		return nil, badRequest("wrong number of media items: must include 2-10 items")
	case len(media) > 10:
		return nil, badRequest("too much messages to send as an album")
	}
	if p.has("reply_markup") {
		return nil, badRequest("reply markup can't be used with media groups")
	}
	group := fmt.Sprintf("%d", 14000000000000000+s.nextSeq())
	var msgs []*Message
	for i, im := range media {
		f, e := checkCaption(im.Caption, im.ParseMode)
		if e != nil {
			return nil, e
		}
		m := &Message{Method: "sendMediaGroup", Caption: im.Caption, ParseMode: im.ParseMode,
			Plain: f.plain, Entities: f.entities, MediaGroupID: group}
		one := &params{values: map[string]string{"media": im.Media}, files: p.files}
		switch im.Type {
		case "photo":
			sizes, e := s.photoFromParam(one, "media")
			if e != nil {
				return nil, e
			}
			m.photo, m.PhotoFileID = sizes, sizes[len(sizes)-1].FileID
		case "document":
			doc, e := s.documentFromParam(one, "media")
			if e != nil {
				return nil, e
			}
			m.Document = doc
		default:
			return nil, badRequest("unsupported media type %q in element %d (the fake knows photo and document)", im.Type, i)
		}
		msgs = append(msgs, m)
	}
	if e := s.sendOptions(p, c, &Message{}); e != nil {
		return nil, e
	}
	if e := s.checkFlood(c); e != nil { // an album counts as one message
		return nil, e
	}
	out := make([]tgbotapi.Message, len(msgs))
	for i, m := range msgs {
		_ = s.sendOptions(p, c, m)
		s.store(c, m)
		out[i] = s.wire(c, m).Message
	}
	return out, nil
}
