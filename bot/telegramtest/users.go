package telegramtest

import (
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// User is a simulated Telegram user with a private chat with the bot; the
// chat id equals the user id, as on Telegram. Set Username, LastName and
// LanguageCode before the user sends anything.
type User struct {
	chatView
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// NewUser creates a user who has a private chat with the bot.
func (s *Server) NewUser(id int64, firstName string) *User {
	s.tb.Helper()
	if id <= 0 {
		s.tb.Fatalf("telegramtest: user id %d must be positive", id)
	}
	s.addChat(tgbotapi.Chat{ID: id, Type: "private", FirstName: firstName})
	return &User{chatView: chatView{srv: s, chatID: id}, ID: id, FirstName: firstName, LanguageCode: "id"}
}

func (u *User) apiUser() *tgbotapi.User {
	return &tgbotapi.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, UserName: u.Username, LanguageCode: u.LanguageCode}
}

// post records a message from a user in a chat and queues its update. It
// returns the update_id and the message id.
func (s *Server) post(chatID int64, from *User, fill func(*tgbotapi.Message)) (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c.info.Type == "private" {
		// Refresh the chat from the user's fields, which tests may set.
		c.info.FirstName, c.info.LastName, c.info.UserName = from.FirstName, from.LastName, from.Username
	}
	info := c.info
	m := &tgbotapi.Message{
		MessageID: c.newMessageID(),
		From:      from.apiUser(),
		Date:      int(time.Now().Unix()),
		Chat:      &info,
	}
	fill(m)
	c.userMsgs[m.MessageID] = m
	id := s.enqueueLocked(tgbotapi.Update{Message: m})
	return id, m.MessageID
}

// commandEntities marks a leading /command (optionally /command@bot) as a
// bot_command entity, like Telegram.
func commandEntities(text string) []tgbotapi.MessageEntity {
	if !strings.HasPrefix(text, "/") || len(text) < 2 {
		return nil
	}
	end := strings.IndexFunc(text, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' })
	if end < 0 {
		end = len(text)
	}
	return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: utf16Len(text[:end])}}
}

// SendText sends text to the bot and returns the update_id.
func (u *User) SendText(text string) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Text = text
		m.Entities = commandEntities(text)
	})
	return id
}

// SendFormatted sends text with the entities a Telegram app attaches when
// the user formats it (bold, italic, text_link ...; offsets in UTF-16 code
// units), and returns the update_id.
func (u *User) SendFormatted(text string, entities []tgbotapi.MessageEntity) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Text = text
		m.Entities = entities
	})
	return id
}

// SendCommand is SendText for commands like "/start", for readability.
func (u *User) SendCommand(command string) int { return u.SendText(command) }

// SendPhoto sends a photo in three sizes, largest last, with fresh file ids.
func (u *User) SendPhoto(caption string) int {
	return u.SendPhotoWithID("", caption)
}

// SendPhotoWithID sends a photo whose largest size has the given
// file_unique_id, so tests can send the same picture twice. An empty
// uniqueID picks a fresh one.
func (u *User) SendPhotoWithID(uniqueID, caption string) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Photo = u.srv.newPhoto(uniqueID)
		m.Caption = caption
	})
	return id
}

// SendPhotoFormatted sends a photo whose caption carries entities, and
// returns the update_id.
func (u *User) SendPhotoFormatted(caption string, entities []tgbotapi.MessageEntity) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Photo = u.srv.newPhoto("")
		m.Caption = caption
		m.CaptionEntities = entities
	})
	return id
}

// SendAlbum sends n photos as one album: n updates sharing a
// media_group_id. It returns their update ids.
func (u *User) SendAlbum(n int) []int {
	u.srv.mu.Lock()
	group := fmt.Sprintf("%d", 13000000000000000+u.srv.nextSeq())
	u.srv.mu.Unlock()
	ids := make([]int, n)
	for i := range ids {
		ids[i], _ = u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
			m.Photo = u.srv.newPhoto("")
			m.MediaGroupID = group
		})
	}
	return ids
}

// SendForwardFrom forwards to the bot a text message that origin wrote, as
// Telegram does when origin allows linking to their account in forwards:
// the message carries forward_from and forward_date.
// https://core.telegram.org/bots/api#message
func (u *User) SendForwardFrom(origin *User, text string) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Text = text
		m.ForwardFrom = origin.apiUser()
		m.ForwardDate = int(time.Now().Add(-time.Hour).Unix())
	})
	return id
}

// SendForwardHidden forwards a message from a user who hides their account
// in forwards (privacy setting "Forwarded messages: Nobody"): Telegram
// gives only forward_sender_name and forward_date, no forward_from.
func (u *User) SendForwardHidden(senderName, text string) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Text = text
		m.ForwardSenderName = senderName
		m.ForwardDate = int(time.Now().Add(-time.Hour).Unix())
	})
	return id
}

// SendContact shares a contact. With own, contact.user_id is the user's
// id, as when the user presses a request_contact button.
func (u *User) SendContact(phone string, own bool) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Contact = &tgbotapi.Contact{PhoneNumber: phone, FirstName: u.FirstName, LastName: u.LastName}
		if own {
			m.Contact.UserID = u.ID
		}
	})
	return id
}

// SendLocation shares a location.
func (u *User) SendLocation(lat, lon float64) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Location = &tgbotapi.Location{Latitude: lat, Longitude: lon}
	})
	return id
}

// SendSticker sends a sticker, an input most bots must refuse politely.
func (u *User) SendSticker() int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		f := u.srv.addFile("stickers", "sticker.webp", []byte("RIFF\x00\x00\x00\x00WEBP"))
		m.Sticker = &tgbotapi.Sticker{FileID: f.id, FileUniqueID: f.uniqueID, Width: 512, Height: 512, Emoji: "👍"}
	})
	return id
}

// Block makes every later send to this user fail with 403 "Forbidden: bot
// was blocked by the user".
func (u *User) Block() { u.setBlocked(true) }

// Unblock undoes Block, as when the user presses Restart.
func (u *User) Unblock() { u.setBlocked(false) }

func (u *User) setBlocked(b bool) {
	u.srv.mu.Lock()
	defer u.srv.mu.Unlock()
	u.srv.chats[u.ID].blocked = b
}
