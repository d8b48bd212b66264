package parse

import (
	"strings"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		min, max int
		want     int
		wantMsg  string
		bad      bool // refused with the range message
	}{
		{name: "plain", in: "12", min: 0, max: 100, want: 12},
		{name: "thousands separator", in: "1.250", min: 0, max: 10000, want: 1250},
		{name: "millions", in: "1.000.000", min: 0, max: 2000000, want: 1000000},
		{name: "orang with spaces", in: " 3 orang ", min: 1, max: 100, want: 3},
		{name: "jiwa", in: "12 jiwa", min: 1, max: 100, want: 12},
		{name: "KK upper case", in: "5 KK", min: 1, max: 100, want: 5},
		{name: "unit without space", in: "5kk", min: 1, max: 100, want: 5},
		{name: "grouped with unit", in: "1.250 Orang", min: 0, max: 10000, want: 1250},
		{name: "zero", in: "0", min: 0, max: 10, want: 0},
		{name: "leading zero", in: "007", min: 0, max: 10, want: 7},
		{name: "negative allowed", in: "-3", min: -10, max: 10, want: -3},
		{name: "bounds inclusive", in: "100", min: 1, max: 100, want: 100},

		{name: "above max", in: "101", min: 1, max: 100, wantMsg: "Mohon tulis angka 1 sampai 100. Contoh: 12."},
		{name: "below min", in: "0", min: 1, max: 1000, wantMsg: "Mohon tulis angka 1 sampai 1.000. Contoh: 12."},
		{name: "example moved into range", in: "x", min: 20, max: 30, wantMsg: "Mohon tulis angka 20 sampai 30. Contoh: 20."},
		{name: "word", in: "banyak", min: 1, max: 100, bad: true},
		{name: "decimal comma", in: "1,5", min: 0, max: 100, bad: true},
		{name: "short group", in: "1.25", min: 0, max: 10000, bad: true},
		{name: "long group", in: "12.3456", min: 0, max: 1000000, bad: true},
		{name: "leading dot", in: ".250", min: 0, max: 1000, bad: true},
		{name: "trailing dot", in: "1.", min: 0, max: 1000, bad: true},
		{name: "double dot", in: "1..250", min: 0, max: 10000, bad: true},
		{name: "two units", in: "3 orang orang", min: 1, max: 100, bad: true},
		{name: "unit only", in: "orang", min: 1, max: 100, bad: true},
		{name: "empty", in: "", min: 1, max: 100, bad: true},
		{name: "plus sign", in: "+3", min: 1, max: 100, bad: true},
		{name: "overflow", in: strings.Repeat("9", 30), min: 0, max: 100, bad: true},
		{name: "Arabic-Indic digits", in: "١٢", min: 0, max: 100, bad: true},
		{name: "negative not allowed", in: "-3", min: 0, max: 100, bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Int(tc.in, tc.min, tc.max)
			if tc.bad {
				tc.wantMsg = msgIntRange(tc.min, tc.max)
			}
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Int(%q) error: %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Int(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		min, max int
		want     string
		wantMsg  string
	}{
		{name: "trimmed", in: "  Membagikan sembako.  ", min: 10, max: 100, want: "Membagikan sembako."},
		{name: "inner spacing and newlines kept", in: "Baris satu\n\nBaris  dua", min: 10, max: 100, want: "Baris satu\n\nBaris  dua"},
		{name: "CRLF", in: "Baris satu\r\nBaris dua", min: 10, max: 100, want: "Baris satu\nBaris dua"},
		{name: "control characters dropped", in: "Kunjungan\x00 rumah\x1b", min: 10, max: 100, want: "Kunjungan rumah"},
		{name: "counted in runes", in: "ꦱꦶꦠꦶ", min: 4, max: 4, want: "ꦱꦶꦠꦶ"},
		{name: "invalid UTF-8 replaced", in: "Kunjungan \xff rumah", min: 10, max: 100, want: "Kunjungan \uFFFD rumah"},

		{name: "too short", in: "  abc  ", min: 10, max: 100, wantMsg: "Uraian terlalu pendek, minimal 10 huruf."},
		{name: "only spaces", in: "   ", min: 1, max: 100, wantMsg: "Uraian terlalu pendek, minimal 1 huruf."},
		{name: "too long", in: strings.Repeat("a", 1001), min: 10, max: 1000, wantMsg: "Uraian terlalu panjang, maksimal 1.000 huruf."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Text(tc.in, tc.min, tc.max)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Text(%q) error: %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
