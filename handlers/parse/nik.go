package parse

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// ParsedNIK is a validated Nomor Induk Kependudukan, as returned by NIK.
// (Go does not allow a type and a function of the same name in one package;
// the function keeps the name NIK like the other parsers.) It is personal data
// (UU 27/2022): String, GoString, Format and LogValue all return the masked
// form, so printing or logging a ParsedNIK never reveals the number. Use Value
// explicitly when the full number must be stored.
//
// ParsedNIK has no JSON or text marshalling methods: encoding/json writes the
// fields, Value included, as for any struct.
type ParsedNIK struct {
	// Value is the 16 digits, without separators.
	Value string
	// Region is the first 6 digits: province, regency/city and district
	// (kecamatan) of the issuing office, e.g. "357504".
	Region string
	// BirthDate is midnight WIB of the birth date encoded in the NIK.
	BirthDate time.Time
	// Female is true when 40 was added to the day of birth.
	Female bool
}

// provinceCodes are the first two digits a NIK can start with: the
// Kemendagri province codes. 11–19 Sumatra (Aceh … Kepulauan Bangka
// Belitung), 21 Kepulauan Riau, 31–36 Java (DKI Jakarta … Banten), 51–53
// Bali and Nusa Tenggara, 61–65 Kalimantan (65 Kalimantan Utara since 2012),
// 71–76 Sulawesi, 81–82 Maluku and Maluku Utara, 91–96 Papua (91 Papua and
// 92 Papua Barat, plus 93–96 for the provinces created in 2022: Papua
// Selatan, Papua Tengah, Papua Pegunungan, Papua Barat Daya). A NIK keeps
// its original code after a province is split, so older codes stay valid.
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "16": true, "17": true, "18": true, "19": true,
	"21": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true,
	"51": true, "52": true, "53": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "72": true, "73": true, "74": true, "75": true, "76": true,
	"81": true, "82": true,
	"91": true, "92": true, "93": true, "94": true, "95": true, "96": true,
}

// NIK checks s as a NIK. Spaces, dots and dashes are removed; the rest
// must be exactly 16 ASCII digits where
//   - digits 1–2 are a province code (see provinceCodes), and digits 3–4
//     (regency/city) and 5–6 (kecamatan) are not 00;
//   - digits 7–12 are a birth date DDMMYY, with 40 added to DD for women,
//     that exists in the calendar (29 February only in a leap year);
//   - digits 13–16, the serial number, are not 0000.
//
// The two-digit year is placed in the latest century that puts the birth
// date on or before now (in WIB), so the person is 0 to 99 years old at
// now. NIK only checks validity; use AgeAt to apply an age rule such as
// "PSM must be 18 or over".
func NIK(s string, now time.Time) (ParsedNIK, error) {
	v := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\t':
			return -1
		}
		return r
	}, s)
	if v == "" {
		return ParsedNIK{}, problem(msgNIKNotEmpty)
	}
	if len(v) != 16 || !isDigits(v) {
		return ParsedNIK{}, problem(msgNIKFormat)
	}
	if !provinceCodes[v[:2]] || v[2:4] == "00" || v[4:6] == "00" {
		return ParsedNIK{}, problem(msgNIKRegion)
	}
	if v[12:] == "0000" {
		return ParsedNIK{}, problem(msgNIKSerial)
	}
	day, month, yy := atoi2(v[6:8]), atoi2(v[8:10]), atoi2(v[10:12])
	female := day > 40
	if female {
		day -= 40
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return ParsedNIK{}, problem(msgNIKBirth)
	}
	now = now.In(domain.WIB)
	year := now.Year() - (now.Year()%100-yy+100)%100 // latest year ≤ now with these last two digits
	if month > int(now.Month()) || (month == int(now.Month()) && day > now.Day()) {
		if year == now.Year() {
			year -= 100
		}
	}
	birth, ok := makeDate(year, month, day)
	if !ok {
		return ParsedNIK{}, problem(msgNIKBirth)
	}
	return ParsedNIK{Value: v, Region: v[:6], BirthDate: birth, Female: female}, nil
}

// AgeAt returns the person's age in whole years at now, both dates taken in
// WIB. Someone born on 29 February turns a year older on 1 March in common
// years.
func (n ParsedNIK) AgeAt(now time.Time) int {
	now = now.In(domain.WIB)
	b := n.BirthDate.In(domain.WIB)
	age := now.Year() - b.Year()
	if now.Month() < b.Month() || (now.Month() == b.Month() && now.Day() < b.Day()) {
		age--
	}
	return age
}

// Masked returns the NIK as shown to users, e.g. "3575**********01".
func (n ParsedNIK) Masked() string { return kit.MaskNIK(n.Value) }

// String returns the masked NIK.
func (n ParsedNIK) String() string { return n.Masked() }

// GoString returns the masked NIK, so %#v does not reveal it.
func (n ParsedNIK) GoString() string { return n.Masked() }

// Format writes the masked NIK for every verb (%v, %+v, %d, %x, …), so no
// fmt verb can print the fields.
func (n ParsedNIK) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(n.Masked())) }

// LogValue returns the masked NIK for log/slog.
func (n ParsedNIK) LogValue() slog.Value { return slog.StringValue(n.Masked()) }

var (
	_ fmt.Stringer   = ParsedNIK{}
	_ fmt.GoStringer = ParsedNIK{}
	_ fmt.Formatter  = ParsedNIK{}
	_ slog.LogValuer = ParsedNIK{}
)

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// atoi2 converts two ASCII digits.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// makeDate returns midnight WIB of the given date, and false if the date
// does not exist (e.g. 31 April or 29 February 2023).
func makeDate(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, domain.WIB)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}
