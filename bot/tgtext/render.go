package tgtext

import (
	"strconv"
	"strings"
	"unicode"
)

// entityTypes maps the tags of Telegram's HTML style to the entity they
// make, so that <b> and <strong> render alike.
var entityTypes = map[string]string{
	"b": "bold", "strong": "bold",
	"i": "italic", "em": "italic",
	"u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"tg-spoiler": "spoiler", "span": "spoiler",
}

// Rendering identifies what a text looks like once Telegram has parsed
// it: the trimmed plain text and its entities with their UTF-16 offsets.
// Two texts with the same Rendering show the same message, which is how
// Telegram decides that an edit changes nothing.
func Rendering(text, mode string) string {
	type span struct {
		kind       string
		start, end int
	}
	var (
		plain strings.Builder
		units int
		stack []span
		done  []span
	)
	for t := range tokens(text, mode) {
		switch t.kind {
		case kindText:
			plain.WriteRune(t.r)
			units += t.units()
		case kindOpen:
			kind := t.name
			if e, ok := entityTypes[kind]; ok {
				kind = e
			} else {
				kind = text[t.start:t.end] // attributes matter: <a href>, <pre>, <code class>
			}
			stack = append(stack, span{kind: kind, start: units})
		case kindClose:
			if n := len(stack); n > 0 {
				sp := stack[n-1]
				stack = stack[:n-1]
				sp.end = units
				done = append(done, sp)
			}
		}
	}
	full := plain.String()
	trimmed := strings.TrimLeftFunc(full, unicode.IsSpace)
	shift := Units(full[:len(full)-len(trimmed)])
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	total := Units(trimmed)
	var b strings.Builder
	b.WriteString(trimmed)
	for _, sp := range done {
		start, end := max(sp.start-shift, 0), min(sp.end-shift, total)
		if end > start {
			b.WriteString("\x00" + sp.kind + "@" + strconv.Itoa(start) + "+" + strconv.Itoa(end-start))
		}
	}
	return b.String()
}
