package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// Fuzz targets: run one with, for example,
//
//	go test -run='^$' -fuzz=FuzzNIK -fuzztime=10s ./handlers/parse/
//
// Each checks that the parser never panics, that every error is a Problem
// without a long run of digits, and that accepted output parses again to
// the same value.

// fuzzNow turns a fuzzed number into a "now" between 1950 and 2150.
func fuzzNow(sec int64) time.Time {
	const lo, span = -631152000, 6311520000 // 1950-01-01 UTC, 200 years
	if sec < 0 {
		sec = -(sec + 1)
	}
	return time.Unix(lo+sec%span, 0).UTC()
}

func FuzzName(f *testing.F) {
	for _, s := range []string{"Siti Aminah", `<Budi> & "Sri"`, "Dr. Siti Aminah, S.Sos.", "Moch. Ma'ruf",
		"  a  b  ", "Budi 😀", "Budi\u200d", "\xff\xfe", "李小龙", "Jose\u0301", strings.Repeat("ab ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Name(s)
		if err != nil {
			checkProblem(t, err)
			return
		}
		n := utf8.RuneCountInString(got)
		if n < 3 || n > 100 || got != strings.TrimSpace(got) || strings.Contains(got, "  ") || !utf8.ValidString(got) {
			t.Fatalf("Name(%q) = %q breaks the length or spacing rules", s, got)
		}
		for _, r := range got {
			if unicode.IsNumber(r) || unicode.IsControl(r) {
				t.Fatalf("Name(%q) = %q contains %U", s, got, r)
			}
		}
		if again, err := Name(got); err != nil || again != got {
			t.Fatalf("Name(%q) = %q, %v; not idempotent", got, again, err)
		}
	})
}

var e164Re = regexp.MustCompile(`^\+628[0-9]{8,11}$`)

func FuzzPhone(f *testing.F) {
	for _, s := range []string{"0812-3456-7890", "0812 3456 7890", "081234567890", "+62 812-3456-7890",
		"62812345678", "(0812) 3456 7890", "+628123456789", "0343-421234", "+62 (0)812", "++62", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (string, error){Phone, PhoneFromContact} {
			got, err := parse(s)
			if err != nil {
				checkProblem(t, err)
				continue
			}
			if !e164Re.MatchString(got) {
				t.Fatalf("%q gave %q, not an Indonesian mobile number in E.164", s, got)
			}
			for _, again := range []func(string) (string, error){Phone, PhoneFromContact} {
				if g2, err := again(got); err != nil || g2 != got {
					t.Fatalf("%q re-parsed to %q, %v", got, g2, err)
				}
			}
			if m := kit.MaskPhone(got); strings.Contains(m, got[3:]) || len(m) != len(got) {
				t.Fatalf("MaskPhone(%q) = %q", got, m)
			}
		}
	})
}

func FuzzNIK(f *testing.F) {
	for _, s := range []string{"3575011203900001", "3575 0452 0885 0123", "35.75.04-520885-0123",
		"3575012902000001", "3575013213900001", "357501120390001", "3575011203900000", "9975011203900001"} {
		f.Add(s, int64(1773543600))
	}
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		now := fuzzNow(sec)
		n, err := NIK(s, now)
		if err != nil {
			checkProblem(t, err)
			return
		}
		if len(n.Value) != 16 || !isDigits(n.Value) || n.Region != n.Value[:6] {
			t.Fatalf("NIK(%q) gave malformed %#v", s, n)
		}
		if age := n.AgeAt(now); age < 0 || age > 99 || n.BirthDate.After(now) {
			t.Fatalf("NIK(%q) at %v: birth %v, age %d", s, now, n.BirthDate, age)
		}
		again, err := NIK(n.Value, now)
		if err != nil || again.Value != n.Value || !again.BirthDate.Equal(n.BirthDate) || again.Female != n.Female {
			t.Fatalf("NIK(%q) not idempotent: %v", n.Masked(), err)
		}
		for _, out := range []string{fmt.Sprintf("%v %+v %#v %s %d", n, n, n, n, n), n.String(), n.GoString(), n.LogValue().String()} {
			if strings.Contains(out, n.Value) || strings.Contains(out, n.Value[6:12]) {
				t.Fatalf("printed NIK reveals the number: %q", out)
			}
		}
	})
}

func FuzzKelurahan(f *testing.F) {
	for _, s := range []string{"Mayangan", "TAPA'AN", "tapa an", "Bugul Kidul", "35.75.04.1006", "1006",
		"Kel. Mayangan", "Mayangn", "Purwtrejo", "kelurahan tidak ada", "’"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(4))
	}
	kecs := domain.Kecamatans()
	f.Fuzz(func(t *testing.T, s string, kecIdx uint8) {
		kecCode := ""
		if i := int(kecIdx) % (len(kecs) + 2); i < len(kecs) {
			kecCode = kecs[i].Code
		} else if i == len(kecs)+1 {
			kecCode = "35.75.99" // unknown: searches all
		}
		k, err := Kelurahan(s, kecCode)
		if err != nil {
			checkProblem(t, err)
		} else {
			if byCode, ok := domain.KelurahanByCode(k.Code); !ok || byCode != k {
				t.Fatalf("Kelurahan(%q, %q) = %+v, not a known kelurahan", s, kecCode, k)
			}
			if _, known := domain.KecamatanByCode(kecCode); known && k.KecamatanCode != kecCode {
				t.Fatalf("Kelurahan(%q, %q) = %+v, outside the kecamatan", s, kecCode, k)
			}
			for _, in := range []string{k.Name, k.Code} {
				if again, err := Kelurahan(in, kecCode); err != nil || again != k {
					t.Fatalf("Kelurahan(%q, %q) = %+v, %v; want %+v", in, kecCode, again, err, k)
				}
			}
		}
		if kec, err := Kecamatan(s); err != nil {
			checkProblem(t, err)
		} else if again, err := Kecamatan(kec.Name); err != nil || again != kec {
			t.Fatalf("Kecamatan(%q) = %+v, %v; want %+v", kec.Name, again, err, kec)
		}
	})
}

func checkMidnightWIB(t *testing.T, in string, d time.Time) {
	t.Helper()
	if d.Location() != domain.WIB || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
		t.Fatalf("Date(%q) = %v, not midnight WIB", in, d)
	}
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"20-12-2023", "20/12/2023", "20.12.2023", "20-12-23", "20 Desember 2023",
		"20 des 2023", "hari ini", "kemarin", "besok", "lusa", "Rabu, 20 Desember 2023", "31-02-2024", "tgl"} {
		f.Add(s, int64(1703102400))
	}
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		now := fuzzNow(sec)
		d, err := Date(s, now)
		if err != nil {
			checkProblem(t, err)
			return
		}
		checkMidnightWIB(t, s, d)
		for _, again := range []string{kit.FormatShortDate(d), kit.FormatDate(d)} {
			if d2, err := Date(again, now); err != nil || !d2.Equal(d) {
				t.Fatalf("Date(%q) = %v, %v; want %v (from %q)", again, d2, err, d, s)
			}
		}
	})
}

func FuzzDateTime(f *testing.F) {
	for _, s := range []string{"20-12-2023 08.00", "besok 08.00", "20 Desember 2023 jam 08.00",
		"20 Desember 2023 pukul 8.00", "Rabu, 20 Desember 2023, 08.00 WIB", "20-12-2023 25.00", "08.00", "jam"} {
		f.Add(s, int64(1703102400))
	}
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		now := fuzzNow(sec)
		d, err := DateTime(s, now)
		if err != nil {
			checkProblem(t, err)
		} else {
			if d.Location() != domain.WIB || d.Second() != 0 || d.Nanosecond() != 0 {
				t.Fatalf("DateTime(%q) = %v, not whole minutes in WIB", s, d)
			}
			again := kit.FormatDateTime(d)
			if d2, err := DateTime(again, now); err != nil || !d2.Equal(d) {
				t.Fatalf("DateTime(%q) = %v, %v; want %v (from %q)", again, d2, err, d, s)
			}
		}
		if h, m, err := Time(s); err != nil {
			checkProblem(t, err)
		} else if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("Time(%q) = %d, %d", s, h, m)
		} else if h2, m2, err := Time(fmt.Sprintf("%02d.%02d", h, m)); err != nil || h2 != h || m2 != m {
			t.Fatalf("Time(%02d.%02d) = %d, %d, %v", h, m, h2, m2, err)
		}
	})
}

func FuzzInt(f *testing.F) {
	for _, s := range []string{"12", "1.250", " 3 orang ", "12 jiwa", "5 KK", "-3", "1,5", "1..250", "99999999999999999999"} {
		f.Add(s, -10, 10000)
	}
	f.Fuzz(func(t *testing.T, s string, lo, hi int) {
		if lo > hi {
			lo, hi = hi, lo
		}
		n, err := Int(s, lo, hi)
		if err != nil {
			checkProblem(t, err)
			return
		}
		if n < lo || n > hi {
			t.Fatalf("Int(%q, %d, %d) = %d, out of range", s, lo, hi, n)
		}
		for _, again := range []string{strconv.Itoa(n), kit.FormatInt(n)} {
			if n2, err := Int(again, lo, hi); err != nil || n2 != n {
				t.Fatalf("Int(%q) = %d, %v; want %d", again, n2, err, n)
			}
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Membagikan sembako", "  \r\n a \x00", "\xff"} {
		f.Add(s, 1, 50)
	}
	f.Fuzz(func(t *testing.T, s string, lo, hi int) {
		got, err := Text(s, lo, hi)
		if err != nil {
			checkProblem(t, err)
			return
		}
		if !utf8.ValidString(got) || strings.ContainsAny(got, "\x00\r") {
			t.Fatalf("Text(%q) = %q", s, got)
		}
		if again, err := Text(got, lo, hi); err != nil || again != got {
			t.Fatalf("Text(%q) = %q, %v; not idempotent", got, again, err)
		}
	})
}
