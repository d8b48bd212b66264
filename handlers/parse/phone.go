package parse

import "strings"

// Phone parses an Indonesian mobile number as people write it and returns
// it in E.164 form, "+62812…".
//
// Accepted separators are spaces, dashes, dots and parentheses; the number
// may start with 0, 62, +62, or "+62 0" (the trunk 0 kept after the country
// code). Letters and any other characters are refused.
//
// Length rule. Indonesian mobile numbers have 10 to 13 digits counted
// with the leading 0: 0811-xxx-xxx has 10 and the longest numbers in use,
// 0812-3456-78901, have 13; ITU lists their national significant numbers
// (without the 0) as 9 to 12 digits. So the rule implemented is: in the
// national form, "08" followed by digits, 10 to 13 digits in total
// including the leading 0. A number that starts with 0 but not 08 (e.g.
// 0343-421234, a Pasuruan landline) is refused with its own message.
func Phone(s string) (string, error) {
	digits, plus, ok := phoneDigits(s)
	if !ok {
		return "", problem(msgPhone)
	}
	var national string
	switch {
	case strings.HasPrefix(digits, "620"):
		national = digits[2:]
	case strings.HasPrefix(digits, "62"):
		national = "0" + digits[2:]
	case plus:
		// A + with another country code.
		return "", problem(msgPhone)
	case strings.HasPrefix(digits, "0"):
		national = digits
	default:
		return "", problem(msgPhone)
	}
	return fromNational(national)
}

// PhoneFromContact normalises the phone_number of a Telegram contact. The
// user's own contact arrives as "6281234567890" or "+6281234567890"; a
// contact picked from the address book arrives as it was saved there
// ("0812-3456-7890"), so every form Phone accepts is accepted. Numbers from
// other countries and landlines are refused with a message asking the user
// to type their number.
func PhoneFromContact(phone string) (string, error) {
	e164, err := Phone(phone)
	if err != nil {
		return "", problem(msgPhoneContact)
	}
	return e164, nil
}

// fromNational checks a national-form number ("08…") and converts it to
// E.164.
func fromNational(national string) (string, error) {
	if len(national) < 2 || national[0] != '0' {
		return "", problem(msgPhone)
	}
	if national[1] != '8' {
		if national[1] >= '1' && national[1] <= '9' && len(national) >= 9 && len(national) <= 12 {
			return "", problem(msgPhoneLandline)
		}
		return "", problem(msgPhone)
	}
	if len(national) < 10 || len(national) > 13 {
		return "", problem(msgPhone)
	}
	return "+62" + national[1:], nil
}

// phoneDigits strips separators and returns the digits and whether the
// number started with "+". ok is false if anything other than digits,
// separators and one leading "+" was found, or if there is no digit at all.
func phoneDigits(s string) (digits string, plus bool, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := strings.CutPrefix(s, "+"); found {
		plus, s = true, rest
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return "", false, false
		}
	}
	if b.Len() == 0 || b.Len() > 20 {
		return "", false, false
	}
	return b.String(), plus, true
}
