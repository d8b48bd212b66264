package richtext

import (
	"html"
	"regexp"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func ent(typ string, off, n int) tgbotapi.MessageEntity {
	return tgbotapi.MessageEntity{Type: typ, Offset: off, Length: n}
}

func TestHTML(t *testing.T) {
	link := ent("text_link", 0, 4)
	link.URL = `https://dinsos.pasuruankota.go.id/?a=1&b="2"`
	pre := ent("pre", 0, 6)
	pre.Language = "go"
	mention := ent("text_mention", 0, 3)
	mention.User = &tgbotapi.User{ID: 42}
	tests := []struct {
		name string
		text string
		ents []tgbotapi.MessageEntity
		want string
	}{
		{"plain escaped", "Banjir <Mayangan> & Trajeng", nil, "Banjir &lt;Mayangan&gt; &amp; Trajeng"},
		{"bold and lt", "Awas a<b", []tgbotapi.MessageEntity{ent("bold", 0, 4)}, "<b>Awas</b> a&lt;b"},
		{"nested", "tebal miring", []tgbotapi.MessageEntity{ent("bold", 0, 12), ent("italic", 6, 6)}, "<b>tebal <i>miring</i></b>"},
		{"same span outer first", "ab", []tgbotapi.MessageEntity{ent("italic", 0, 2), ent("bold", 0, 2)}, "<i><b>ab</b></i>"},
		{"emoji offsets in UTF-16", "😀 Banjir!", []tgbotapi.MessageEntity{ent("bold", 3, 6)}, "😀 <b>Banjir</b>!"},
		{"entity splitting a surrogate pair", "😀x", []tgbotapi.MessageEntity{ent("bold", 1, 2)}, "😀<b>x</b>"},
		{"link escaped", "Info", []tgbotapi.MessageEntity{link}, `<a href="https://dinsos.pasuruankota.go.id/?a=1&amp;b=&#34;2&#34;">Info</a>`},
		{"pre with language", "x := 1", []tgbotapi.MessageEntity{pre}, `<pre><code class="language-go">x := 1</code></pre>`},
		{"text mention", "Sri", []tgbotapi.MessageEntity{mention}, `<a href="tg://user?id=42">Sri</a>`},
		{"plain url left to Telegram", "t.me/x", []tgbotapi.MessageEntity{ent("url", 0, 6), ent("hashtag", 0, 2)}, "t.me/x"},
		{"out of range clamped", "abc", []tgbotapi.MessageEntity{ent("bold", 1, 99), ent("italic", 7, 2), ent("underline", -3, 4)}, "<u>a</u><b>bc</b>"},
		{"partial overlap clamped", "abcd", []tgbotapi.MessageEntity{ent("bold", 0, 3), ent("italic", 2, 2)}, "<b>ab<i>c</i></b>d"},
		{"nothing inside code", "abc", []tgbotapi.MessageEntity{ent("code", 0, 3), ent("bold", 1, 1)}, "<code>abc</code>"},
		{"no quote in quote", "abc", []tgbotapi.MessageEntity{ent("blockquote", 0, 3), ent("expandable_blockquote", 1, 1)}, "<blockquote>abc</blockquote>"},
		{"zero length dropped", "abc", []tgbotapi.MessageEntity{ent("bold", 1, 0)}, "abc"},
		{"spoiler strike underline", "abc", []tgbotapi.MessageEntity{ent("spoiler", 0, 1), ent("strikethrough", 1, 1), ent("underline", 2, 1)}, "<tg-spoiler>a</tg-spoiler><s>b</s><u>c</u>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.text, tt.ents); got != tt.want {
				t.Errorf("HTML = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlainLen(t *testing.T) {
	if n := PlainLen("a😀é"); n != 4 {
		t.Errorf("PlainLen = %d, want 4", n)
	}
}

var tagRE = regexp.MustCompile(`<(/?)([a-z-]+)[^>]*>`)

// checkHTML fails unless out is balanced HTML whose text is plain.
func checkHTML(t *testing.T, out, plain string) {
	t.Helper()
	var stack []string
	for _, m := range tagRE.FindAllStringSubmatch(out, -1) {
		if m[1] == "" {
			stack = append(stack, m[2])
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != m[2] {
			t.Fatalf("unbalanced %q in %q", m[0], out)
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) > 0 {
		t.Fatalf("unclosed %v in %q", stack, out)
	}
	text := tagRE.ReplaceAllString(out, "")
	if strings.ContainsAny(text, "<>") {
		t.Fatalf("unescaped markup in %q", out)
	}
	if got := html.UnescapeString(text); got != plain {
		t.Fatalf("text %q, want %q", got, plain)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add("Awas <banjir> & 😀 tebal", []byte{0, 0, 4, 1, 3, 5, 7, 2, 2})
	f.Add("", []byte{})
	f.Add("a😀b", []byte{0, 1, 2, 6, 0, 4})
	types := []string{"bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre",
		"blockquote", "expandable_blockquote", "text_link", "text_mention", "url", "mention"}
	f.Fuzz(func(t *testing.T, text string, spec []byte) {
		var ents []tgbotapi.MessageEntity
		for i := 0; i+2 < len(spec); i += 3 {
			e := ent(types[int(spec[i])%len(types)], int(int8(spec[i+1])), int(int8(spec[i+2])))
			e.URL = "https://t.me/x?a=<&>"
			e.Language = `g"o`
			e.User = &tgbotapi.User{ID: 7}
			ents = append(ents, e)
		}
		out := HTML(text, ents)
		checkHTML(t, out, string([]rune(text)))
	})
}
