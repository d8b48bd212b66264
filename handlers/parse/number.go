package parse

import (
	"strconv"
	"strings"
)

// countWords may follow a number: "3 orang", "12 jiwa", "5 KK".
var countWords = []string{"orang", "jiwa", "kk"}

// Int parses a whole number between min and max inclusive. It accepts
// "12", "-3", "1.250" (dots as Indonesian thousands separators, in groups
// of three) and a trailing "orang", "jiwa" or "kk" (" 3 orang "). Anything
// else, or a number out of range, gives a *conversations.Invalid naming the range.
func Int(s string, min, max int) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, w := range countWords {
		if rest, ok := strings.CutSuffix(t, w); ok {
			t = strings.TrimSpace(rest)
			break
		}
	}
	n, ok := parseGrouped(t)
	if !ok || n < min || n > max {
		return 0, problem(msgIntRange(min, max))
	}
	return n, nil
}

// parseGrouped reads an optionally signed integer written either with no
// separators or with a dot before every group of three digits.
func parseGrouped(s string) (int, bool) {
	sign := ""
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = "-", rest
	}
	if !isDigits(s) {
		if !strings.Contains(s, ".") {
			return 0, false
		}
		groups := strings.Split(s, ".")
		if len(groups[0]) < 1 || len(groups[0]) > 3 || !isDigits(groups[0]) {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 || !isDigits(g) {
				return 0, false
			}
		}
		s = strings.Join(groups, "")
	}
	n, err := strconv.Atoi(sign + s)
	return n, err == nil
}
