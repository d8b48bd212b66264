package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name validates a person's name. It trims the text and collapses every run
// of white space (including newlines) into one space, but otherwise keeps
// what the person typed: no title-casing. The result has 3 to 100 runes, at
// least 2 letters of any script, no digits or other numerals, and no
// control characters, emoji or pictographic symbols. Punctuation and
// symbols such as < > & " are kept; callers must escape the name before
// sending it as HTML.
func Name(s string) (string, error) {
	name := strings.Join(strings.Fields(s), " ")
	letters := 0
	for _, r := range name {
		switch {
		case unicode.IsNumber(r):
			return "", problem(msgNameDigits)
		case !nameRune(r):
			return "", problem(msgNameChars)
		case unicode.IsLetter(r):
			letters++
		}
	}
	n := utf8.RuneCountInString(name)
	switch {
	case n > 100:
		return "", problem(msgNameTooLong)
	case n < 3 || letters < 2:
		return "", problem(msgNameTooShort)
	}
	return name, nil
}

// nameRune reports whether r may appear in a name: letters, combining
// marks, the plain space, punctuation and the math, currency and modifier
// symbols (< > + = ^ ` $ …). Emoji are excluded: they are "other symbols"
// (So), or they are built with variation selectors, the zero-width joiner,
// the keycap mark or skin-tone modifiers, which are refused explicitly.
// Invalid UTF-8 decodes to U+FFFD, an So symbol, and is refused too.
func nameRune(r rune) bool {
	switch {
	case r == ' ':
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return false
	case r == 0x20E3: // combining enclosing keycap
		return false
	case r >= 0x1F3FB && r <= 0x1F3FF: // emoji skin-tone modifiers (Sk)
		return false
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.P, unicode.Sm, unicode.Sc, unicode.Sk)
}
