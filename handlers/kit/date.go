package kit

import (
	"fmt"
	"time"

	"pilarbot/storage/domain"
)

// monthNames are the Indonesian month names, index 0 = January.
var monthNames = [12]string{
	"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember",
}

// dayNames are the Indonesian day names indexed by time.Weekday.
var dayNames = [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// MonthName returns the Indonesian name of m, e.g. "Desember".
func MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return monthNames[m-1]
}

// DayName returns the Indonesian name of d, e.g. "Rabu".
func DayName(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	return dayNames[d]
}

// FormatDate formats t in WIB as "Rabu, 20 Desember 2023".
func FormatDate(t time.Time) string {
	t = t.In(domain.WIB)
	return fmt.Sprintf("%s, %d %s %d", DayName(t.Weekday()), t.Day(), MonthName(t.Month()), t.Year())
}

// FormatDateTime formats t in WIB as "Rabu, 20 Desember 2023, 08.00 WIB".
func FormatDateTime(t time.Time) string {
	t = t.In(domain.WIB)
	return fmt.Sprintf("%s, %02d.%02d WIB", FormatDate(t), t.Hour(), t.Minute())
}

// FormatShortDate formats t in WIB as "20-12-2023".
func FormatShortDate(t time.Time) string {
	t = t.In(domain.WIB)
	return fmt.Sprintf("%02d-%02d-%04d", t.Day(), int(t.Month()), t.Year())
}
