package telegramtest_test

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
)

// The limits count UTF-16 code units after entity parsing in every method
// that carries a text or a caption, and every edit that changes nothing
// is refused; each refusal is recorded, injected faults are not.
func TestLimitsAndNotModifiedAreRefusedAndRecorded(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	emoji := func(n int) string { return "<b>" + strings.Repeat("😀", n) + "</b>" }
	refusedWith := func(what string, c tgbotapi.Chattable, want string) {
		t.Helper()
		if _, err := api.Request(c); err == nil || !strings.Contains(apiErr(t, err).Message, want) {
			t.Errorf("%s: %v, want %q", what, err, want)
		}
	}
	accepted := func(what string, c tgbotapi.Chattable) {
		t.Helper()
		if _, err := api.Request(c); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	html := func(c tgbotapi.MessageConfig) tgbotapi.MessageConfig { c.ParseMode = tgbotapi.ModeHTML; return c }
	photo := func(caption string) tgbotapi.PhotoConfig {
		p := tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "a.jpg", Bytes: []byte("jpg")})
		p.Caption, p.ParseMode = caption, tgbotapi.ModeHTML
		return p
	}
	accepted("2048 emoji", html(tgbotapi.NewMessage(42, emoji(2048))))
	refusedWith("2049 emoji", html(tgbotapi.NewMessage(42, emoji(2049))), "message is too long")
	accepted("512 emoji caption", photo(emoji(512)))
	refusedWith("513 emoji caption", photo(emoji(513)), "message caption is too long")

	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Simpan", "s")))
	text := sendText(t, api, 42, "ringkasan", kb)
	edit := tgbotapi.NewEditMessageText(42, text.MessageID, emoji(2049))
	edit.ParseMode = tgbotapi.ModeHTML
	refusedWith("edit text to 2049 emoji", edit, "message is too long")
	p := photo("foto")
	p.ReplyMarkup = kb
	pm, err := api.Send(p)
	if err != nil {
		t.Fatal(err)
	}
	capEdit := tgbotapi.NewEditMessageCaption(42, pm.MessageID, emoji(513))
	capEdit.ParseMode = tgbotapi.ModeHTML
	refusedWith("edit caption to 513 emoji", capEdit, "message caption is too long")
	capEdit = tgbotapi.NewEditMessageCaption(42, pm.MessageID, "foto")
	capEdit.ReplyMarkup = &kb
	refusedWith("edit caption to the same", capEdit, "message is not modified")

	remove := tgbotapi.NewEditMessageReplyMarkup(42, text.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	accepted("removing buttons", remove)
	refusedWith("removing removed buttons", remove, "message is not modified")
	refusedWith("same buttons again", tgbotapi.NewEditMessageReplyMarkup(42, pm.MessageID, kb), "message is not modified")
	keyboard := tgbotapi.NewMessage(42, "nomor?")
	keyboard.ReplyMarkup = tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact("Kirim nomor")))
	km, err := api.Send(keyboard)
	if err != nil {
		t.Fatal(err)
	}
	refusedWith("removing inline buttons of a message with a reply keyboard",
		tgbotapi.NewEditMessageReplyMarkup(42, km.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}),
		"message is not modified")
	refusedWith("editing the text of a message with a reply keyboard",
		tgbotapi.NewEditMessageText(42, km.MessageID, "nomor HP?"), "message can't be edited")
	removal := tgbotapi.NewMessage(42, "terima kasih")
	removal.ReplyMarkup = tgbotapi.NewRemoveKeyboard(false)
	rm, err := api.Send(removal)
	if err != nil {
		t.Fatal(err)
	}
	refusedWith("adding buttons to a message that removed the keyboard",
		tgbotapi.NewEditMessageReplyMarkup(42, rm.MessageID, kb), "message can't be edited")

	srv.FailNext("sendMessage", 400, "Bad Request: injected", 0)
	refusedWith("an injected fault", tgbotapi.NewMessage(42, "x"), "injected")
	u.Block()
	refusedWith("a blocked user", tgbotapi.NewMessage(42, "x"), "blocked")

	refused, total := srv.Refused()
	var got []string
	for _, r := range refused {
		what := "not modified"
		switch {
		case strings.Contains(r.Description, "too long"):
			what = "too long"
		case strings.Contains(r.Description, "can't be edited"):
			what = "can't be edited"
		}
		got = append(got, r.Method+": "+what)
	}
	want := []string{
		"sendMessage: too long", "sendPhoto: too long", "editMessageText: too long", "editMessageCaption: too long",
		"editMessageCaption: not modified", "editMessageReplyMarkup: not modified",
		"editMessageReplyMarkup: not modified", "editMessageReplyMarkup: not modified",
		"editMessageText: can't be edited", "editMessageReplyMarkup: can't be edited",
	}
	if total != len(want) || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("refused (%d):\n%s\nwant:\n%s", total, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if refused[0].ChatID != "42" || !strings.Contains(refused[0].String(), "(chat_id 42)") {
		t.Errorf("refusal = %+v", refused[0])
	}
}
