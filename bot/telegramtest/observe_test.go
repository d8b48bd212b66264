package telegramtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
)

func TestSnapshotShowsBothSidesInOrder(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	u.SendText("halo <b>")
	msg := tgbotapi.NewMessage(42, "Selamat <b>datang</b>")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Daftar", "reg")))
	if _, err := api.Send(msg); err != nil {
		t.Fatal(err)
	}
	u.SendContact("6281234567890", true)
	u.SendPhotoData([]byte("\x89PNG\r\n\x1a\nrest"), "bukti")

	snap, ok := srv.Snapshot(42)
	if !ok || len(snap.Messages) != 4 {
		t.Fatalf("Snapshot = %+v, %v; want 4 messages", snap, ok)
	}
	m := snap.Messages
	switch {
	case m[0].FromBot || m[0].Text != "halo <b>":
		t.Errorf("first = %+v, want the user's text as typed", m[0])
	case !m[1].FromBot || m[1].Text != "Selamat datang" || len(m[1].Entities) != 1 || m[1].Buttons[0][0].Data != "reg":
		t.Errorf("second = %+v, want the bot's text with its bold entity and button", m[1])
	case m[2].Contact != "6281234567890":
		t.Errorf("third = %+v, want the contact", m[2])
	case m[3].PhotoFileID == "" || m[3].Text != "bukti":
		t.Errorf("fourth = %+v, want the photo with its caption", m[3])
	}
	if _, data, ok := srv.FileData(m[3].PhotoFileID); !ok || string(data[:4]) != "\x89PNG" {
		t.Errorf("FileData of the uploaded photo = %q, %v", data, ok)
	}
	if _, ok := srv.Snapshot(7); ok {
		t.Error("Snapshot of an unknown chat reports true")
	}
}

func TestSnapshotReplyKeyboard(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	kb := tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact("📱 Bagikan nomor")))
	kb.OneTimeKeyboard = true
	sendText(t, api, 42, "Nomor HP?", kb)
	snap, _ := srv.Snapshot(42)
	if snap.Keyboard == nil || !snap.Keyboard.Rows[0][0].RequestContact || snap.Keyboard.Collapsed {
		t.Fatalf("keyboard = %+v, want the open contact button", snap.Keyboard)
	}
	sendText(t, api, 42, "Tanpa tombol", nil) // a message without markup keeps it
	u.SendContact("6281234567890", true)
	if snap, _ = srv.Snapshot(42); snap.Keyboard == nil || !snap.Keyboard.Collapsed {
		t.Errorf("keyboard after use = %+v, want it folded (one-time)", snap.Keyboard)
	}
	sendText(t, api, 42, "Terima kasih", tgbotapi.NewRemoveKeyboard(false))
	if snap, _ = srv.Snapshot(42); snap.Keyboard != nil {
		t.Errorf("keyboard after remove_keyboard = %+v, want none", snap.Keyboard)
	}
}

func TestSnapshotMenuChatScopeBeatsDefault(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	srv.NewUser(42, "Sri")
	srv.NewUser(43, "Budi")
	set := func(scope tgbotapi.BotCommandScope, cmds ...tgbotapi.BotCommand) {
		if _, err := api.Request(tgbotapi.NewSetMyCommandsWithScope(scope, cmds...)); err != nil {
			t.Fatal(err)
		}
	}
	set(tgbotapi.NewBotCommandScopeDefault(), tgbotapi.BotCommand{Command: "start", Description: "Mulai"})
	set(tgbotapi.NewBotCommandScopeChat(42), tgbotapi.BotCommand{Command: "verifikasi", Description: "Verifikasi"})
	if s, _ := srv.Snapshot(42); len(s.Commands) != 1 || s.Commands[0].Command != "verifikasi" {
		t.Errorf("menu of chat 42 = %v, want its own scope", s.Commands)
	}
	if s, _ := srv.Snapshot(43); len(s.Commands) != 1 || s.Commands[0].Command != "start" {
		t.Errorf("menu of chat 43 = %v, want the default", s.Commands)
	}
}

func TestTryPressAndAwaitAnswer(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	m := sendText(t, api, 42, "Pilih", tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Ya", "yes"))))
	if _, _, err := u.TryPress(m.MessageID, "no"); !errors.Is(err, telegramtest.ErrNoButton) {
		t.Errorf("TryPress of a missing button = %v, want ErrNoButton", err)
	}
	_, qid, err := u.TryPress(m.MessageID, "yes")
	if err != nil {
		t.Fatal(err)
	}
	// As Telegram does, the press carries the message with its buttons:
	// the bot edits only a message that shows inline buttons.
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("updates = %+v, %v; want the press", ups, err)
	}
	if rm := ups[0].CallbackQuery.Message.ReplyMarkup; rm == nil || len(rm.InlineKeyboard) != 1 || rm.InlineKeyboard[0][0].Text != "Ya" {
		t.Errorf("pressed message's reply_markup = %+v, want the Ya button", rm)
	}
	go func() {
		time.Sleep(20 * time.Millisecond)
		_, _ = api.Request(tgbotapi.NewCallback(qid, "Tersimpan."))
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if a, ok := srv.AwaitCallbackAnswer(ctx, qid); !ok || a.Text != "Tersimpan." {
		t.Errorf("AwaitCallbackAnswer = %+v, %v", a, ok)
	}
}

func TestAddPhotoCanBeSentAgain(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	const id = "AgACAgUAAxkBAAIDemoFoto01"
	if err := srv.AddPhoto(id, []byte("jpeg")); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddPhoto(id, []byte("jpeg")); err == nil {
		t.Error("AddPhoto accepted the same file_id twice")
	}
	if _, err := api.Send(tgbotapi.NewPhoto(42, tgbotapi.FileID(id))); err != nil {
		t.Fatalf("sendPhoto with the added file_id: %v", err)
	}
	if got := u.Last().PhotoFileID; got != id {
		t.Errorf("photo sent = %q, want %q", got, id)
	}
}
