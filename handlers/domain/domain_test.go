package domain

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestPilars(t *testing.T) {
	want := []string{"psm", "tagana", "tksk", "pkh", "karang_taruna", "karang_werda", "lksa"}
	got := Pilars()
	if len(got) != len(want) {
		t.Fatalf("Pilars() has %d entries, want %d", len(got), len(want))
	}
	for i, p := range got {
		if p.Code != want[i] {
			t.Errorf("Pilars()[%d].Code = %q, want %q", i, p.Code, want[i])
		}
		if p.Short == "" || p.Name == "" {
			t.Errorf("pilar %q has an empty Short or Name", p.Code)
		}
		if q, ok := PilarByCode(p.Code); !ok || q != p {
			t.Errorf("PilarByCode(%q) = %v, %v", p.Code, q, ok)
		}
	}
	if _, ok := PilarByCode("PSM"); ok {
		t.Error(`PilarByCode("PSM") found a pilar; codes are lower case`)
	}
	got[0].Code = "changed"
	if Pilars()[0].Code != "psm" {
		t.Error("Pilars() returned the package's own slice")
	}
}

func TestRegions(t *testing.T) {
	kecRe := regexp.MustCompile(`^35\.75\.0[1-4]$`)
	kelRe := regexp.MustCompile(`^35\.75\.0[1-4]\.1\d{3}$`)

	kecs := Kecamatans()
	if len(kecs) != 4 {
		t.Fatalf("Kecamatans() has %d entries, want 4", len(kecs))
	}
	all := AllKelurahan()
	if len(all) != 34 {
		t.Fatalf("AllKelurahan() has %d entries, want 34", len(all))
	}

	seen := map[string]bool{}
	total := 0
	for _, kec := range kecs {
		if !kecRe.MatchString(kec.Code) {
			t.Errorf("kecamatan code %q is malformed", kec.Code)
		}
		if k, ok := KecamatanByCode(kec.Code); !ok || k != kec {
			t.Errorf("KecamatanByCode(%q) = %v, %v", kec.Code, k, ok)
		}
		list := KelurahansOf(kec.Code)
		total += len(list)
		for _, kel := range list {
			if !kelRe.MatchString(kel.Code) {
				t.Errorf("kelurahan code %q is malformed", kel.Code)
			}
			if !strings.HasPrefix(kel.Code, kec.Code+".") || kel.KecamatanCode != kec.Code {
				t.Errorf("kelurahan %q is not consistent with kecamatan %q", kel.Code, kec.Code)
			}
			if seen[kel.Code] {
				t.Errorf("kelurahan code %q is duplicated", kel.Code)
			}
			seen[kel.Code] = true
			if k, ok := KelurahanByCode(kel.Code); !ok || k != kel {
				t.Errorf("KelurahanByCode(%q) = %v, %v", kel.Code, k, ok)
			}
		}
	}
	if total != 34 {
		t.Errorf("kelurahan per kecamatan add up to %d, want 34", total)
	}

	wantCount := map[string]int{"35.75.01": 8, "35.75.02": 7, "35.75.03": 6, "35.75.04": 13}
	for code, n := range wantCount {
		if got := len(KelurahansOf(code)); got != n {
			t.Errorf("len(KelurahansOf(%q)) = %d, want %d", code, got, n)
		}
	}

	for _, tc := range []struct{ code, name, kec string }{
		{"35.75.04.1006", "Mayangan", "35.75.04"},
		{"35.75.03.1003", "Tapa'an", "35.75.03"},
		{"35.75.04.1002", "Tamba'an", "35.75.04"},
		{"35.75.03.1009", "Bugul Kidul", "35.75.03"},
		{"35.75.02.1011", "Sekargadung", "35.75.02"},
		{"35.75.01.1009", "Gadingrejo", "35.75.01"},
		{"35.75.04.1013", "Mandaranrejo", "35.75.04"},
	} {
		k, ok := KelurahanByCode(tc.code)
		if !ok || k.Name != tc.name || k.KecamatanCode != tc.kec {
			t.Errorf("KelurahanByCode(%q) = %+v, %v; want %s in %s", tc.code, k, ok, tc.name, tc.kec)
		}
	}
	if k, _ := KecamatanByCode("35.75.04"); k.Name != "Panggungrejo" {
		t.Errorf("35.75.04 = %q, want Panggungrejo", k.Name)
	}
	if _, ok := KelurahanByCode("35.75.01.1008"); ok {
		t.Error("35.75.01.1008 does not exist but was found")
	}
	if KelurahansOf("35.75.05") != nil {
		t.Error("KelurahansOf of an unknown kecamatan is not nil")
	}
}

func TestStatusLabel(t *testing.T) {
	for _, tc := range []struct {
		s    Status
		want string
	}{
		{StatusPending, "Menunggu verifikasi"},
		{StatusVerified, "Terverifikasi"},
		{StatusRejected, "Ditolak"},
		{Status("other"), "Tidak diketahui"},
	} {
		if got := tc.s.Label(); got != tc.want {
			t.Errorf("%q.Label() = %q, want %q", tc.s, got, tc.want)
		}
	}
	if RoleVolunteer != "relawan" || RoleCoordinator != "koordinator" || RoleAdmin != "admin" {
		t.Error("role values changed; they are stored in the database")
	}
}

func TestFormatDate(t *testing.T) {
	// 20 December 2023 08:00 WIB (the HKSN ceremony) was a Wednesday.
	hksn := time.Date(2023, 12, 20, 8, 0, 0, 0, WIB)
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
		{"Sunday", time.Date(2024, 3, 3, 23, 59, 0, 0, WIB), "Minggu, 3 Maret 2024", "Minggu, 3 Maret 2024, 23.59 WIB", "03-03-2024"},
		{"Saturday in May", time.Date(2024, 5, 18, 0, 0, 0, 0, WIB), "Sabtu, 18 Mei 2024", "Sabtu, 18 Mei 2024, 00.00 WIB", "18-05-2024"},
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
