package bot

import (
	"encoding/json"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestInlineMarkup: a message's keyboard is remembered in one form
// whatever type carries it, only inline keyboards count, and keyboards
// that differ in anything are remembered apart.
func TestInlineMarkup(t *testing.T) {
	kb := buttons("✅ Simpan", "Batal")
	asJSON := func(v any) json.RawMessage {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	var asMap any
	if err := json.Unmarshal(asJSON(kb), &asMap); err != nil {
		t.Fatal(err)
	}
	want := inlineMarkup(kb)
	if want == "" {
		t.Fatal("an inline keyboard is remembered as none")
	}
	for _, tc := range []struct {
		name   string
		markup any
	}{
		{"a pointer", &kb},
		{"its JSON", asJSON(kb)},
		{"a map", asMap},
	} {
		if got := inlineMarkup(tc.markup); got != want {
			t.Errorf("%s: %q, want %q", tc.name, got, want)
		}
	}

	for _, tc := range []struct {
		name   string
		markup any
	}{
		{"nil", nil},
		{"a nil pointer", (*tgbotapi.InlineKeyboardMarkup)(nil)},
		{"an empty keyboard", tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}},
		{"a reply keyboard", tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton("PSM")))},
		{"a reply keyboard's pointer", &tgbotapi.ReplyKeyboardMarkup{Keyboard: [][]tgbotapi.KeyboardButton{{{Text: "PSM"}}}}},
		{"a keyboard removal", tgbotapi.NewRemoveKeyboard(true)},
		{"a forced reply", tgbotapi.ForceReply{ForceReply: true}},
		{"a reply keyboard as JSON", json.RawMessage(`{"keyboard":[[{"text":"PSM"}]],"resize_keyboard":true}`)},
		{"not JSON", json.RawMessage(`{`)},
	} {
		if got := inlineMarkup(tc.markup); got != "" {
			t.Errorf("%s: remembered as %q, want none", tc.name, got)
		}
	}

	seen := map[string]string{want: "the keyboard"}
	url := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("✅ Simpan", "https://example.org")))
	unknown := json.RawMessage(strings.Replace(string(asJSON(kb)), `"text"`, `"copy_text":{"text":"x"},"text"`, 1))
	for _, tc := range []struct {
		name   string
		markup any
	}{
		{"another label", buttons("✅ Simpan", "Batalkan")},
		{"another order", buttons("Batal", "✅ Simpan")},
		{"two rows", tgbotapi.NewInlineKeyboardMarkup(buttons("✅ Simpan").InlineKeyboard[0], buttons("Batal").InlineKeyboard[0])},
		{"a link instead of data", url},
		{"a field the library lacks", unknown},
	} {
		got := inlineMarkup(tc.markup)
		if other, ok := seen[got]; ok || got == "" {
			t.Errorf("%s: remembered as %q, like %s", tc.name, got, other)
		}
		seen[got] = tc.name
	}
}

// TestTextView: the remembered content is the rendering, so markup
// spelled otherwise is the same content and text and caption are not.
func TestTextView(t *testing.T) {
	a := textView("t", "Periksa data: <b>Sri</b>", tgbotapi.ModeHTML, nil)
	if a == "" || a != textView("t", " Periksa data: <strong>Sri</strong>\n", tgbotapi.ModeHTML, nil) {
		t.Error("the same rendering is remembered apart")
	}
	for name, other := range map[string]string{
		"a caption":    textView("c", "Periksa data: <b>Sri</b>", tgbotapi.ModeHTML, nil),
		"plain text":   textView("t", "Periksa data: <b>Sri</b>", "", nil),
		"another text": textView("t", "Periksa data: <b>Sr</b>", tgbotapi.ModeHTML, nil),
	} {
		if other == a {
			t.Errorf("%s is remembered as the same content", name)
		}
	}
	if v := textView("t", "x", "", []tgbotapi.MessageEntity{{Type: "bold", Length: 1}}); v != "" {
		t.Errorf("a text with explicit entities is remembered as %q, want unknown", v)
	}
}

// BenchmarkIntentOf is what reading a request costs on every send: the
// summary of /daftar, with its two buttons.
func BenchmarkIntentOf(b *testing.B) {
	text := "<b>Periksa data Anda</b>\n\nNama: <b>Relawan Beban ABC</b>\nPilar: <b>PSM</b>\n" +
		"Kecamatan: <b>Panggungrejo</b>\nKelurahan: <b>Mayangan</b>\nHP: <b>+6281234567890</b>\nNIK: <b>3574011234560001</b>"
	msg := tgbotapi.NewMessage(77, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = buttons("✅ Simpan", "✏️ Ubah", "❌ Batal")
	b.ReportAllocs()
	for b.Loop() {
		if in := intentOf(msg); in.view.markup == "" {
			b.Fatal("no markup")
		}
	}
}
