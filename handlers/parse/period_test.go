package parse

import (
	"errors"
	"testing"
	"time"

	"pilarbot/conversations"
	"pilarbot/storage/domain"
)

func TestPeriodOf(t *testing.T) {
	// 10 January 2024, 01.00 WIB: still 9 January in UTC.
	now := time.Date(2024, 1, 9, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in, want string // want: "2006-01" or "" for a problem
	}{
		{"this month", "bulan ini", "2024-01"},
		{"this month capitalised", "  Bulan   INI ", "2024-01"},
		{"last month crosses the year", "bulan lalu", "2023-12"},
		{"last month other word", "bulan kemarin", "2023-12"},
		{"month name and year", "Desember 2023", "2023-12"},
		{"abbreviation", "des 2023", "2023-12"},
		{"old spelling", "Nopember 2023", "2023-11"},
		{"numeric slash", "12/2023", "2023-12"},
		{"numeric dash", "1-2024", "2024-01"},
		{"iso", "2023-12", "2023-12"},
		{"name only, this year", "januari", "2024-01"},
		{"name only, last year", "desember", "2023-12"},
		{"future month", "Februari 2024", ""},
		{"month 13", "13/2023", ""},
		{"month 0", "0/2023", ""},
		{"two-digit year", "12/23", ""},
		{"too old", "Desember 1999", ""},
		{"empty", "", ""},
		{"day date", "20-12-2023", ""},
		{"nonsense", "kapan saja", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PeriodOf(tt.in, now)
			if tt.want == "" {
				var prob *conversations.Invalid
				if !errors.As(err, &prob) {
					t.Fatalf("PeriodOf(%q) = %v, %v; want a problem", tt.in, p.Key(), err)
				}
				return
			}
			if err != nil {
				t.Fatalf("PeriodOf(%q): %v", tt.in, err)
			}
			if p.Key() != tt.want {
				t.Fatalf("PeriodOf(%q) = %s; want %s", tt.in, p.Key(), tt.want)
			}
			if p.Start.Location() != domain.WIB || p.End != p.Start.AddDate(0, 1, 0) || p.Start.Day() != 1 || p.Start.Hour() != 0 {
				t.Fatalf("PeriodOf(%q) = [%v, %v)", tt.in, p.Start, p.End)
			}
		})
	}
	if got := MonthPeriod(now).Label(); got != "Januari 2024" {
		t.Errorf("label = %q", got)
	}
}

func FuzzPeriodOf(f *testing.F) {
	for _, s := range []string{"bulan ini", "bulan lalu", "Desember 2023", "12/2023", "2023-12", "des", "\xff/2023", "99/9999"} {
		f.Add(s)
	}
	now := time.Date(2024, 1, 10, 8, 0, 0, 0, domain.WIB)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := PeriodOf(s, now)
		if err != nil {
			checkProblem(t, err)
			return
		}
		if p.Start.After(now) || p.Start.Year() < 2000 || p.End != p.Start.AddDate(0, 1, 0) {
			t.Fatalf("PeriodOf(%q) = [%v, %v)", s, p.Start, p.End)
		}
		// The label reads back as the same month.
		if again, err := PeriodOf(p.Label(), now); err != nil || again != p {
			t.Fatalf("PeriodOf(%q) = %v, %v; want %v", p.Label(), again, err, p)
		}
		if again, err := PeriodOf(p.Key(), now); err != nil || again != p {
			t.Fatalf("PeriodOf(%q) = %v, %v; want %v", p.Key(), again, err, p)
		}
	})
}
