package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
)

// newStrictClient is a client of the strict fake Bot API, which refuses
// what Telegram refuses; every test checks that nothing was refused.
func newStrictClient(t *testing.T) (*Client, *telegramtest.Server, *telegramtest.User) {
	t.Helper()
	srv := telegramtest.New(t, telegramtest.Options{})
	c, err := NewClient(context.Background(), ClientConfig{Token: srv.Token, Endpoint: srv.Endpoint(),
		HTTPClient: srv.Client(), Limits: Limits{Global: 1000, PerChat: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	u := srv.NewUser(77, "Sri")
	t.Cleanup(func() {
		if refused, _ := srv.Refused(); len(refused) > 0 {
			t.Errorf("the fake refused %v", refused)
		}
	})
	return c, srv, u
}

func buttons(data ...string) tgbotapi.InlineKeyboardMarkup {
	var row []tgbotapi.InlineKeyboardButton
	for _, d := range data {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(d, d))
	}
	return tgbotapi.NewInlineKeyboardMarkup(row)
}

// longList is a list of n lines of about 150 UTF-16 units, with markup
// and entities, as an attendance list is.
func longList(n int) string {
	var b strings.Builder
	b.WriteString("<b>Daftar hadir: Bimbingan teknis</b>\n")
	for i := range n {
		fmt.Fprintf(&b, "\n%d. <b>Sri Wahyuni &amp; Putri %s</b> (PSM, Bugul Kidul) – ✅ check-in 08.1%d", i+1, strings.Repeat("😀", 40), i%10)
	}
	return b.String()
}

func TestSendSplitsALongTextAtLines(t *testing.T) {
	c, _, u := newStrictClient(t)
	text := longList(60)
	msg := tgbotapi.NewMessage(77, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = buttons("ok")
	last, err := c.Send(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}
	got := u.Messages()
	if len(got) < 3 {
		t.Fatalf("%d messages, want the list in several", len(got))
	}
	var all strings.Builder
	for i, m := range got {
		all.WriteString(m.Plain + "\n")
		if (m.Buttons() != nil) != (i == len(got)-1) {
			t.Errorf("message %d buttons = %v; only the last carries them", i, m.Buttons())
		}
	}
	for i := range 60 {
		if line := fmt.Sprintf("\n%d. Sri Wahyuni & Putri ", i+1); !strings.Contains(all.String(), line) {
			t.Fatalf("line %d is missing", i+1)
		}
	}
	if last.MessageID != got[len(got)-1].ID {
		t.Errorf("Send returned message %d, want the last one %d", last.MessageID, got[len(got)-1].ID)
	}
}

func TestSendPhotoWithALongCaptionSendsTheTextApart(t *testing.T) {
	c, _, u := newStrictClient(t)
	caption := "📋 <b>Laporan baru LAP-2024-0001</b>\nUraian:\n" + strings.Repeat("🌊", 600)
	p := tgbotapi.NewPhoto(77, tgbotapi.FileBytes{Name: "a.jpg", Bytes: []byte("jpg")})
	p.Caption, p.ParseMode, p.ReplyMarkup = caption, tgbotapi.ModeHTML, buttons("Setujui", "Tolak")
	if _, err := c.Send(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	got := u.Messages()
	if len(got) != 2 {
		t.Fatalf("messages = %v", got)
	}
	photo, text := got[0], got[1]
	if photo.Plain != "📋 Laporan baru LAP-2024-0001" || photo.Buttons() != nil {
		t.Errorf("photo = %s", photo)
	}
	if text.Plain != "📋 Laporan baru LAP-2024-0001\nUraian:\n"+strings.Repeat("🌊", 600) ||
		text.ReplyToMessageID != photo.ID || fmt.Sprint(text.Buttons()) != "[[Setujui Tolak]]" {
		t.Errorf("follow-up = %s, reply to %d", text, text.ReplyToMessageID)
	}
}

func TestRequestCutsWhatCannotBeSplit(t *testing.T) {
	c, srv, u := newStrictClient(t)
	ctx := context.Background()
	m, err := c.Send(ctx, tgbotapi.NewMessage(77, "halaman 1"))
	if err != nil {
		t.Fatal(err)
	}
	edit := tgbotapi.NewEditMessageText(77, m.MessageID, "<b>"+strings.Repeat("😀 ", 2000)+"</b>")
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := c.Request(ctx, edit); err != nil {
		t.Fatal(err)
	}
	if got := u.Message(m.MessageID).Plain; !strings.HasSuffix(got, "😀…") {
		t.Errorf("edited text ends %q", got[len(got)-20:])
	}

	withButton := tgbotapi.NewMessage(77, "pilih")
	withButton.ReplyMarkup = buttons("ya")
	pm, err := c.Send(ctx, withButton)
	if err != nil {
		t.Fatal(err)
	}
	_, q := u.Press(u.Message(pm.MessageID), "ya")
	if _, err := c.Request(ctx, tgbotapi.NewCallback(q, strings.Repeat("Mohon tunggu. ", 30))); err != nil {
		t.Fatal(err)
	}
	if a := srv.WaitCallbackAnswered(q); len([]rune(a.Text)) > 200 || !strings.HasSuffix(a.Text, "…") {
		t.Errorf("callback answer = %q", a.Text)
	}
}

// An edit that leaves a message as it is gets Telegram's "message is not
// modified" without a call: a Simpan pressed twice removes the buttons
// once, a page pressed twice is edited once.
func TestEditThatChangesNothingIsNotSent(t *testing.T) {
	c, srv, u := newStrictClient(t)
	ctx := context.Background()
	msg := tgbotapi.NewMessage(77, "Periksa data: <b>Sri</b>")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = buttons("Simpan", "Batal")
	m, err := c.Send(ctx, msg)
	if err != nil {
		t.Fatal(err)
	}
	remove := tgbotapi.NewEditMessageReplyMarkup(77, m.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
	for i := range 2 {
		_, err := c.Request(ctx, remove)
		if (i == 0) != (err == nil) || (i == 1 && !IsNotModified(err)) {
			t.Fatalf("removal %d: %v", i+1, err)
		}
	}
	if n := srv.Calls("editMessageReplyMarkup"); n != 1 || u.Message(m.MessageID).Buttons() != nil {
		t.Errorf("%d removals sent, buttons %v", n, u.Message(m.MessageID).Buttons())
	}

	same := tgbotapi.NewEditMessageText(77, m.MessageID, "Periksa data: <strong>Sri</strong>")
	same.ParseMode = tgbotapi.ModeHTML
	if _, err := c.Request(ctx, same); !IsNotModified(err) {
		t.Fatalf("an edit to the same rendering: %v", err)
	}
	page := tgbotapi.NewEditMessageTextAndMarkup(77, m.MessageID, "halaman 2", buttons("« Sebelumnya"))
	for i := range 2 {
		if _, err := c.Request(ctx, page); (i == 0) != (err == nil) {
			t.Fatalf("page edit %d: %v", i+1, err)
		}
	}
	if n := srv.Calls("editMessageText"); n != 1 {
		t.Errorf("%d text edits sent, want 1", n)
	}
}

// A raw call (a broadcast) makes one message, so a text over the limit is
// cut rather than refused.
func TestCallCutsALongText(t *testing.T) {
	c, _, u := newStrictClient(t)
	params := tgbotapi.Params{"chat_id": "77", "parse_mode": tgbotapi.ModeHTML, "text": "<b>" + strings.Repeat("📢", 2100) + "</b>"}
	if _, err := c.Call(context.Background(), "sendMessage", 77, params); err != nil {
		t.Fatal(err)
	}
	if got := u.Last().Plain; !strings.HasSuffix(got, "📢…") {
		t.Errorf("broadcast ends %q", got[len(got)-12:])
	}
}
