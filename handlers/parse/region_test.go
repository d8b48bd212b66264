package parse

import (
	"testing"

	"pilarbot/storage/domain"
)

func TestKelurahan(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		kec     string
		want    string // kelurahan code
		wantMsg string
	}{
		{name: "exact", in: "Mayangan", want: "35.75.04.1006"},
		{name: "lower case", in: "mayangan", want: "35.75.04.1006"},
		{name: "upper case and spaces", in: "  MAYANGAN ", want: "35.75.04.1006"},
		{name: "within its kecamatan", in: "Mayangan", kec: "35.75.04", want: "35.75.04.1006"},
		{name: "no apostrophe", in: "Tapaan", want: "35.75.03.1003"},
		{name: "apostrophe upper case", in: "TAPA'AN", want: "35.75.03.1003"},
		{name: "curly apostrophe", in: "Tapa’an", want: "35.75.03.1003"},
		{name: "space instead of apostrophe", in: "tapa an", want: "35.75.03.1003"},
		{name: "dash instead of apostrophe", in: "Tapa-an", want: "35.75.03.1003"},
		{name: "Tambaan", in: "Tambaan", kec: "35.75.04", want: "35.75.04.1002"},
		{name: "Bugul Kidul is the kelurahan", in: "Bugul Kidul", want: "35.75.03.1009"},
		{name: "Bugul Kidul extra spaces", in: "bugul   kidul", want: "35.75.03.1009"},
		{name: "Bugul Kidul without space", in: "BugulKidul", want: "35.75.03.1009"},
		{name: "Bugul Lor", in: "bugul lor", kec: "35.75.04", want: "35.75.04.1010"},
		{name: "kelurahan named like its kecamatan", in: "Gadingrejo", kec: "35.75.01", want: "35.75.01.1009"},
		{name: "Purworejo kelurahan", in: "purworejo", want: "35.75.02.1006"},
		{name: "full code", in: "35.75.04.1006", want: "35.75.04.1006"},
		{name: "code without dots", in: "3575041006", want: "35.75.04.1006"},
		{name: "suffix within kecamatan", in: "1006", kec: "35.75.04", want: "35.75.04.1006"},
		{name: "suffix in another kecamatan", in: "1006", kec: "35.75.01", want: "35.75.01.1006"},
		{name: "prefix Kel.", in: "Kel. Mayangan", want: "35.75.04.1006"},
		{name: "prefix kel. without space", in: "kel.mayangan", want: "35.75.04.1006"},
		{name: "prefix Kelurahan", in: "Kelurahan Bugul Kidul", want: "35.75.03.1009"},
		{name: "typo: letter missing", in: "Mayangn", want: "35.75.04.1006"},
		{name: "typo: wrong letter", in: "Mayangam", want: "35.75.04.1006"},
		{name: "typo: extra letter", in: "Ngemplakrejjo", want: "35.75.04.1007"},
		{name: "typo: missing apostrophe and a", in: "Tapan", want: "35.75.03.1003"},
		{name: "typo within kecamatan", in: "Kandangsap", kec: "35.75.04", want: "35.75.04.1011"},
		{name: "short name exact", in: "kepel", want: "35.75.03.1002"},

		{name: "unknown", in: "kelurahan tidak ada", wantMsg: msgKelurahanUnknown},
		{name: "empty", in: "", wantMsg: msgKelurahanUnknown},
		{name: "prefix only", in: "Kel.", wantMsg: msgKelurahanUnknown},
		{name: "suffix alone is ambiguous across the city", in: "1006", wantMsg: msgKelurahanUnknown},
		{name: "typo in a short name not tolerated", in: "Kepal", wantMsg: msgKelurahanUnknown},
		{name: "two typos", in: "Mayngn", wantMsg: msgKelurahanUnknown},
		{name: "ambiguous typo (Purutrejo/Purworejo)", in: "Purwtrejo", wantMsg: msgKelurahanUnknown},
		{name: "kelurahan of another city", in: "Bangil", wantMsg: msgKelurahanUnknown},
		{name: "unknown code", in: "35.75.01.1008", wantMsg: msgKelurahanUnknown},
		{name: "NIK typed", in: "3575014101900001", wantMsg: msgKelurahanUnknown},
		{name: "in another kecamatan", in: "Mayangan", kec: "35.75.01",
			wantMsg: "Kelurahan Mayangan tidak termasuk Kecamatan Gadingrejo. Silakan ketuk salah satu tombol kelurahan."},
		{name: "Bugul Kidul is not in Panggungrejo", in: "Bugul Kidul", kec: "35.75.04",
			wantMsg: "Kelurahan Bugul Kidul tidak termasuk Kecamatan Panggungrejo. Silakan ketuk salah satu tombol kelurahan."},
		{name: "code of another kecamatan", in: "35.75.03.1003", kec: "35.75.04",
			wantMsg: "Kelurahan Tapa'an tidak termasuk Kecamatan Panggungrejo. Silakan ketuk salah satu tombol kelurahan."},
		{name: "unknown within kecamatan", in: "xyz", kec: "35.75.04", wantMsg: msgKelurahanUnknown},
		{name: "unknown suffix within kecamatan", in: "1008", kec: "35.75.01", wantMsg: msgKelurahanUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Kelurahan(tc.in, tc.kec)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Kelurahan(%q, %q) error: %v", tc.in, tc.kec, err)
			}
			want, _ := domain.KelurahanByCode(tc.want)
			if got != want {
				t.Errorf("Kelurahan(%q, %q) = %+v, want %+v", tc.in, tc.kec, got, want)
			}
		})
	}
}

func TestKelurahanRoundTrip(t *testing.T) {
	for _, k := range domain.AllKelurahan() {
		for _, kec := range []string{"", k.KecamatanCode} {
			for _, in := range []string{k.Name, k.Code} {
				got, err := Kelurahan(in, kec)
				if err != nil || got != k {
					t.Errorf("Kelurahan(%q, %q) = %+v, %v; want %+v", in, kec, got, err, k)
				}
			}
		}
	}
}

func TestKecamatan(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantMsg string
	}{
		{name: "exact", in: "Panggungrejo", want: "35.75.04"},
		{name: "lower case", in: "panggungrejo", want: "35.75.04"},
		{name: "two words", in: "Bugul Kidul", want: "35.75.03"},
		{name: "no space", in: "bugulkidul", want: "35.75.03"},
		{name: "prefix Kec.", in: "Kec. Gadingrejo", want: "35.75.01"},
		{name: "prefix kecamatan", in: "kecamatan purworejo", want: "35.75.02"},
		{name: "code", in: "35.75.04", want: "35.75.04"},
		{name: "code without dots", in: "357502", want: "35.75.02"},
		{name: "typo", in: "Panggungrjo", want: "35.75.04"},
		{name: "typo in two-word name", in: "Bugul Kidil", want: "35.75.03"},

		{name: "kelurahan name", in: "Mayangan", wantMsg: msgKecamatanUnknown},
		{name: "other city", in: "Bangil", wantMsg: msgKecamatanUnknown},
		{name: "empty", in: "  ", wantMsg: msgKecamatanUnknown},
		{name: "unknown code", in: "35.75.05", wantMsg: msgKecamatanUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Kecamatan(tc.in)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Kecamatan(%q) error: %v", tc.in, err)
			}
			if got.Code != tc.want {
				t.Errorf("Kecamatan(%q) = %+v, want code %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"", "", true}, {"a", "", true}, {"ab", "", false},
		{"mayangan", "mayangan", true}, {"mayangn", "mayangan", true},
		{"mayangam", "mayangan", true}, {"myaangan", "mayangan", false},
		{"xmayangan", "mayangan", true}, {"mayanganx", "mayangan", true},
		{"tapän", "tapan", true}, {"tapään", "tapan", false},
	}
	for _, tc := range tests {
		if got := withinOneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := withinOneEdit(tc.b, tc.a); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}

// TestRegionKeysDistinct guards the matching rules: after normalisation no
// two names are equal, so dropping spaces and apostrophes is safe.
func TestRegionKeysDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, k := range domain.AllKelurahan() {
		key := regionKey(k.Name)
		if other, dup := seen[key]; dup {
			t.Errorf("kelurahan %q and %q normalise to the same key %q", k.Name, other, key)
		}
		seen[key] = k.Name
	}
	seen = map[string]string{}
	for _, k := range domain.Kecamatans() {
		key := regionKey(k.Name)
		if other, dup := seen[key]; dup {
			t.Errorf("kecamatan %q and %q normalise to the same key %q", k.Name, other, key)
		}
		seen[key] = k.Name
	}
}
