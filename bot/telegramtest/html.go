package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// htmlTags maps the tags Telegram accepts to entity types.
var htmlTags = map[string]string{
	"b": "bold", "strong": "bold",
	"i": "italic", "em": "italic",
	"u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"a":          "text_link",
	"code":       "code",
	"pre":        "pre",
	"tg-spoiler": "spoiler", "span": "spoiler",
	"blockquote": "blockquote",
	"tg-emoji":   "custom_emoji",
}

// textBuilder accumulates plain text and counts it in UTF-16 code units,
// the unit of entity offsets.
type textBuilder struct {
	b   strings.Builder
	n16 int
}

func (t *textBuilder) writeRune(r rune) {
	t.b.WriteRune(r)
	if r >= 0x10000 {
		t.n16 += 2
	} else {
		t.n16++
	}
}

type openTag struct {
	name  string
	attrs map[string]string
	start int // UTF-16 offset in the plain text
	lang  string
}

// parseHTML parses text in Telegram's HTML style into plain text and
// entities. Errors use tdlib's wording. Unlike Telegram, a bare '&' that
// does not start an entity is refused: Telegram's documentation requires
// it to be escaped.
func parseHTML(text string) (string, []tgbotapi.MessageEntity, error) {
	var out textBuilder
	var stack []*openTag
	var ents []tgbotapi.MessageEntity
	for i := 0; i < len(text); {
		switch text[i] {
		case '&':
			r, size, ok := decodeHTMLEntity(text[i:])
			if !ok {
				return "", nil, fmt.Errorf("Character '&' at byte offset %d must be escaped as \"&amp;\"", i)
			}
			out.writeRune(r)
			i += size
		case '<':
			var err error
			if i+1 < len(text) && text[i+1] == '/' {
				var tag *openTag
				if len(stack) == 0 {
					return "", nil, fmt.Errorf("Unexpected end tag at byte offset %d", i)
				}
				tag, i, err = parseEndTag(text, i, stack[len(stack)-1])
				if err != nil {
					return "", nil, err
				}
				stack = stack[:len(stack)-1]
				var parent *openTag
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				ents = closeTag(ents, tag, parent, out.n16)
				continue
			}
			var tag *openTag
			tag, i, err = parseStartTag(text, i)
			if err != nil {
				return "", nil, err
			}
			tag.start = out.n16
			stack = append(stack, tag)
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			out.writeRune(r)
			i += size
		}
	}
	if len(stack) > 0 {
		return "", nil, fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	sortEntities(ents)
	return out.b.String(), ents, nil
}

func parseStartTag(text string, begin int) (*openTag, int, error) {
	i := begin + 1
	for i < len(text) && !isHTMLSpace(text[i]) && text[i] != '>' {
		i++
	}
	if i == len(text) {
		return nil, 0, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
	}
	name := strings.ToLower(text[begin+1 : i])
	if _, ok := htmlTags[name]; !ok {
		return nil, 0, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, begin)
	}
	tag := &openTag{name: name, attrs: map[string]string{}}
	for {
		for i < len(text) && isHTMLSpace(text[i]) {
			i++
		}
		if i == len(text) {
			return nil, 0, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
		}
		if text[i] == '>' {
			i++
			break
		}
		attrBegin := i
		for i < len(text) && !isHTMLSpace(text[i]) && text[i] != '=' && text[i] != '>' {
			i++
		}
		attr := strings.ToLower(text[attrBegin:i])
		if attr == "" {
			return nil, 0, fmt.Errorf("Empty attribute name in the tag \"%s\" at byte offset %d", name, begin)
		}
		for i < len(text) && isHTMLSpace(text[i]) {
			i++
		}
		if i == len(text) || text[i] != '=' {
			if attr == "expandable" {
				tag.attrs[attr] = ""
				continue
			}
			return nil, 0, fmt.Errorf("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", name, begin)
		}
		i++
		for i < len(text) && isHTMLSpace(text[i]) {
			i++
		}
		if i == len(text) {
			return nil, 0, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
		}
		var value string
		if q := text[i]; q == '"' || q == '\'' {
			end := strings.IndexByte(text[i+1:], q)
			if end < 0 {
				return nil, 0, fmt.Errorf("Unclosed start tag at byte offset %d", begin)
			}
			value = decodeAttr(text[i+1 : i+1+end])
			i += end + 2
		} else {
			vb := i
			for i < len(text) && !isHTMLSpace(text[i]) && text[i] != '>' {
				i++
			}
			value = decodeAttr(text[vb:i])
		}
		tag.attrs[attr] = value
	}
	switch {
	case name == "span" && tag.attrs["class"] != "tg-spoiler":
		return nil, 0, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
	case name == "tg-emoji" && tag.attrs["emoji-id"] == "":
		return nil, 0, fmt.Errorf("Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset %d", begin)
	}
	return tag, i, nil
}

func parseEndTag(text string, begin int, top *openTag) (*openTag, int, error) {
	i := begin + 2
	for i < len(text) && !isHTMLSpace(text[i]) && text[i] != '>' {
		i++
	}
	name := strings.ToLower(text[begin+2 : i])
	for i < len(text) && isHTMLSpace(text[i]) {
		i++
	}
	if i == len(text) || text[i] != '>' {
		return nil, 0, fmt.Errorf("Unclosed end tag at byte offset %d", begin)
	}
	if name != "" && name != top.name {
		return nil, 0, fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, name)
	}
	return top, i + 1, nil
}

// closeTag turns a closed tag into an entity. A <code class="language-x">
// directly inside <pre> becomes the language of the pre entity.
func closeTag(ents []tgbotapi.MessageEntity, tag, parent *openTag, end int) []tgbotapi.MessageEntity {
	if tag.name == "code" && parent != nil && parent.name == "pre" {
		if lang, ok := strings.CutPrefix(tag.attrs["class"], "language-"); ok {
			parent.lang = lang
		}
		return ents
	}
	if end == tag.start {
		return ents
	}
	e := tgbotapi.MessageEntity{Type: htmlTags[tag.name], Offset: tag.start, Length: end - tag.start}
	switch tag.name {
	case "a":
		e.URL = tag.attrs["href"]
		if e.URL == "" {
			return ents
		}
	case "pre":
		e.Language = tag.lang
	case "blockquote":
		if _, ok := tag.attrs["expandable"]; ok {
			e.Type = "expandable_blockquote"
		}
	}
	return append(ents, e)
}

// decodeHTMLEntity decodes the entity at the start of s ("&lt;", "&#60;",
// "&#x3c;"); Telegram knows only these named entities.
func decodeHTMLEntity(s string) (rune, int, bool) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 10 {
		return 0, 0, false
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, 0, false
	}
	return rune(n), semi + 1, true
}

// decodeAttr decodes entities in an attribute value, leaving anything that
// is not an entity as it is.
func decodeAttr(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if r, size, ok := decodeHTMLEntity(s[i:]); ok {
				b.WriteRune(r)
				i += size
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
