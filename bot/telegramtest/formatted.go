package telegramtest

import tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
