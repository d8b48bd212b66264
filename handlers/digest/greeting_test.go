package digest

import (
	"testing"
	"time"

	"pilarbot/storage/domain"
)

// TestGreeting: a digest sent late in the day greets as the hour does.
func TestGreeting(t *testing.T) {
	for _, c := range []struct {
		name string
		hour int
		want string
	}{
		{"at the digest time", 8, greetMorning},
		{"late morning", 10, greetMorning},
		{"noon", 11, greetMidday},
		{"afternoon", 15, greetAfternoon},
		{"evening", 18, greetEvening},
		{"after midnight", 1, greetEvening},
		{"early morning", 4, greetMorning},
	} {
		t.Run(c.name, func(t *testing.T) {
			// 01.00 UTC is 08.00 WIB: the hour is read in WIB.
			at := time.Date(2026, 12, 1, c.hour, 30, 0, 0, domain.WIB).UTC()
			if got := greeting(at); got != c.want {
				t.Fatalf("greeting at %02d.30 WIB = %q, want %q", c.hour, got, c.want)
			}
		})
	}
}
