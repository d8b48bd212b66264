package telegramtest

import (
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// mdReserved are the characters MarkdownV2 requires to be escaped outside
// of markup.
const mdReserved = "_*[]()~`>#+-=|{}.!"

// mdNames are tdlib's names for MarkdownV2 entities, used in errors.
var mdNames = map[string]string{
	"bold": "Bold", "italic": "Italic", "underline": "Underline",
	"strikethrough": "Strikethrough", "spoiler": "Spoiler", "text_link": "TextUrl",
}

type mdOpen struct {
	kind  string
	start int // UTF-16 offset
	at    int // byte offset, for errors
}

// parseMarkdownV2 is a simplified MarkdownV2 parser: every reserved
// character must be escaped with a backslash unless it is part of matched
// markup (* _ __ ~ || ` ``` [text](url), or > at the start of a line).
func parseMarkdownV2(text string) (string, []tgbotapi.MessageEntity, error) {
	var out textBuilder
	var stack []mdOpen
	var ents []tgbotapi.MessageEntity
	toggle := func(kind string, at int) error {
		if n := len(stack); n > 0 && stack[n-1].kind == kind {
			if out.n16 > stack[n-1].start {
				ents = append(ents, tgbotapi.MessageEntity{Type: kind, Offset: stack[n-1].start, Length: out.n16 - stack[n-1].start})
			}
			stack = stack[:n-1]
			return nil
		}
		for _, o := range stack {
			if o.kind == kind {
				top := stack[len(stack)-1]
				return fmt.Errorf("Can't find end of %s entity at byte offset %d", mdNames[top.kind], top.at)
			}
		}
		stack = append(stack, mdOpen{kind: kind, start: out.n16, at: at})
		return nil
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\\' && i+1 < len(text) && text[i+1] > 0 && text[i+1] < 127 {
			out.writeRune(rune(text[i+1]))
			i += 2
			continue
		}
		if !strings.ContainsRune(mdReserved, rune(c)) {
			r, size := decodeRune(text[i:])
			out.writeRune(r)
			i += size
			continue
		}
		var err error
		switch {
		case strings.HasPrefix(text[i:], "```"):
			i, err = mdPre(text, i, &out, &ents)
		case c == '`':
			i, err = mdCode(text, i, &out, &ents)
		case strings.HasPrefix(text[i:], "__"):
			err = toggle("underline", i)
			i += 2
		case strings.HasPrefix(text[i:], "||"):
			err = toggle("spoiler", i)
			i += 2
		case c == '*' || c == '_' || c == '~':
			err = toggle(map[byte]string{'*': "bold", '_': "italic", '~': "strikethrough"}[c], i)
			i++
		case c == '[':
			stack = append(stack, mdOpen{kind: "text_link", start: out.n16, at: i})
			i++
		case c == ']' && len(stack) > 0 && stack[len(stack)-1].kind == "text_link":
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			var link string
			link, i, err = mdURL(text, i+1, open.at)
			if err == nil && out.n16 > open.start {
				ents = append(ents, tgbotapi.MessageEntity{Type: "text_link", Offset: open.start, Length: out.n16 - open.start, URL: link})
			}
		case c == '>' && (i == 0 || text[i-1] == '\n'):
			i++ // block quotation marker
		default:
			err = fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
		}
		if err != nil {
			return "", nil, err
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return "", nil, fmt.Errorf("Can't find end of %s entity at byte offset %d", mdNames[top.kind], top.at)
	}
	sortEntities(ents)
	return out.b.String(), ents, nil
}

// mdCode parses `code` at text[i]; inside, only ` and \ are escaped.
func mdCode(text string, i int, out *textBuilder, ents *[]tgbotapi.MessageEntity) (int, error) {
	start := out.n16
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if j+1 < len(text) {
				j++
				out.writeRune(rune(text[j]))
			}
		case '`':
			if out.n16 > start {
				*ents = append(*ents, tgbotapi.MessageEntity{Type: "code", Offset: start, Length: out.n16 - start})
			}
			return j + 1, nil
		default:
			r, size := decodeRune(text[j:])
			out.writeRune(r)
			j += size - 1
		}
	}
	return 0, fmt.Errorf("Can't find end of Code entity at byte offset %d", i)
}

// mdPre parses a ```pre``` block at text[i], with an optional language on
// the opening line.
func mdPre(text string, i int, out *textBuilder, ents *[]tgbotapi.MessageEntity) (int, error) {
	body := text[i+3:]
	end := strings.Index(body, "```")
	for end > 0 && body[end-1] == '\\' {
		next := strings.Index(body[end+3:], "```")
		if next < 0 {
			end = -1
			break
		}
		end += 3 + next
	}
	if end < 0 {
		return 0, fmt.Errorf("Can't find end of PreCode entity at byte offset %d", i)
	}
	content, lang := body[:end], ""
	if nl := strings.IndexByte(content, '\n'); nl >= 0 && !strings.ContainsAny(content[:nl], " \t") {
		lang, content = content[:nl], content[nl+1:]
	}
	content = strings.NewReplacer("\\\\", "\\", "\\`", "`").Replace(content)
	start := out.n16
	out.writeString(content)
	if out.n16 > start {
		*ents = append(*ents, tgbotapi.MessageEntity{Type: "pre", Offset: start, Length: out.n16 - start, Language: lang})
	}
	return i + 3 + end + 3, nil
}

// mdURL parses the "(url)" that must follow "]"; inside, ) and \ are
// escaped.
func mdURL(text string, i, at int) (string, int, error) {
	if i >= len(text) || text[i] != '(' {
		return "", 0, fmt.Errorf("Can't find end of TextUrl entity at byte offset %d", at)
	}
	var b strings.Builder
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if j+1 < len(text) {
				j++
				b.WriteByte(text[j])
			}
		case ')':
			return b.String(), j + 1, nil
		default:
			b.WriteByte(text[j])
		}
	}
	return "", 0, fmt.Errorf("Can't find end of a URL at byte offset %d", i)
}

// parseMarkdown parses legacy Markdown: *bold*, _italic_, `code`,
// ```pre``` and [text](url), with no nesting.
func parseMarkdown(text string) (string, []tgbotapi.MessageEntity, error) {
	var out textBuilder
	var ents []tgbotapi.MessageEntity
	kinds := map[byte]string{'*': "bold", '_': "italic", '`': "code"}
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\\' && i+1 < len(text) && strings.IndexByte("_*`[", text[i+1]) >= 0 {
			out.writeRune(rune(text[i+1]))
			i += 2
			continue
		}
		switch {
		case strings.HasPrefix(text[i:], "```"):
			end := strings.Index(text[i+3:], "```")
			if end < 0 {
				return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			start := out.n16
			out.writeString(text[i+3 : i+3+end])
			ents = append(ents, tgbotapi.MessageEntity{Type: "pre", Offset: start, Length: out.n16 - start})
			i += end + 6
		case kinds[c] != "":
			end := strings.IndexByte(text[i+1:], c)
			if end < 0 {
				return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			start := out.n16
			out.writeString(text[i+1 : i+1+end])
			if out.n16 > start {
				ents = append(ents, tgbotapi.MessageEntity{Type: kinds[c], Offset: start, Length: out.n16 - start})
			}
			i += end + 2
		case c == '[':
			close := strings.Index(text[i:], "](")
			end := -1
			if close >= 0 {
				end = strings.IndexByte(text[i+close:], ')')
			}
			if close < 0 || end < 0 {
				return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			start := out.n16
			out.writeString(text[i+1 : i+close])
			ents = append(ents, tgbotapi.MessageEntity{Type: "text_link", Offset: start, Length: out.n16 - start,
				URL: text[i+close+2 : i+close+end]})
			i += close + end + 1
		default:
			r, size := decodeRune(text[i:])
			out.writeRune(r)
			i += size
		}
	}
	sortEntities(ents)
	return out.b.String(), ents, nil
}
