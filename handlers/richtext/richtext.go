// Package richtext turns a Telegram message's text and entities (bold,
// italic, links, ...) back into Telegram HTML, so a coordinator's formatting
// survives being stored and sent again with parse_mode HTML. Every
// character of the text is escaped; only tags built from entities are
// emitted.
package richtext

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// span is an entity clamped to the text, in UTF-16 code units.
type span struct {
	start, end int
	e          tgbotapi.MessageEntity
}

// HTML returns text with its entities as Telegram HTML
// (https://core.telegram.org/bots/api#html-style). Entity offsets and
// lengths are in UTF-16 code units, as Telegram sends them. Entities that
// carry no formatting of their own (mentions, hashtags, plain URLs, bot
// commands) are left out: Telegram recognises them again. Entities that lie
// outside the text, split a character, overlap partially or nest where
// Telegram does not allow it are clamped or dropped, so the result is
// always valid HTML whose plain text is text.
func HTML(text string, entities []tgbotapi.MessageEntity) string {
	units := utf16.Encode([]rune(text))
	spans := clamp(units, entities)

	var b strings.Builder
	var stack []span
	pos := 0
	emit := func(to int) {
		if to > pos {
			b.WriteString(html.EscapeString(string(utf16.Decode(units[pos:to]))))
			pos = to
		}
	}
	closeTop := func() {
		top := stack[len(stack)-1]
		emit(top.end)
		b.WriteString(closeTag(top.e))
		stack = stack[:len(stack)-1]
	}
	for _, s := range spans {
		for len(stack) > 0 && stack[len(stack)-1].end <= s.start {
			closeTop()
		}
		if !allowedInside(stack, s.e.Type) {
			continue
		}
		if len(stack) > 0 {
			s.end = min(s.end, stack[len(stack)-1].end) // no partial overlap
		}
		emit(s.start)
		b.WriteString(openTag(s.e))
		stack = append(stack, s)
	}
	for len(stack) > 0 {
		closeTop()
	}
	emit(len(units))
	return b.String()
}

// clamp keeps the formatting entities, moved inside the text and onto
// character boundaries, outermost first.
func clamp(units []uint16, entities []tgbotapi.MessageEntity) []span {
	n := len(units)
	var spans []span
	for _, e := range entities {
		if openTag(e) == "" {
			continue
		}
		start := boundary(units, min(max(e.Offset, 0), n))
		end := boundary(units, min(max(e.Offset+max(e.Length, 0), 0), n))
		if e.Length <= 0 || e.Offset > n || end <= start {
			continue
		}
		spans = append(spans, span{start: start, end: end, e: e})
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	return spans
}

// boundary moves i forward off the second half of a surrogate pair.
func boundary(units []uint16, i int) int {
	if i > 0 && i < len(units) && utf16.IsSurrogate(rune(units[i])) && units[i] >= 0xDC00 &&
		units[i-1] >= 0xD800 && units[i-1] < 0xDC00 {
		return i + 1
	}
	return i
}

// allowedInside applies Telegram's nesting rules: nothing goes inside code
// or pre, a blockquote is never nested, and links, code and quotes do not
// contain each other; bold, italic, underline, strikethrough and spoiler
// nest freely.
func allowedInside(stack []span, typ string) bool {
	for _, s := range stack {
		outer := s.e.Type
		switch {
		case outer == "code" || outer == "pre":
			return false
		case isQuote(outer) && isQuote(typ):
			return false
		case !isStyle(outer) && !isQuote(outer) && !isStyle(typ):
			return false
		}
	}
	return true
}

func isStyle(t string) bool {
	switch t {
	case "bold", "italic", "underline", "strikethrough", "spoiler":
		return true
	}
	return false
}

func isQuote(t string) bool { return t == "blockquote" || t == "expandable_blockquote" }

func openTag(e tgbotapi.MessageEntity) string {
	switch e.Type {
	case "bold":
		return "<b>"
	case "italic":
		return "<i>"
	case "underline":
		return "<u>"
	case "strikethrough":
		return "<s>"
	case "spoiler":
		return "<tg-spoiler>"
	case "code":
		return "<code>"
	case "pre":
		if e.Language != "" {
			return `<pre><code class="language-` + html.EscapeString(e.Language) + `">`
		}
		return "<pre>"
	case "blockquote":
		return "<blockquote>"
	case "expandable_blockquote":
		return "<blockquote expandable>"
	case "text_link":
		if e.URL == "" {
			return ""
		}
		return `<a href="` + html.EscapeString(e.URL) + `">`
	case "text_mention":
		if e.User == nil || e.User.ID == 0 {
			return ""
		}
		return `<a href="tg://user?id=` + strconv.FormatInt(e.User.ID, 10) + `">`
	}
	return ""
}

func closeTag(e tgbotapi.MessageEntity) string {
	switch e.Type {
	case "bold":
		return "</b>"
	case "italic":
		return "</i>"
	case "underline":
		return "</u>"
	case "strikethrough":
		return "</s>"
	case "spoiler":
		return "</tg-spoiler>"
	case "code":
		return "</code>"
	case "pre":
		if e.Language != "" {
			return "</code></pre>"
		}
		return "</pre>"
	case "blockquote", "expandable_blockquote":
		return "</blockquote>"
	case "text_link", "text_mention":
		return "</a>"
	}
	return ""
}

// PlainLen returns the length of text as Telegram counts message limits,
// in UTF-16 code units.
func PlainLen(text string) int {
	n := 0
	for _, r := range text {
		n += utf16.RuneLen(r)
	}
	return n
}
