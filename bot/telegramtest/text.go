package telegramtest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Telegram's text limits, in UTF-16 code units after entity parsing.
const (
	maxTextLen     = 4096
	maxCaptionLen  = 1024
	maxCallbackLen = 200
)

// formatted is a text after entity parsing.
type formatted struct {
	plain    string
	entities []tgbotapi.MessageEntity
}

// same reports whether two parse results render identically.
func (f formatted) same(g formatted) bool {
	if f.plain != g.plain || len(f.entities) != len(g.entities) {
		return false
	}
	for i := range f.entities {
		a, b := f.entities[i], g.entities[i]
		if a.Type != b.Type || a.Offset != b.Offset || a.Length != b.Length || a.URL != b.URL || a.Language != b.Language {
			return false
		}
	}
	return true
}

// parseText applies parse_mode to text and trims surrounding white space as
// Telegram does. The caller checks emptiness and length.
func parseText(text, mode string) (formatted, *apiError) {
	if !utf8.ValidString(text) {
		return formatted{}, badRequest("text must be encoded in UTF-8")
	}
	var (
		plain string
		ents  []tgbotapi.MessageEntity
		err   error
	)
	switch strings.ToLower(mode) {
	case "":
		plain = text
	case "html":
		plain, ents, err = parseHTML(text)
	case "markdownv2", "markdown":
		// Telegram accepts these; PilarBot sends only HTML, so the fake
		// refuses them rather than let a Markdown message slip through
		// unchecked.
		return formatted{}, badRequest("unsupported parse_mode %s: telegramtest checks only HTML", mode)
	default:
		return formatted{}, badRequest("unsupported parse_mode")
	}
	if err != nil {
		return formatted{}, badRequest("can't parse entities: %s", err.Error())
	}
	return trimFormatted(plain, ents), nil
}

// checkMessageText parses a message text and enforces Telegram's rules.
func checkMessageText(text, mode string) (formatted, *apiError) {
	f, e := parseText(text, mode)
	switch {
	case e != nil:
		return f, e
	case f.plain == "":
		return f, badRequest("message text is empty")
	case utf16Len(f.plain) > maxTextLen:
		return f, badRequest("message is too long")
	}
	return f, nil
}

// checkCaption parses a caption and enforces Telegram's rules.
func checkCaption(caption, mode string) (formatted, *apiError) {
	f, e := parseText(caption, mode)
	if e == nil && utf16Len(f.plain) > maxCaptionLen {
		return f, badRequest("message caption is too long")
	}
	return f, e
}

// trimFormatted strips leading and trailing white space and moves the
// entities along.
func trimFormatted(plain string, ents []tgbotapi.MessageEntity) formatted {
	trimmed := strings.TrimLeftFunc(plain, unicode.IsSpace)
	shift := utf16Len(plain[:len(plain)-len(trimmed)])
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	total := utf16Len(trimmed)
	var out []tgbotapi.MessageEntity
	for _, e := range ents {
		start := max(e.Offset-shift, 0)
		end := min(e.Offset+e.Length-shift, total)
		if end <= start {
			continue
		}
		e.Offset, e.Length = start, end-start
		out = append(out, e)
	}
	return formatted{plain: trimmed, entities: out}
}

// utf16Len counts s in UTF-16 code units, Telegram's unit of length.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func sortEntities(ents []tgbotapi.MessageEntity) {
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Offset != ents[j].Offset {
			return ents[i].Offset < ents[j].Offset
		}
		return ents[i].Length > ents[j].Length
	})
}
