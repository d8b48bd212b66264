package parse

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// Period is one calendar month in WIB: [Start, End).
type Period struct {
	Start time.Time
	End   time.Time
}

// MonthPeriod is the month of t in WIB.
func MonthPeriod(t time.Time) Period {
	t = t.In(domain.WIB)
	start := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, domain.WIB)
	return Period{Start: start, End: start.AddDate(0, 1, 0)}
}

// Label is the month as people say it, e.g. "Desember 2023".
func (p Period) Label() string {
	return kit.MonthName(p.Start.Month()) + " " + strconv.Itoa(p.Start.Year())
}

// Key is the month as "2023-12", short enough for callback data.
func (p Period) Key() string { return p.Start.Format("2006-01") }

// PeriodOf parses a month as coordinators type it: "bulan ini", "bulan
// lalu", "Desember 2023", "des 2023", "12/2023", "12-2023", "2023-12", or a
// month name alone (the latest such month up to now). Months after the
// current one and years before 2000 are refused with a
// *conversations.Invalid.
func PeriodOf(s string, now time.Time) (Period, error) {
	now = now.In(domain.WIB)
	t := strings.Join(strings.Fields(strings.ToLower(strings.TrimSpace(s))), " ")
	switch t {
	case "bulan ini", "ini", "sekarang":
		return MonthPeriod(now), nil
	case "bulan lalu", "bulan kemarin", "lalu", "kemarin":
		return MonthPeriod(MonthPeriod(now).Start.AddDate(0, -1, 0)), nil
	}
	month, year, ok := monthYear(t, now)
	if !ok {
		return Period{}, problem(msgPeriodFormat)
	}
	if year < 2000 {
		return Period{}, problem(msgPeriodTooOld)
	}
	p := Period{Start: time.Date(year, month, 1, 0, 0, 0, 0, domain.WIB)}
	p.End = p.Start.AddDate(0, 1, 0)
	if p.Start.After(now) {
		return Period{}, problem(fmt.Sprintf(msgPeriodFuture, p.Label()))
	}
	return p, nil
}

// monthYear reads "desember 2023", "12/2023", "2023-12" or "desember".
func monthYear(t string, now time.Time) (time.Month, int, bool) {
	fields := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '/' || r == '-' || r == '.' })
	switch len(fields) {
	case 1:
		m, ok := monthWords[fields[0]]
		if !ok {
			return 0, 0, false
		}
		year := now.Year()
		if m > now.Month() {
			year--
		}
		return m, year, true
	case 2:
		a, b := fields[0], fields[1]
		if len(a) == 4 && isDigits(a) { // 2023-12
			a, b = b, a
		}
		if len(b) != 4 || !isDigits(b) {
			return 0, 0, false
		}
		year, _ := strconv.Atoi(b)
		if m, ok := monthWords[a]; ok {
			return m, year, true
		}
		if len(a) > 2 || !isDigits(a) {
			return 0, 0, false
		}
		n, _ := strconv.Atoi(a)
		if n < 1 || n > 12 {
			return 0, 0, false
		}
		return time.Month(n), year, true
	}
	return 0, 0, false
}
