package domain

import (
	"regexp"
	"strings"
	"testing"
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

func TestKelurahanPoints(t *testing.T) {
	for _, k := range AllKelurahan() {
		p, ok := KelurahanPoint(k.Code)
		if !ok {
			t.Errorf("kelurahan %s (%s) has no reference point", k.Code, k.Name)
			continue
		}
		if !PasuruanBBox.Contains(p.Lat, p.Lon) {
			t.Errorf("the point of %s (%v) lies outside the city's box", k.Name, p)
		}
	}
	if len(kelurahanPoints) != len(AllKelurahan()) {
		t.Errorf("%d points for %d kelurahan", len(kelurahanPoints), len(AllKelurahan()))
	}
	mayangan, _ := KelurahanPoint("35.75.04.1006")
	if d, far := FarFromKelurahan("35.75.04.1006", mayangan.Lat, mayangan.Lon); far || d != 0 {
		t.Errorf("the reference point itself is %v m away, far=%t", d, far)
	}
	bukir, _ := KelurahanPoint("35.75.01.1005")
	d, far := FarFromKelurahan("35.75.04.1006", bukir.Lat, bukir.Lon)
	if !far || d < 3000 {
		t.Errorf("a pin in Bukir is %v m from Mayangan, far=%t; want far, over 3 km", d, far)
	}
	if _, far := FarFromKelurahan("99.99.99.9999", 0, 0); far {
		t.Error("an unknown kelurahan is far")
	}
}
