package storage

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// digitSep is what people put between the digits of a phone number or a
// NIK: spaces, dashes, dots, parentheses.
const digitSep = `[-\s.()]*`

// redactPatterns are the regular expressions, in PostgreSQL's syntax
// (AREs, matched case-insensitively), that find v's personal data in a
// free text as a coordinator may have typed it: the name in any case and
// spacing and each of its words; the phone number as 08…, 62…, +62… or
// without the prefix, with separators between the digits; the NIK with
// separators; the username.
func redactPatterns(v *Volunteer) []string {
	var out []string
	if words := strings.Fields(v.FullName); len(words) > 0 && utf8.RuneCountInString(v.FullName) >= 3 {
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = regexp.QuoteMeta(w)
		}
		out = append(out, strings.Join(quoted, `\s+`))
		for i, w := range words {
			if utf8.RuneCountInString(w) >= 3 {
				out = append(out, `\m`+quoted[i]+`\M`)
			}
		}
	}
	if nsn, ok := strings.CutPrefix(v.Phone, "+62"); ok && len(nsn) >= 7 && isDigits(nsn) {
		out = append(out, `((\+\s*)?62`+digitSep+`0?`+digitSep+`|0`+digitSep+`)?`+spacedDigits(nsn))
	}
	if len(v.NIK) >= 3 && isDigits(v.NIK) {
		out = append(out, spacedDigits(v.NIK))
	}
	if len(v.Username) >= 3 {
		out = append(out, regexp.QuoteMeta(v.Username))
	}
	return out
}

// spacedDigits matches the digits of s with any separators between them.
func spacedDigits(s string) string {
	return strings.Join(strings.Split(s, ""), digitSep)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
