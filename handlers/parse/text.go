package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text checks a free-text description ("uraian"); see TextNamed.
func Text(s string, minRunes, maxRunes int) (string, error) {
	return TextNamed(s, "Uraian", minRunes, maxRunes)
}

// TextNamed checks a free-text answer (a description, an address, a note)
// that the messages call what, e.g. "Alasan". It
// trims surrounding white space, turns "\r\n" and "\r" into "\n", drops
// control characters other than newline and tab (a NUL byte would make
// Postgres refuse the text) and replaces invalid UTF-8 with U+FFFD. The
// result must have minRunes to maxRunes runes. Inner spacing and line
// breaks are kept.
func TextNamed(s, what string, minRunes, maxRunes int) (string, error) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case n < minRunes:
		return "", problem(msgTextTooShort(what, minRunes))
	case n > maxRunes:
		return "", problem(msgTextTooLong(what, maxRunes))
	}
	return s, nil
}
