package parse

import (
	"testing"
	"time"

	"pilarbot/storage/domain"
)

// dateNow is 20 December 2023 20.00 UTC, which is already Thursday
// 21 December 2023, 03.00 WIB: relative words must count from the WIB date.
var dateNow = time.Date(2023, 12, 20, 20, 0, 0, 0, time.UTC)

func TestDate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantMsg string
	}{
		{name: "dashes", in: "20-12-2023", want: date(2023, 12, 20)},
		{name: "slashes", in: "20/12/2023", want: date(2023, 12, 20)},
		{name: "dots", in: "20.12.2023", want: date(2023, 12, 20)},
		{name: "two-digit year", in: "20-12-23", want: date(2023, 12, 20)},
		{name: "two-digit year last century", in: "01-01-99", want: date(1999, 1, 1)},
		{name: "single digits", in: "1-1-2024", want: date(2024, 1, 1)},
		{name: "spaces between numbers", in: "20 12 2023", want: date(2023, 12, 20)},
		{name: "month name", in: "20 Desember 2023", want: date(2023, 12, 20)},
		{name: "abbreviation", in: "20 des 2023", want: date(2023, 12, 20)},
		{name: "abbreviation upper case, extra spaces", in: "  20   DES   2023 ", want: date(2023, 12, 20)},
		{name: "abbreviation with dot", in: "20 Des. 2023", want: date(2023, 12, 20)},
		{name: "month name with dashes", in: "20-des-2023", want: date(2023, 12, 20)},
		{name: "agu", in: "17 agu 2023", want: date(2023, 8, 17)},
		{name: "agt", in: "17 Agt 2023", want: date(2023, 8, 17)},
		{name: "ags", in: "17 ags 2023", want: date(2023, 8, 17)},
		{name: "mei", in: "1 Mei 2024", want: date(2024, 5, 1)},
		{name: "old spelling Nopember", in: "10 Nopember 2023", want: date(2023, 11, 10)},
		{name: "old spelling Pebruari", in: "14 Pebruari 2024", want: date(2024, 2, 14)},
		{name: "month name two-digit year", in: "20 des 23", want: date(2023, 12, 20)},
		{name: "with day name as FormatDate writes", in: "Rabu, 20 Desember 2023", want: date(2023, 12, 20)},
		{name: "with tanggal", in: "tanggal 20-12-2023", want: date(2023, 12, 20)},
		{name: "with tgl.", in: "tgl. 20/12/2023", want: date(2023, 12, 20)},
		{name: "leap day", in: "29-02-2024", want: date(2024, 2, 29)},
		{name: "hari ini (WIB date)", in: "hari ini", want: date(2023, 12, 21)},
		{name: "hari ini upper case, extra spaces", in: "  HARI   Ini ", want: date(2023, 12, 21)},
		{name: "kemarin", in: "kemarin", want: date(2023, 12, 20)},
		{name: "besok", in: "Besok", want: date(2023, 12, 22)},
		{name: "lusa", in: "lusa", want: date(2023, 12, 23)},

		{name: "31 February", in: "31-02-2024", wantMsg: msgDateNotExist},
		{name: "30 Februari", in: "30 Februari 2024", wantMsg: msgDateNotExist},
		{name: "29 February in a common year", in: "29-02-2023", wantMsg: msgDateNotExist},
		{name: "31 April", in: "31/04/2024", wantMsg: msgDateNotExist},
		{name: "month 13", in: "20-13-2023", wantMsg: msgDateNotExist},
		{name: "day 00", in: "00-12-2023", wantMsg: msgDateNotExist},
		{name: "wrong day name", in: "Sabtu, 20 Desember 2023",
			wantMsg: "Tanggal 20 Desember 2023 jatuh pada hari Rabu. Mohon periksa kembali hari dan tanggalnya. Contoh: Rabu, 20 Desember 2023."},
		{name: "mixed separators", in: "20-12/2023", wantMsg: msgDate},
		{name: "no separators", in: "20122023", wantMsg: msgDate},
		{name: "no year", in: "20 Desember", wantMsg: msgDate},
		{name: "unknown month", in: "20 Decembre 2023", wantMsg: msgDate},
		{name: "three-digit year", in: "20-12-202", wantMsg: msgDate},
		{name: "year too early", in: "20-12-1800", wantMsg: msgDate},
		{name: "unknown word", in: "minggu depan", wantMsg: msgDate},
		{name: "empty", in: "", wantMsg: msgDate},
		{name: "time only", in: "08.00", wantMsg: msgDate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Date(tc.in, dateNow)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Date(%q) error: %v", tc.in, err)
			}
			if !got.Equal(tc.want) || got.Location() != domain.WIB {
				t.Errorf("Date(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestTime(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		h, m    int
		wantErr bool
	}{
		{name: "dot", in: "08.00", h: 8},
		{name: "colon", in: "08:00", h: 8},
		{name: "one-digit hour", in: "8.00", h: 8},
		{name: "hour only", in: "8", h: 8},
		{name: "evening", in: "20.30", h: 20, m: 30},
		{name: "midnight", in: "00.00"},
		{name: "last minute", in: "23.59", h: 23, m: 59},
		{name: "jam prefix", in: "jam 8", h: 8},
		{name: "pukul and WIB", in: "Pukul 08.15 WIB", h: 8, m: 15},
		{name: "spaces", in: "  13:05 ", h: 13, m: 5},

		{name: "24.00", in: "24.00", wantErr: true},
		{name: "25.00", in: "25.00", wantErr: true},
		{name: "minute 60", in: "8.60", wantErr: true},
		{name: "one-digit minute", in: "8.5", wantErr: true},
		{name: "three-digit minute", in: "08.000", wantErr: true},
		{name: "three-digit hour", in: "008.00", wantErr: true},
		{name: "word", in: "pagi", wantErr: true},
		{name: "hour and word", in: "8 pagi", wantErr: true},
		{name: "negative", in: "-1", wantErr: true},
		{name: "empty", in: "", wantErr: true},
		{name: "jam only", in: "jam", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, m, err := Time(tc.in)
			if tc.wantErr {
				wantProblem(t, err, msgTime)
				return
			}
			if err != nil {
				t.Fatalf("Time(%q) error: %v", tc.in, err)
			}
			if h != tc.h || m != tc.m {
				t.Errorf("Time(%q) = %d.%02d, want %d.%02d", tc.in, h, m, tc.h, tc.m)
			}
		})
	}
}

func TestDateTime(t *testing.T) {
	at := func(y, mo, d, h, mi int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, 0, 0, domain.WIB) }
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantMsg string
	}{
		{name: "numeric", in: "20-12-2023 08.00", want: at(2023, 12, 20, 8, 0)},
		{name: "besok", in: "besok 08.00", want: at(2023, 12, 22, 8, 0)},
		{name: "hari ini jam", in: "hari ini jam 8", want: at(2023, 12, 21, 8, 0)},
		{name: "jam", in: "20 Desember 2023 jam 08.00", want: at(2023, 12, 20, 8, 0)},
		{name: "pukul", in: "20 Desember 2023 pukul 8.00", want: at(2023, 12, 20, 8, 0)},
		{name: "as FormatDateTime writes", in: "Rabu, 20 Desember 2023, 08.00 WIB", want: at(2023, 12, 20, 8, 0)},
		{name: "comma before time", in: "20-12-2023, 19:30", want: at(2023, 12, 20, 19, 30)},
		{name: "slashes two-digit year", in: "20/12/23 20:30", want: at(2023, 12, 20, 20, 30)},
		{name: "hour only", in: "21-12-2023 7", want: at(2023, 12, 21, 7, 0)},
		{name: "upper case", in: "BESOK PUKUL 13.00 WIB", want: at(2023, 12, 22, 13, 0)},

		{name: "date without time", in: "20-12-2023", wantMsg: msgDateTimeNoJam},
		{name: "besok without time", in: "besok", wantMsg: msgDateTimeNoJam},
		{name: "month name and two-digit year, no time", in: "20 des 23", wantMsg: msgDateTimeNoJam},
		{name: "25.00", in: "20-12-2023 25.00", wantMsg: msgTime},
		{name: "8.60 after jam", in: "besok jam 8.60", wantMsg: msgTime},
		{name: "31 February", in: "31-02-2024 08.00", wantMsg: msgDateNotExist},
		{name: "wrong day name", in: "Sabtu, 20 Desember 2023 08.00",
			wantMsg: "Tanggal 20 Desember 2023 jatuh pada hari Rabu. Mohon periksa kembali hari dan tanggalnya. Contoh: Rabu, 20 Desember 2023."},
		{name: "time only", in: "08.00", wantMsg: msgDateTime},
		{name: "nonsense", in: "kapan saja", wantMsg: msgDateTime},
		{name: "empty", in: "", wantMsg: msgDateTime},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DateTime(tc.in, dateNow)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("DateTime(%q) error: %v", tc.in, err)
			}
			if !got.Equal(tc.want) || got.Location() != domain.WIB {
				t.Errorf("DateTime(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
