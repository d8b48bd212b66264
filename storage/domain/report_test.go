package domain

import "testing"

func TestPasuruanBBox(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		want     bool
	}{
		{"city centre (alun-alun)", -7.6406, 112.9064, true},
		{"Mayangan, on the coast", -7.6260, 112.9080, true},
		{"Gadingrejo, west", -7.6500, 112.8750, true},
		{"Bugul Kidul, east", -7.6600, 112.9400, true},
		{"Surabaya", -7.25, 112.75, false},
		{"Bangil, Kabupaten Pasuruan", -7.5990, 112.7800, false},
		{"Probolinggo", -7.7543, 113.2159, false},
		{"edge counts as inside", -7.70, 112.85, true},
		{"positive latitude (sign mistake)", 7.64, 112.90, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PasuruanBBox.Contains(tt.lat, tt.lon); got != tt.want {
				t.Errorf("Contains(%v, %v) = %v, want %v", tt.lat, tt.lon, got, tt.want)
			}
		})
	}
}

func TestParseBBox(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    BBox
		wantErr bool
	}{
		{"default", "-7.70,112.85,-7.59,112.96", PasuruanBBox, false},
		{"spaces", " -7.7 , 112.85, -7.59 ,112.96 ", PasuruanBBox, false},
		{"three numbers", "-7.7,112.85,-7.59", BBox{}, true},
		{"not a number", "-7.7,abc,-7.59,112.96", BBox{}, true},
		{"min above max", "-7.59,112.85,-7.70,112.96", BBox{}, true},
		{"out of range", "-91,112.85,-7.59,112.96", BBox{}, true},
		{"empty", "", BBox{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBBox(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseBBox(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestActivities(t *testing.T) {
	for _, p := range Pilars() {
		list := ActivitiesOf(p.Code)
		if len(list) < 2 || list[len(list)-1].Code != ActivityOther {
			t.Errorf("pilar %s: activities %v, want a list ending in Lainnya", p.Code, list)
		}
		seen := map[string]bool{}
		for _, a := range list {
			if seen[a.Code] || seen[a.Label] {
				t.Errorf("pilar %s: duplicate activity %s", p.Code, a.Code)
			}
			seen[a.Code], seen[a.Label] = true, true
			if len(a.Label) > 40 {
				t.Errorf("pilar %s: label %q too long for a button", p.Code, a.Label)
			}
		}
	}
	if a, ok := ActivityOf("tagana", "evakuasi"); !ok || !a.Disaster {
		t.Errorf("tagana evakuasi = %+v, %v; want a disaster deployment", a, ok)
	}
	if a, ok := ActivityOf("psm", "kunjungan_rumah"); !ok || !a.PMKS {
		t.Errorf("psm kunjungan_rumah = %+v, %v; want PMKS questions", a, ok)
	}
}
