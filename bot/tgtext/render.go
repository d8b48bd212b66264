package tgtext

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
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
	return string(AppendRendering(make([]byte, 0, len(text)), text, mode))
}

// AppendRendering appends Rendering(text, mode) to dst and returns it:
// the client hashes every text it sends this way, in one buffer where
// building the string took four.
func AppendRendering(dst []byte, text, mode string) []byte {
	type span struct {
		kind       string
		start, end int
	}
	var stackArr, doneArr [16]span // a message's entities fit without allocating
	stack, done := stackArr[:0], doneArr[:0]
	html := strings.EqualFold(mode, HTML)
	base, units := len(dst), 0
	for i := 0; i < len(text); {
		t := tokenAt(text, i, html)
		i = t.end
		switch t.kind {
		case kindText:
			dst = utf8.AppendRune(dst, t.r)
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
	full := dst[base:]
	trimmed := bytes.TrimLeftFunc(full, unicode.IsSpace)
	shift := unitsOf(full[:len(full)-len(trimmed)])
	trimmed = bytes.TrimRightFunc(trimmed, unicode.IsSpace)
	total := unitsOf(trimmed)
	dst = dst[:base+copy(full, trimmed)]
	for _, sp := range done {
		start, end := max(sp.start-shift, 0), min(sp.end-shift, total)
		if end > start {
			dst = append(append(append(dst, 0), sp.kind...), '@')
			dst = append(strconv.AppendInt(dst, int64(start), 10), '+')
			dst = strconv.AppendInt(dst, int64(end-start), 10)
		}
	}
	return dst
}

// unitsOf is Units of a byte slice, without copying it into a string.
func unitsOf(b []byte) int {
	n := 0
	for _, r := range string(b) { // ranging over the conversion does not copy
		n += utf16.RuneLen(r)
	}
	return n
}
