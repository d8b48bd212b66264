package kit

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatInt formats n with the Indonesian thousands separator, a dot:
// 1250 → "1.250", -1000000 → "-1.000.000".
func FormatInt(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return sign + s
	}
	b := make([]byte, 0, len(s)+len(s)/3)
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	b = append(b, s[:head]...)
	for i := head; i < len(s); i += 3 {
		b = append(b, '.')
		b = append(b, s[i:i+3]...)
	}
	return sign + string(b)
}

// FormatDistance writes a distance the Indonesian way: "850 m" below a
// kilometre, otherwise "1,2 km" (a comma for decimals).
func FormatDistance(m float64) string {
	if m < 1000 {
		return fmt.Sprintf("%d m", int(math.Round(m)))
	}
	return strings.Replace(fmt.Sprintf("%.1f km", m/1000), ".", ",", 1)
}
