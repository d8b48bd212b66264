package domain

import (
	"errors"
	"strconv"
	"strings"
)

// Activity is a kind of activity a volunteer reports. Which extra
// questions the report flow asks follows from its flags.
type Activity struct {
	Code  string // stored in reports.activity, e.g. "kunjungan_rumah"
	Label string // shown on the button and in summaries
	// Disaster marks a Tagana deployment: disaster type, victims, evacuees
	// and needs are asked.
	Disaster bool
	// PMKS marks a PSM activity with a beneficiary: PMKS category and the
	// number of people helped are asked.
	PMKS bool
}

// ActivityOther is the "Lainnya" choice every pilar has.
const ActivityOther = "lainnya"

// activities are the activity types a report of each pilar may name and
// what each adds to the report (disaster figures, PMKS and people helped):
// the one list the report flow and summaries use.
var activities = map[string][]Activity{
	"psm": {
		{Code: "kunjungan_rumah", Label: "Kunjungan rumah", PMKS: true},
		{Code: "pendataan_pmks", Label: "Pendataan PMKS", PMKS: true},
		{Code: "penyaluran_bantuan", Label: "Penyaluran bantuan", PMKS: true},
		{Code: "pendampingan", Label: "Pendampingan", PMKS: true},
		{Code: "rujukan", Label: "Rujukan", PMKS: true},
		{Code: "penyuluhan", Label: "Penyuluhan"},
	},
	"tagana": {
		{Code: "asesmen", Label: "Asesmen bencana", Disaster: true},
		{Code: "evakuasi", Label: "Evakuasi", Disaster: true},
		{Code: "dapur_umum", Label: "Dapur umum", Disaster: true},
		{Code: "shelter", Label: "Shelter / pengungsian", Disaster: true},
		{Code: "psikososial", Label: "Dukungan psikososial", Disaster: true},
		{Code: "siaga", Label: "Piket siaga / patroli"},
		{Code: "pelatihan", Label: "Pelatihan / simulasi"},
	},
	"tksk": {
		{Code: "verval_data", Label: "Verifikasi data DTKS"},
		{Code: "pendampingan_bansos", Label: "Pendampingan bansos"},
		{Code: "koordinasi", Label: "Koordinasi kecamatan"},
		{Code: "penyuluhan", Label: "Penyuluhan"},
		{Code: "rujukan", Label: "Rujukan"},
	},
	"pkh": {
		{Code: "p2k2", Label: "Pertemuan kelompok (P2K2)"},
		{Code: "kunjungan_kpm", Label: "Kunjungan rumah KPM"},
		{Code: "verifikasi_komitmen", Label: "Verifikasi komitmen"},
		{Code: "pendampingan_penyaluran", Label: "Pendampingan penyaluran"},
		{Code: "pemutakhiran_data", Label: "Pemutakhiran data"},
	},
	"karang_taruna": {
		{Code: "bakti_sosial", Label: "Bakti sosial"},
		{Code: "pelatihan", Label: "Pelatihan keterampilan"},
		{Code: "olahraga_seni", Label: "Olahraga / seni budaya"},
		{Code: "pertemuan", Label: "Rapat / pertemuan"},
	},
	"karang_werda": {
		{Code: "senam_lansia", Label: "Senam lansia"},
		{Code: "posyandu_lansia", Label: "Posyandu lansia"},
		{Code: "keagamaan", Label: "Kegiatan keagamaan"},
		{Code: "kunjungan_lansia", Label: "Kunjungan lansia"},
		{Code: "pertemuan", Label: "Pertemuan rutin"},
	},
	"lksa": {
		{Code: "pengasuhan", Label: "Pengasuhan anak"},
		{Code: "bimbingan", Label: "Pendidikan / bimbingan"},
		{Code: "kesehatan", Label: "Kesehatan anak"},
		{Code: "reunifikasi", Label: "Kunjungan / reunifikasi keluarga"},
	},
}

// ActivitiesOf returns the activity types of a pilar, "Lainnya" last. The
// slice is a copy.
func ActivitiesOf(pilar string) []Activity {
	return append(append([]Activity(nil), activities[pilar]...), otherActivity)
}

// otherActivity is the "Lainnya" entry ActivitiesOf appends.
var otherActivity = Activity{Code: ActivityOther, Label: "Lainnya"}

// ActivityOf returns the activity type code of a pilar.
// It reads the table in place, without ActivitiesOf's copy: an export
// asks it for every row.
func ActivityOf(pilar, code string) (Activity, bool) {
	for _, a := range activities[pilar] {
		if a.Code == code {
			return a, true
		}
	}
	if code == ActivityOther {
		return otherActivity, true
	}
	return Activity{}, false
}

// DisasterTypes are the kinds of disaster a Tagana deployment is for.
var DisasterTypes = []string{"Banjir", "Kebakaran", "Angin puting beliung", "Tanah longsor", "Lainnya"}

// PMKSCategories are the common PMKS (Pemerlu Pelayanan Kesejahteraan
// Sosial) categories of Permensos No. 08 Tahun 2012, which lists 26; the
// others are reported as "Lainnya".
var PMKSCategories = []string{
	"Fakir miskin",
	"Lanjut usia telantar",
	"Penyandang disabilitas",
	"Anak telantar",
	"Anak balita telantar",
	"Perempuan rawan sosial ekonomi",
	"Korban tindak kekerasan",
	"Korban bencana alam",
	"Gelandangan / pengemis",
	"Keluarga bermasalah sosial psikologis",
	"Lainnya",
}

// BBox is a latitude/longitude rectangle.
type BBox struct {
	MinLat, MinLon, MaxLat, MaxLon float64
}

// PasuruanBBox is Kota Pasuruan with a margin of about 1–2 km. The city
// (35.29 km²) lies between roughly 7.605°S (the coast) and 7.685°S, and
// 112.865°E and 112.945°E; the official "7°35′–7°45′ S, 112°45′–112°55′ E"
// is a coarse rounding that reaches well into Kabupaten Pasuruan in the
// west and cuts off Bugul Kidul in the east.
var PasuruanBBox = BBox{MinLat: -7.70, MinLon: 112.85, MaxLat: -7.59, MaxLon: 112.96}

// Contains reports whether the point lies in b, edges included.
func (b BBox) Contains(lat, lon float64) bool {
	return lat >= b.MinLat && lat <= b.MaxLat && lon >= b.MinLon && lon <= b.MaxLon
}

// ParseBBox reads "minLat,minLon,maxLat,maxLon" in decimal degrees.
func ParseBBox(s string) (BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return BBox{}, errors.New("want four numbers minLat,minLon,maxLat,maxLon")
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return BBox{}, errors.New("want four numbers minLat,minLon,maxLat,maxLon")
		}
		v[i] = f
	}
	b := BBox{MinLat: v[0], MinLon: v[1], MaxLat: v[2], MaxLon: v[3]}
	switch {
	case b.MinLat < -90 || b.MaxLat > 90 || b.MinLon < -180 || b.MaxLon > 180:
		return BBox{}, errors.New("latitudes must lie in -90..90 and longitudes in -180..180")
	case b.MinLat >= b.MaxLat || b.MinLon >= b.MaxLon:
		return BBox{}, errors.New("the minimum must be below the maximum")
	}
	return b, nil
}
