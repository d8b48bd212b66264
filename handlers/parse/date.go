package parse

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"pilarbot/conversations"
	"pilarbot/storage/domain"
)

// Years outside this range are refused: they are typing mistakes, and
// keeping dates in four digits keeps them printable as dd-mm-yyyy.
const (
	minYear = 1900
	maxYear = 2199
)

// relativeDays are the words for days around today.
var relativeDays = map[string]int{
	"hari ini": 0, "hariini": 0, "sekarang": 0,
	"kemarin": -1, "kmrn": -1, "kemarin lusa": -2,
	"besok": 1, "bsk": 1, "besuk": 1,
	"lusa": 2,
}

// monthWords maps Indonesian month names, their 3-letter abbreviations
// and the old spellings still seen (Pebruari, Nopember) to months.
var monthWords = map[string]time.Month{
	"januari": 1, "jan": 1,
	"februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
	"maret": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mei":  5,
	"juni": 6, "jun": 6,
	"juli": 7, "jul": 7,
	"agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10,
	"november": 11, "nopember": 11, "nov": 11, "nop": 11,
	"desember": 12, "des": 12,
}

// dayWords maps Indonesian day names to weekdays.
var dayWords = map[string]time.Weekday{
	"minggu": time.Sunday, "ahad": time.Sunday,
	"senin": time.Monday, "selasa": time.Tuesday, "rabu": time.Wednesday,
	"kamis": time.Thursday, "jumat": time.Friday, "jum'at": time.Friday,
	"sabtu": time.Saturday,
}

// Date parses a calendar date and returns midnight WIB of that day. Accepted,
// in any letter case and with any extra spaces:
//   - "20-12-2023", "20/12/2023", "20.12.2023" (one kind of separator),
//     "20-12-23", "20 12 2023";
//   - "20 Desember 2023", "20 des 2023", "20-des-2023", with the month
//     written in full, as a 3-letter abbreviation (agu/agt/ags for
//     August) or in the old spelling (Pebruari, Nopember);
//   - "hari ini", "kemarin", "besok", "lusa" (and "kemarin lusa"),
//     relative to now in WIB;
//   - an optional leading "tanggal"/"tgl" and day name ("Rabu, 20 Desember
//     2023", as FormatDate writes it); a day name that does not match the
//     date is refused.
//
// A two-digit year is taken in the century that puts it closest to now's
// year (within 50 years). Years outside 1900–2199 are refused. Dates that do
// not exist (31-02-2024) are refused with their own message.
func Date(s string, now time.Time) (time.Time, error) {
	return parseDate(strings.Fields(strings.ToLower(s)), now)
}

func parseDate(fields []string, now time.Time) (time.Time, error) {
	if len(fields) > 0 {
		if f := strings.TrimSuffix(fields[0], "."); f == "tanggal" || f == "tgl" {
			fields = fields[1:]
		}
	}
	if off, ok := relativeDays[strings.Join(fields, " ")]; ok {
		y, m, d := now.In(domain.WIB).Date()
		return time.Date(y, m, d+off, 0, 0, 0, 0, domain.WIB), nil
	}

	weekday, hasWeekday := time.Weekday(0), false
	if len(fields) > 0 {
		first := strings.TrimSuffix(fields[0], ",")
		if wd, ok := dayWords[first]; ok {
			weekday, hasWeekday = wd, true
			fields = fields[1:]
			if len(fields) > 0 && fields[0] == "," {
				fields = fields[1:]
			}
		}
	}
	if n := len(fields); n > 0 {
		fields[n-1] = strings.TrimSuffix(fields[n-1], ",")
	}

	var parts []string
	switch len(fields) {
	case 1:
		parts = splitDate(fields[0])
	case 3:
		parts = fields
	}
	if len(parts) != 3 {
		return time.Time{}, problem(msgDate)
	}
	day, month, year, ok := dateParts(parts, now)
	if !ok {
		return time.Time{}, problem(msgDate)
	}
	t, ok := makeDate(year, month, day)
	if !ok {
		return time.Time{}, problem(msgDateNotExist)
	}
	if hasWeekday && t.Weekday() != weekday {
		return time.Time{}, problem(msgWeekdayMismatch(t))
	}
	return t, nil
}

// splitDate splits "20-12-2023" on its separator, which must be the same
// twice.
func splitDate(s string) []string {
	for _, sep := range []string{"-", "/", "."} {
		if strings.Count(s, sep) == 2 {
			parts := strings.Split(s, sep)
			for _, p := range parts {
				if strings.ContainsAny(p, "-/.") {
					return nil
				}
			}
			return parts
		}
	}
	return nil
}

// dateParts reads day, month and year from three tokens.
func dateParts(p []string, now time.Time) (day, month, year int, ok bool) {
	if len(p[0]) < 1 || len(p[0]) > 2 || !isDigits(p[0]) {
		return 0, 0, 0, false
	}
	day, _ = strconv.Atoi(p[0])

	mw := strings.TrimSuffix(p[1], ".")
	if m, found := monthWords[mw]; found {
		month = int(m)
	} else if len(mw) >= 1 && len(mw) <= 2 && isDigits(mw) {
		month, _ = strconv.Atoi(mw)
	} else {
		return 0, 0, 0, false
	}

	switch {
	case len(p[2]) == 4 && isDigits(p[2]):
		year, _ = strconv.Atoi(p[2])
	case len(p[2]) == 2 && isDigits(p[2]):
		year = nearestYear(atoi2(p[2]), now.In(domain.WIB).Year())
	default:
		return 0, 0, 0, false
	}
	if year < minYear || year > maxYear {
		return 0, 0, 0, false
	}
	return day, month, year, true
}

// nearestYear returns the year ending in yy that is closest to ref.
func nearestYear(yy, ref int) int {
	y := ref - ref%100 + yy
	switch {
	case y > ref+50:
		y -= 100
	case y <= ref-50:
		y += 100
	}
	return y
}

// Time parses a time of day: "08.00", "08:00", "8.00", "8", "20.30", with an
// optional leading "jam"/"pukul"/"pkl" and trailing "WIB". Minutes, when
// given, have two digits. 24.00 and later, and minutes over 59, are refused.
func Time(s string) (hour, minute int, err error) {
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) > 1 && fields[len(fields)-1] == "wib" {
		fields = fields[:len(fields)-1]
	}
	if len(fields) > 1 && isTimeWord(fields[0]) {
		fields = fields[1:]
	}
	if len(fields) != 1 {
		return 0, 0, problem(msgTime)
	}
	h, m, ok := clock(fields[0])
	if !ok {
		return 0, 0, problem(msgTime)
	}
	return h, m, nil
}

func isTimeWord(s string) bool {
	switch strings.TrimSuffix(s, ".") {
	case "jam", "pukul", "pkl":
		return true
	}
	return false
}

// clock reads "8", "08", "8.00", "08:30".
func clock(s string) (hour, minute int, ok bool) {
	h, m, hasMin := strings.Cut(s, ".")
	if !hasMin {
		h, m, hasMin = strings.Cut(s, ":")
	}
	if len(h) < 1 || len(h) > 2 || !isDigits(h) {
		return 0, 0, false
	}
	hour, _ = strconv.Atoi(h)
	if hasMin {
		if len(m) != 2 || !isDigits(m) {
			return 0, 0, false
		}
		minute, _ = strconv.Atoi(m)
	}
	if hour > 23 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}

// DateTime parses a date followed by a time, in WIB: "20-12-2023 08.00",
// "besok 08.00", "20 Desember 2023 jam 08.00", "20 Desember 2023 pukul
// 8.00", and what FormatDateTime writes ("Rabu, 20 Desember 2023, 08.00
// WIB"). The date part follows Date and the time part follows Time.
func DateTime(s string, now time.Time) (time.Time, error) {
	fields := strings.Fields(strings.ToLower(s))
	if n := len(fields); n > 0 && fields[n-1] == "wib" {
		fields = fields[:n-1]
	}
	if len(fields) < 2 {
		return time.Time{}, dateTimeProblem(fields, now)
	}
	h, m, ok := clock(fields[len(fields)-1])
	if !ok {
		return time.Time{}, dateTimeProblem(fields, now)
	}
	dateFields := fields[:len(fields)-1]
	if n := len(dateFields); n > 1 && isTimeWord(dateFields[n-1]) {
		dateFields = dateFields[:n-1]
	}
	d, err := parseDate(append([]string(nil), dateFields...), now)
	if err != nil {
		var p *conversations.Invalid
		if _, whole := parseDate(append([]string(nil), fields...), now); whole == nil {
			return time.Time{}, problem(msgDateTimeNoJam)
		}
		if errors.As(err, &p) && p.Msg != msgDate {
			return time.Time{}, err // a precise message: no such date, wrong day name
		}
		return time.Time{}, problem(msgDateTime)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, domain.WIB), nil
}

// dateTimeProblem explains why fields without a valid time at the end were
// refused: the date alone (no time), a valid date followed by a bad time, or
// neither.
func dateTimeProblem(fields []string, now time.Time) error {
	if _, err := parseDate(append([]string(nil), fields...), now); err == nil {
		return problem(msgDateTimeNoJam)
	}
	if n := len(fields); n >= 2 {
		dateFields := fields[:n-1]
		if m := len(dateFields); m > 1 && isTimeWord(dateFields[m-1]) {
			dateFields = dateFields[:m-1]
		}
		if _, err := parseDate(append([]string(nil), dateFields...), now); err == nil {
			return problem(msgTime)
		}
	}
	return problem(msgDateTime)
}
