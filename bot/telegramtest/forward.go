package telegramtest

import (
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

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
