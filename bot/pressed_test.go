package bot

import (
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestPressed(t *testing.T) {
	card := func() *tgbotapi.Message {
		kb := tgbotapi.NewInlineKeyboardMarkup(
			tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Setujui", "rv:ok:15"),
				tgbotapi.NewInlineKeyboardButtonData("Tolak", "rv:no:15")),
			tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Peta", "https://example.org")))
		return &tgbotapi.Message{MessageID: 7, Chat: &tgbotapi.Chat{ID: 1}, ReplyMarkup: &kb}
	}
	for _, tc := range []struct {
		name string
		q    *tgbotapi.CallbackQuery
		want bool
	}{
		{"a button of the message", &tgbotapi.CallbackQuery{Message: card(), Data: "rv:no:15"}, true},
		{"another report's data", &tgbotapi.CallbackQuery{Message: card(), Data: "rv:no:5"}, false},
		{"the same id spelled otherwise", &tgbotapi.CallbackQuery{Message: card(), Data: "rv:no:015"}, false},
		{"an action the message lacks", &tgbotapi.CallbackQuery{Message: card(), Data: "rv:fix:15"}, false},
		{"a message without buttons", &tgbotapi.CallbackQuery{Message: &tgbotapi.Message{MessageID: 7,
			Chat: &tgbotapi.Chat{ID: 1}}, Data: "rv:no:15"}, false},
		{"no message (an inline one)", &tgbotapi.CallbackQuery{Data: "rv:no:15"}, false},
		{"no query", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Pressed(tc.q); got != tc.want {
				t.Errorf("Pressed = %v, want %v", got, tc.want)
			}
		})
	}
}
