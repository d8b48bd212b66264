package playground

import (
	"fmt"
	"strings"
)

// phoneDigits returns the number a contact shares, as Telegram sends it:
// digits with the country code, no plus (62812…). A person created
// without a number still has one on Telegram, so one is made from the
// id (62899 and the id, a range no operator uses).
func phoneDigits(phone string, id int64) string {
	d := digits(phone)
	switch {
	case d == "":
		return fmt.Sprintf("62899%07d", id%10000000)
	case strings.HasPrefix(d, "0"):
		return "62" + d[1:]
	}
	return d
}

// validPhone accepts an Indonesian mobile number as people write it:
// 08…, 62 8… or +62 8…, with spaces, dots or dashes.
func validPhone(s string) bool {
	if strings.Trim(s, "+0123456789 .-()") != "" {
		return false
	}
	d := digits(s)
	switch {
	case strings.HasPrefix(d, "08"):
		d = d[1:]
	case strings.HasPrefix(d, "628"):
		d = d[2:]
	default:
		return false
	}
	return len(d) >= 9 && len(d) <= 12
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
