package kit

import "strings"

// MaskNIK masks a NIK for display: the first 4 digits, 10 asterisks and the
// last 2 digits, e.g. "3575**********01". Anything that is not exactly 16
// ASCII digits is masked completely, so the raw input is never shown.
func MaskNIK(nik string) string {
	if len(nik) != 16 || !allDigits(nik) {
		return strings.Repeat("*", 16)
	}
	return nik[:4] + strings.Repeat("*", 10) + nik[14:]
}

// MaskPhone masks an E.164 Indonesian number for display: it keeps "+62",
// the next 3 digits and the last 3, and replaces every other digit with an
// asterisk, e.g. "+6281234567890" → "+62812*****890". Input that is not
// "+62" followed by at least 7 digits is masked completely.
func MaskPhone(e164 string) string {
	rest, ok := strings.CutPrefix(e164, "+62")
	if !ok || len(rest) < 7 || !allDigits(rest) {
		return "+62" + strings.Repeat("*", 9)
	}
	return "+62" + rest[:3] + strings.Repeat("*", len(rest)-6) + rest[len(rest)-3:]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
