package kit

import (
	"time"
	"unicode/utf8"

	"pilarbot/conversations"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Truncate cuts s to at most n runes, marking the cut with "…".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ActivityDay is the activity date, read back from Postgres as midnight UTC,
// as a WIB calendar date.
func ActivityDay(rep *storage.Report) time.Time {
	y, m, d := rep.ActivityDate.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, domain.WIB)
}

// MatchPilar reads a pilar type typed or tapped by its short name, full
// name or code, and returns its code.
func MatchPilar(text string) (string, error) {
	t := NormalizeChoice(text)
	for _, p := range domain.Pilars() {
		if t == NormalizeChoice(p.Short) || t == NormalizeChoice(p.Name) || t == NormalizeChoice(p.Code) {
			return p.Code, nil
		}
	}
	if t == "pkh" {
		return "pkh", nil
	}
	return "", conversations.Invalidf(MsgPilarChoice)
}
