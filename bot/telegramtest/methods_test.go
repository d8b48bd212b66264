package telegramtest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
)

func newBot(t *testing.T, opts telegramtest.Options) (*telegramtest.Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := telegramtest.New(t, opts)
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return srv, api
}

func sendText(t *testing.T, api *tgbotapi.BotAPI, chatID int64, text string, markup any) tgbotapi.Message {
	t.Helper()
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ReplyMarkup = markup
	m, err := api.Send(msg)
	if err != nil {
		t.Fatalf("send %q: %v", text, err)
	}
	return m
}

// apiErr extracts the Bot API error from err.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *tgbotapi.Error, got %v", err)
	}
	return e
}

func TestSendMessageHTML(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	for _, tc := range []struct {
		name, text, plain, err string
	}{
		{"entities", "<b>Budi</b> &amp; &lt;Sri&gt;", "Budi & <Sri>", ""},
		{"link", `<a href="https://t.me/x">x</a>`, "x", ""},
		{"pre code", `<pre><code class="language-go">x</code></pre>`, "x", ""},
		{"numeric entities", "&#65;&#x42; &quot;ok&quot;", `AB "ok"`, ""},
		{"spoiler span", `<span class="tg-spoiler">rahasia</span>`, "rahasia", ""},
		{"expandable quote", "<blockquote expandable>kutipan</blockquote>", "kutipan", ""},
		{"unknown tag", "<Budi>", "", `Unsupported start tag "budi" at byte offset 0`},
		{"bare ampersand", "a & b", "", "Character '&' at byte offset 2"},
		{"bare less-than", "1 < 2", "", `Unsupported start tag "" at byte offset 2`},
		{"unclosed", "<b>x", "", `Can't find end tag corresponding to start tag "b"`},
		{"misnested", "<b><i>x</b></i>", "", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"span without class", "<span>x</span>", "", `Tag "span" must have class "tg-spoiler"`},
		{"only tags", "<b> </b>", "", "message text is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := tgbotapi.NewMessage(42, tc.text)
			msg.ParseMode = tgbotapi.ModeHTML
			sent, err := api.Send(msg)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				if e := apiErr(t, err); e.Code != 400 {
					t.Errorf("code = %d", e.Code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sent.Text != tc.plain {
				t.Errorf("result text = %q, want %q", sent.Text, tc.plain)
			}
			if m := u.Message(sent.MessageID); m.Plain != tc.plain || m.Text != tc.text || m.ParseMode != "HTML" {
				t.Errorf("recorded %+v", m)
			}
		})
	}
	if e := apiErr(t, func() error {
		msg := tgbotapi.NewMessage(42, "x")
		msg.ParseMode = "html5"
		_, err := api.Send(msg)
		return err
	}()); e.Message != "Bad Request: unsupported parse_mode" {
		t.Errorf("parse_mode: %v", e)
	}
}

// TestSendMessageMarkdownRefused pins that the fake refuses Markdown parse
// modes: PilarBot sends only HTML, and the fake checks only HTML.
func TestSendMessageMarkdownRefused(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	srv.NewUser(42, "Sri")
	for _, mode := range []string{tgbotapi.ModeMarkdownV2, tgbotapi.ModeMarkdown} {
		msg := tgbotapi.NewMessage(42, "*tebal*")
		msg.ParseMode = mode
		_, err := api.Send(msg)
		if err == nil {
			t.Fatalf("%s: sent, want a refusal", mode)
		}
		if e := apiErr(t, err); e.Code != 400 || !strings.HasPrefix(e.Message, "Bad Request: unsupported parse_mode") {
			t.Errorf("%s: %d %q", mode, e.Code, e.Message)
		}
	}
}

func TestTextLimits(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	srv.NewUser(42, "Sri")
	send := func(text, mode string) error {
		msg := tgbotapi.NewMessage(42, text)
		msg.ParseMode = mode
		_, err := api.Send(msg)
		return err
	}
	if err := send(strings.Repeat("a", 4096), ""); err != nil {
		t.Errorf("4096: %v", err)
	}
	if err := send(strings.Repeat("a", 4097), ""); err == nil || apiErr(t, err).Message != "Bad Request: message is too long" {
		t.Errorf("4097: %v", err)
	}
	if err := send("<b>"+strings.Repeat("a", 4096)+"</b>", "HTML"); err != nil {
		t.Errorf("4096 after entities: %v", err)
	}
	if err := send(strings.Repeat("&amp;", 4096), "HTML"); err != nil {
		t.Errorf("4096 entities: %v", err)
	}
	if err := send(strings.Repeat("😀", 2049), ""); err == nil {
		t.Error("2049 emoji are 4098 UTF-16 units and must be refused")
	}
	if err := send("  ", ""); err == nil || apiErr(t, err).Message != "Bad Request: message text is empty" {
		t.Errorf("blank: %v", err)
	}

	photo := tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "a.jpg", Bytes: []byte("jpg")})
	photo.Caption = strings.Repeat("c", 1025)
	if _, err := api.Send(photo); err == nil || apiErr(t, err).Message != "Bad Request: message caption is too long" {
		t.Errorf("caption 1025: %v", err)
	}
}

func TestReplyMarkupValidation(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	row := func(data string) tgbotapi.InlineKeyboardMarkup {
		return tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Ya", data)))
	}
	m := sendText(t, api, 42, "64 bytes", row(strings.Repeat("é", 32)))
	if got := u.Message(m.MessageID).CallbackData("Ya"); len(got) != 64 {
		t.Errorf("callback data = %q", got)
	}
	msg := tgbotapi.NewMessage(42, "65 bytes")
	msg.ReplyMarkup = row(strings.Repeat("x", 65))
	if _, err := api.Send(msg); err == nil || apiErr(t, err).Message != "Bad Request: BUTTON_DATA_INVALID" {
		t.Errorf("65 bytes: %v", err)
	}

	for raw, want := range map[string]string{
		`{"inline_keyboard":[[{"text":"a"}]]}`:                                                      "Text buttons are unallowed",
		`{"inline_keyboard":[[{"text":"","callback_data":"x"}]]}`:                                   "BUTTON_TEXT_INVALID",
		`{"inline_keyboard":[[{"text":"a","url":null}]]}`:                                           `Field "url" must be of type String`,
		`{"keyboard":[[{"text":"a"}]],"input_field_placeholder":"` + strings.Repeat("p", 65) + `"}`: "placeholder",
		`{"inline_keyboard":`: "can't parse reply keyboard markup JSON object",
		`{"foo":1}`:           "can't parse reply keyboard markup JSON object",
	} {
		code, r := call(t, srv, context.Background(), "sendMessage",
			url.Values{"chat_id": {"42"}, "text": {"x"}, "reply_markup": {raw}})
		if code != 400 || !strings.Contains(r.Description, want) {
			t.Errorf("%s: %d %q, want %q", raw, code, r.Description, want)
		}
	}

	kb := tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact("Kirim nomor")))
	m = sendText(t, api, 42, "nomor?", kb)
	got := u.Message(m.MessageID)
	if b, ok := got.KeyboardButton("Kirim nomor"); !ok || !b.RequestContact || got.Keyboard()[0][0] != "Kirim nomor" {
		t.Errorf("keyboard = %v", got.Keyboard())
	}
	m = sendText(t, api, 42, "ok", tgbotapi.NewRemoveKeyboard(true))
	if !u.Message(m.MessageID).RemovesKeyboard() {
		t.Error("RemovesKeyboard = false")
	}
}

func TestEdits(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Ya", "yes")))
	m := sendText(t, api, 42, "<b>Budi</b>", kb)

	edit := tgbotapi.NewEditMessageTextAndMarkup(42, m.MessageID, "<b>Budi</b>", kb)
	notModified := func(what string) {
		t.Helper()
		_, err := api.Send(edit)
		if err == nil || !strings.HasPrefix(apiErr(t, err).Message, "Bad Request: message is not modified: specified new") {
			t.Fatalf("%s: %v", what, err)
		}
	}
	notModified("identical edit")
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := api.Send(edit); err != nil {
		t.Fatalf("HTML bold differs from the literal text, edit must succeed: %v", err)
	}
	notModified("identical HTML edit")
	if _, err := api.Send(tgbotapi.NewEditMessageReplyMarkup(42, m.MessageID,
		tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})); err != nil {
		t.Fatal(err)
	}
	got := u.Message(m.MessageID)
	if got.Edits != 2 || got.Plain != "Budi" || got.Buttons() != nil || len(got.History) != 2 ||
		got.History[0].Plain != "<b>Budi</b>" || got.Entities[0].Type != "bold" {
		t.Errorf("after edits: %+v", got)
	}

	for _, id := range []int{9999, u.SendText("pesan user")} {
		_, err := api.Send(tgbotapi.NewEditMessageText(42, id, "x"))
		if err == nil || !strings.Contains(err.Error(), "message") {
			t.Errorf("edit %d: %v", id, err)
		}
	}
	old := sendText(t, api, 42, "kemarin lusa", nil)
	srv.Advance(49 * time.Hour)
	if _, err := api.Request(tgbotapi.NewDeleteMessage(42, old.MessageID)); err == nil ||
		apiErr(t, err).Message != "Bad Request: message can't be deleted for everyone" {
		t.Errorf("deleting a message older than 48 hours: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewEditMessageText(42, old.MessageID, "diubah")); err != nil {
		t.Errorf("editing an old message: %v", err)
	}
	fresh := sendText(t, api, 42, "baru", nil)
	if fresh.Time().Sub(old.Time()) < 49*time.Hour {
		t.Errorf("a message sent after Advance is dated %v, the one before %v", fresh.Time(), old.Time())
	}
	if _, err := api.Request(tgbotapi.NewDeleteMessage(42, fresh.MessageID)); err != nil {
		t.Errorf("deleting a message just sent: %v", err)
	}
	m = sendText(t, api, 42, "<b>Budi</b>", kb)
	if _, err := api.Request(tgbotapi.NewDeleteMessage(42, m.MessageID)); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Send(tgbotapi.NewEditMessageText(42, m.MessageID, "x")); err == nil ||
		apiErr(t, err).Message != "Bad Request: message to edit not found" {
		t.Errorf("edit deleted: %v", err)
	}
}

func TestChatErrors(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	if _, err := api.Send(tgbotapi.NewMessage(43, "x")); err == nil || apiErr(t, err).Message != "Bad Request: chat not found" {
		t.Errorf("unknown chat: %v", err)
	}
	u.Block()
	_, err := api.Send(tgbotapi.NewMessage(42, "x"))
	if e := apiErr(t, err); e.Code != 403 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Errorf("blocked: %v", e)
	}
	u.Unblock()
	sendText(t, api, 42, "lagi", nil)
	if n := len(u.Messages()); n != 1 {
		t.Errorf("messages = %d", n)
	}
}

func TestFaults(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	srv.NewUser(42, "Sri")
	srv.FailNext("sendMessage", 429, "Too Many Requests: retry after 3", 3)
	_, err := api.Send(tgbotapi.NewMessage(42, "x"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter != 3 {
		t.Errorf("FailNext: %+v", e)
	}
	sendText(t, api, 42, "x", nil)

	srv.FailNextHTML("*")
	resp, err := srv.Client().Post(srv.URL+"/bot"+srv.Token+"/getMe", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(string(body), "<html>") {
		t.Errorf("FailNextHTML: %d %s", resp.StatusCode, body)
	}
	st := srv.Stats()
	if st.TooManyRequests != 1 || st.Methods["sendMessage"].Errors != 1 || srv.Calls("sendMessage") != 2 {
		t.Errorf("stats = %+v", st)
	}
}

func TestFloodLimits(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{EnforceLimits: true})
	srv.NewUser(42, "Sri")
	for i := range 3 {
		sendText(t, api, 42, "burst", nil)
		_ = i
	}
	_, err := api.Send(tgbotapi.NewMessage(42, "too fast"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter < 1 || !strings.HasPrefix(e.Message, "Too Many Requests: retry after ") {
		t.Fatalf("4th message: %+v", e)
	}
	time.Sleep(1100 * time.Millisecond)
	sendText(t, api, 42, "after retry_after", nil)

	srv.SetLimits(telegramtest.Limits{PerGroupPerMinute: 2})
	srv.NewGroup(-100, "Relawan")
	sendText(t, api, -100, "1", nil)
	sendText(t, api, -100, "2", nil)
	if _, err := api.Send(tgbotapi.NewMessage(-100, "3")); err == nil || apiErr(t, err).RetryAfter < 1 {
		t.Errorf("group limit: %v", err)
	}
	if st := srv.Stats(); st.TooManyRequests != 2 {
		t.Errorf("429s = %d", st.TooManyRequests)
	}
}

func TestCallbacks(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Setuju", "ok:1")))
	sendText(t, api, 42, "setuju?", kb)
	m := u.WaitNext()
	_, q := u.Press(m, m.CallbackData("Setuju"))
	if got := srv.UnansweredCallbacks(); len(got) != 1 || got[0] != q {
		t.Errorf("unanswered = %v", got)
	}
	if _, err := api.Request(tgbotapi.NewCallback(q, "Tersimpan")); err != nil {
		t.Fatal(err)
	}
	if a := srv.WaitCallbackAnswered(q); a.Text != "Tersimpan" || !srv.CallbackAnswered(q) {
		t.Errorf("answer = %+v", a)
	}
	_, err := api.Request(tgbotapi.NewCallback(q, "again"))
	if err == nil || !strings.Contains(err.Error(), "query is too old") {
		t.Errorf("second answer: %v", err)
	}
	_, forged := u.PressForged(m.ID, "admin:approve")
	srv.ExpireCallback(forged)
	if _, err := api.Request(tgbotapi.NewCallback(forged, "")); err == nil {
		t.Error("expired query answered")
	}
	if _, err := api.Request(tgbotapi.NewCallback("123", "")); err == nil {
		t.Error("unknown query answered")
	}
}

func TestFilesAndMedia(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	coord := srv.NewUser(43, "Koordinator")

	doc := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "laporan.csv", Bytes: []byte("a,b\n1,2\n")})
	doc.Caption = "<i>Laporan</i>"
	doc.ParseMode = tgbotapi.ModeHTML
	sent, err := api.Send(doc)
	if err != nil {
		t.Fatal(err)
	}
	got := u.WaitNext()
	if got.Document == nil || got.Document.Name != "laporan.csv" || string(got.Document.Data) != "a,b\n1,2\n" || got.Plain != "Laporan" {
		t.Errorf("document = %+v", got)
	}
	if sent.Document == nil || sent.Document.FileName != "laporan.csv" {
		t.Errorf("result = %+v", sent)
	}

	// A user's photo can be fetched and forwarded by file_id.
	u.SendPhotoWithID("uniq-1", "bukti")
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatal(err)
	}
	largest := ups[0].Message.Photo[2]
	if largest.FileUniqueID != "uniq-1" {
		t.Errorf("unique id = %q", largest.FileUniqueID)
	}
	url, err := api.GetFileDirectURL(largest.FileID)
	if err != nil || !strings.Contains(url, "photos/") {
		t.Fatalf("getFile: %q %v", url, err)
	}
	resp, err := srv.Client().Get(strings.Replace(url, "https://api.telegram.org", srv.URL, 1))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("download: %v %v", resp, err)
	}
	resp.Body.Close()

	if _, err := api.Send(tgbotapi.NewPhoto(43, tgbotapi.FileID(largest.FileID))); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Send(tgbotapi.NewPhoto(43, tgbotapi.FileID("nope"))); err == nil {
		t.Error("unknown file_id accepted")
	}
	if _, err := api.Request(tgbotapi.NewCopyMessage(43, 42, ups[0].Message.MessageID)); err != nil {
		t.Fatal(err)
	}
	album := tgbotapi.NewMediaGroup(43, []any{
		tgbotapi.NewInputMediaPhoto(tgbotapi.FileBytes{Name: "1.jpg", Bytes: []byte("1")}),
		tgbotapi.NewInputMediaPhoto(tgbotapi.FileID(largest.FileID)),
	})
	msgs, err := api.SendMediaGroup(album)
	if err != nil || len(msgs) != 2 || msgs[0].MediaGroupID == "" || msgs[0].MediaGroupID != msgs[1].MediaGroupID {
		t.Fatalf("album: %v %+v", err, msgs)
	}
	if _, err := api.Send(tgbotapi.NewLocation(43, -7.64, 112.9)); err != nil {
		t.Fatal(err)
	}
	all := coord.WaitMessages(5)
	if all[0].PhotoFileID != largest.FileID || all[1].Method != "copyMessage" || all[1].Plain != "bukti" ||
		all[4].Location == nil {
		t.Errorf("coordinator chat: %v", all)
	}
}

func TestCommandsAndActions(t *testing.T) {
	srv, api := newBot(t, telegramtest.Options{})
	srv.NewUser(42, "Sri")
	cmds := []tgbotapi.BotCommand{{Command: "start", Description: "Mulai"}, {Command: "batal", Description: "Batalkan"}}
	if _, err := api.Request(tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeAllPrivateChats(), cmds...)); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Request(tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(42), cmds[:1]...)); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands("all_private_chats"); len(got) != 2 || got[1].Command != "batal" {
		t.Errorf("all_private_chats = %v", got)
	}
	if got := srv.Commands("chat:42"); len(got) != 1 {
		t.Errorf("chat:42 = %v", got)
	}
	if got := srv.Commands("default"); got != nil {
		t.Errorf("default = %v", got)
	}
	if _, err := api.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "Start!", Description: "x"})); err == nil {
		t.Error("invalid command accepted")
	}
	if _, err := api.Request(tgbotapi.NewDeleteMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(42))); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands("chat:42"); got != nil {
		t.Errorf("after delete: %v", got)
	}
	if _, err := api.Request(tgbotapi.NewChatAction(42, tgbotapi.ChatTyping)); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Request(tgbotapi.NewChatAction(42, "dancing")); err == nil {
		t.Error("bad action accepted")
	}
}

func TestJSONBody(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	body := `{"chat_id":42,"text":"<b>hai</b>","parse_mode":"HTML",
		"reply_markup":{"inline_keyboard":[[{"text":"Buka","url":"https://t.me/x"}]]}}`
	resp, err := srv.Client().Post(srv.URL+"/bot"+srv.Token+"/sendMessage", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if m := u.WaitNext(); m.Plain != "hai" || m.ButtonURL("Buka") != "https://t.me/x" {
		t.Errorf("message = %+v", m)
	}
}
