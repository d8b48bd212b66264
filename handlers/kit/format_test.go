package kit

import (
	"math"
	"pilarbot/storage/domain"
	"testing"
	"time"
)

func TestStatusLabel(t *testing.T) {
	for _, tc := range []struct {
		s    domain.Status
		want string
	}{
		{domain.StatusPending, "Menunggu verifikasi"},
		{domain.StatusVerified, "Terverifikasi"},
		{domain.StatusRejected, "Ditolak"},
		{domain.StatusErased, "Data dihapus"},
		{domain.Status("other"), "Tidak diketahui"},
	} {
		if got := StatusLabel(tc.s); got != tc.want {
			t.Errorf("StatusLabel(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	for _, tc := range []struct {
		s    domain.ReportStatus
		want string
	}{
		{domain.ReportSubmitted, "Menunggu tinjauan"},
		{domain.ReportApproved, "Disetujui"},
		{domain.ReportNeedsCorrection, "Perlu perbaikan"},
		{domain.ReportRejected, "Ditolak"},
		{domain.ReportStatus("other"), "Tidak diketahui"},
	} {
		if got := ReportStatusLabel(tc.s); got != tc.want {
			t.Errorf("ReportStatusLabel(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if domain.RoleVolunteer != "relawan" || domain.RoleCoordinator != "koordinator" || domain.RoleAdmin != "admin" {
		t.Error("role values changed; they are stored in the database")
	}
}

func TestFormatDate(t *testing.T) {
	// 20 December 2023 08:00 WIB (the HKSN ceremony) was a Wednesday.
	hksn := time.Date(2023, 12, 20, 8, 0, 0, 0, domain.WIB)
	tests := []struct {
		name string
		t    time.Time
		date string
		dt   string
		shrt string
	}{
		{"WIB input", hksn, "Rabu, 20 Desember 2023", "Rabu, 20 Desember 2023, 08.00 WIB", "20-12-2023"},
		{"UTC input is shown in WIB", hksn.UTC(), "Rabu, 20 Desember 2023", "Rabu, 20 Desember 2023, 08.00 WIB", "20-12-2023"},
		{"UTC evening is the next day in WIB", time.Date(2023, 12, 20, 17, 30, 0, 0, time.UTC),
			"Kamis, 21 Desember 2023", "Kamis, 21 Desember 2023, 00.30 WIB", "21-12-2023"},
		{"other zone", time.Date(2024, 1, 5, 9, 5, 0, 0, time.FixedZone("X", -5*3600)),
			"Jumat, 5 Januari 2024", "Jumat, 5 Januari 2024, 21.05 WIB", "05-01-2024"},
		{"Sunday", time.Date(2024, 3, 3, 23, 59, 0, 0, domain.WIB), "Minggu, 3 Maret 2024", "Minggu, 3 Maret 2024, 23.59 WIB", "03-03-2024"},
		{"Saturday in May", time.Date(2024, 5, 18, 0, 0, 0, 0, domain.WIB), "Sabtu, 18 Mei 2024", "Sabtu, 18 Mei 2024, 00.00 WIB", "18-05-2024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatDate(tc.t); got != tc.date {
				t.Errorf("FormatDate = %q, want %q", got, tc.date)
			}
			if got := FormatDateTime(tc.t); got != tc.dt {
				t.Errorf("FormatDateTime = %q, want %q", got, tc.dt)
			}
			if got := FormatShortDate(tc.t); got != tc.shrt {
				t.Errorf("FormatShortDate = %q, want %q", got, tc.shrt)
			}
		})
	}
	for m := time.January; m <= time.December; m++ {
		if MonthName(m) == "" {
			t.Errorf("MonthName(%v) is empty", m)
		}
	}
	if MonthName(0) != "" || DayName(7) != "" {
		t.Error("out-of-range month or day has a name")
	}
}

func TestMaskNIK(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"valid", "3575014101900001", "3575**********01"},
		{"15 digits", "357501410190000", "****************"},
		{"17 digits", "35750141019000012", "****************"},
		{"spaces", "3575 0141 0190 0001", "****************"},
		{"letters", "3575a14101900001", "****************"},
		{"empty", "", "****************"},
		{"non-ASCII digits", "३५७५014101900001", "****************"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MaskNIK(tc.in); got != tc.want {
				t.Errorf("MaskNIK(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMaskPhone(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"12 digits", "+62812345678890", "+62812******890"},
		{"brief example", "+628123456890", "+62812****890"},
		{"13-digit national", "+6281234567890", "+62812*****890"},
		{"10-digit national", "+62811234567", "+62811***567"},
		{"shortest maskable", "+628111234", "+62811*234"},
		{"too short", "+62812345", "+62*********"},
		{"local form", "081234567890", "+62*********"},
		{"foreign", "+14155552671", "+62*********"},
		{"letters", "+62812abc7890", "+62*********"},
		{"empty", "", "+62*********"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MaskPhone(tc.in); got != tc.want {
				t.Errorf("MaskPhone(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1.000"}, {1250, "1.250"},
		{12345, "12.345"}, {123456, "123.456"}, {1234567, "1.234.567"},
		{-1, "-1"}, {-1250, "-1.250"}, {-999, "-999"},
		{math.MaxInt32, "2.147.483.647"},
		{math.MinInt32, "-2.147.483.648"},
	}
	for _, tc := range tests {
		if got := FormatInt(tc.in); got != tc.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFormatDistance(t *testing.T) {
	for _, tc := range []struct {
		m    float64
		want string
	}{
		{0, "0 m"}, {49.6, "50 m"}, {300, "300 m"}, {999.4, "999 m"}, {1000, "1,0 km"}, {1234, "1,2 km"}, {46000, "46,0 km"},
	} {
		if got := FormatDistance(tc.m); got != tc.want {
			t.Errorf("FormatDistance(%v) = %q, want %q", tc.m, got, tc.want)
		}
	}
}
