// Package tgtext measures and cuts message texts the way Telegram counts
// them: in UTF-16 code units of the text after entity parsing, so HTML
// tags count nothing, "&lt;" counts one and an emoji outside the Basic
// Multilingual Plane counts two. It knows Telegram's HTML style
// (https://core.telegram.org/bots/api#html-style) and nothing else; it is
// lenient where Telegram is strict, since it measures what the bot built
// and the Bot API still judges it.
package tgtext

import (
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Telegram's limits, in UTF-16 code units after entity parsing
// (https://core.telegram.org/bots/api#sendmessage and #sendphoto;
// answerCallbackQuery's text is plain).
const (
	MaxText           = 4096
	MaxCaption        = 1024
	MaxCallbackAnswer = 200
)

// HTML is the parse_mode this package parses; any other mode is measured
// as plain text.
const HTML = "HTML"

// Ellipsis marks a text that was cut.
const Ellipsis = "…"

// token kinds.
const (
	kindText = iota
	kindOpen
	kindClose
)

// token is one piece of a text: a character (or an HTML entity that
// stands for one) or a tag. start and end are byte offsets in the text.
type token struct {
	kind       int
	start, end int
	r          rune   // the character, for kindText
	name       string // the lower-cased tag name, for tags
}

// units is the length Telegram counts for a character token.
func (t token) units() int {
	if t.kind != kindText {
		return 0
	}
	return utf16.RuneLen(t.r)
}

// tokenize splits text into tokens; mode HTML reads tags and entities, any
// other mode makes every character a token.
func tokenize(text, mode string) []token {
	toks := make([]token, 0, len(text)/2)
	for t := range tokens(text, mode) {
		toks = append(toks, t)
	}
	return toks
}

// tokens yields the tokens of text one by one, for measuring without
// keeping them.
func tokens(text, mode string) iter.Seq[token] {
	html := strings.EqualFold(mode, HTML)
	return func(yield func(token) bool) {
		for i := 0; i < len(text); {
			t := tokenAt(text, i, html)
			if !yield(t) {
				return
			}
			i = t.end
		}
	}
}

// tokenAt reads the token at byte i: with html a tag or an entity if one
// starts there, else one character.
func tokenAt(text string, i int, html bool) token {
	if html {
		if t, ok := tagAt(text, i); ok {
			return t
		}
		if r, n, ok := entityAt(text[i:]); ok {
			return token{kind: kindText, start: i, end: i + n, r: r}
		}
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return token{kind: kindText, start: i, end: i + n, r: r}
}

// tagAt reads an HTML tag starting at byte i, if there is one.
func tagAt(text string, i int) (token, bool) {
	if text[i] != '<' {
		return token{}, false
	}
	end := strings.IndexByte(text[i:], '>')
	if end < 0 {
		return token{}, false
	}
	inner := text[i+1 : i+end]
	t := token{kind: kindOpen, start: i, end: i + end + 1}
	if rest, ok := strings.CutPrefix(inner, "/"); ok {
		t.kind, inner = kindClose, rest
	}
	name, _, _ := strings.Cut(strings.TrimSpace(inner), " ")
	t.name = strings.ToLower(strings.TrimSuffix(name, "/"))
	return t, t.name != ""
}

// entityAt decodes the HTML entity at the start of s: the four named ones
// Telegram supports and every numeric one.
func entityAt(s string) (rune, int, bool) {
	if len(s) < 3 || s[0] != '&' {
		return 0, 0, false
	}
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 12 {
		return 0, 0, false
	}
	body := s[1:semi]
	switch body {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	}
	num, ok := strings.CutPrefix(body, "#")
	if !ok {
		return 0, 0, false
	}
	base := 10
	if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
		num, base = hex, 16
	}
	v, err := strconv.ParseUint(num, base, 32)
	if err != nil || v > unicode.MaxRune {
		return 0, 0, false
	}
	return rune(v), semi + 1, true
}

// Plain returns what the user reads: the text after entity parsing, with
// the white space Telegram trims at both ends removed.
func Plain(text, mode string) string {
	var b strings.Builder
	b.Grow(len(text))
	for t := range tokens(text, mode) {
		if t.kind == kindText {
			b.WriteRune(t.r)
		}
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}

// Len returns the length Telegram counts for text sent with parse_mode
// mode: UTF-16 code units after entity parsing and trimming.
func Len(text, mode string) int {
	return Units(Plain(text, mode))
}

// Units counts s in UTF-16 code units.
func Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Fits reports whether text fits in limit. A text of at most limit bytes
// always does, without parsing it: no character or entity counts more
// UTF-16 units than it has bytes (a 4-byte character counts two, "&lt;"
// one), and tags count nothing. Every send asks this twice.
func Fits(text, mode string, limit int) bool {
	return len(text) <= limit || Len(text, mode) <= limit
}
