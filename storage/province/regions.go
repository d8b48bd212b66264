package province

import (
	"fmt"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Region is one kabupaten/kota of the province-sized data set: Kota
// Pasuruan with its real 4 kecamatan and 34 kelurahan, or a synthetic
// one whose kecamatan and kelurahan codes follow the official pattern
// (35.RR.KK and 35.RR.KK.1NNN), so the same scope and segment SQL that
// filters Kota Pasuruan's places filters them too.
type Region struct {
	Code       string   // e.g. "35.75"
	Name       string   // e.g. "Kota Pasuruan"
	Kecamatans []string // kecamatan codes, e.g. "35.75.04"
	Kelurahans []string // kelurahan codes, e.g. "35.75.04.1006"
}

// Scope is the wilayah kerja of a coordinator who works in the whole
// region: its kecamatan.
func (r Region) Scope() storage.Scope {
	return storage.Scope{Kecamatans: append([]string(nil), r.Kecamatans...)}
}

// The 38 kabupaten/kota of Jawa Timur by their Kemendagri codes. Only
// Kota Pasuruan's places are real; the others get syntheticKecamatans
// kecamatan of syntheticKelurahans kelurahan each, about its size.
var regionNames = [][2]string{
	{"35.01", "Kabupaten Pacitan"}, {"35.02", "Kabupaten Ponorogo"}, {"35.03", "Kabupaten Trenggalek"},
	{"35.04", "Kabupaten Tulungagung"}, {"35.05", "Kabupaten Blitar"}, {"35.06", "Kabupaten Kediri"},
	{"35.07", "Kabupaten Malang"}, {"35.08", "Kabupaten Lumajang"}, {"35.09", "Kabupaten Jember"},
	{"35.10", "Kabupaten Banyuwangi"}, {"35.11", "Kabupaten Bondowoso"}, {"35.12", "Kabupaten Situbondo"},
	{"35.13", "Kabupaten Probolinggo"}, {"35.14", "Kabupaten Pasuruan"}, {"35.15", "Kabupaten Sidoarjo"},
	{"35.16", "Kabupaten Mojokerto"}, {"35.17", "Kabupaten Jombang"}, {"35.18", "Kabupaten Nganjuk"},
	{"35.19", "Kabupaten Madiun"}, {"35.20", "Kabupaten Magetan"}, {"35.21", "Kabupaten Ngawi"},
	{"35.22", "Kabupaten Bojonegoro"}, {"35.23", "Kabupaten Tuban"}, {"35.24", "Kabupaten Lamongan"},
	{"35.25", "Kabupaten Gresik"}, {"35.26", "Kabupaten Bangkalan"}, {"35.27", "Kabupaten Sampang"},
	{"35.28", "Kabupaten Pamekasan"}, {"35.29", "Kabupaten Sumenep"}, {"35.71", "Kota Kediri"},
	{"35.72", "Kota Blitar"}, {"35.73", "Kota Malang"}, {"35.74", "Kota Probolinggo"},
	{"35.75", "Kota Pasuruan"}, {"35.76", "Kota Mojokerto"}, {"35.77", "Kota Madiun"},
	{"35.78", "Kota Surabaya"}, {"35.79", "Kota Batu"},
}

const (
	syntheticKecamatans = 4
	syntheticKelurahans = 8
	// PasuruanCode is the code of the one region with real places.
	PasuruanCode = "35.75"
)

// Regions returns the 38 regions in code order, Kota Pasuruan among
// them with its real places.
func Regions() []Region {
	out := make([]Region, 0, len(regionNames))
	for _, rn := range regionNames {
		r := Region{Code: rn[0], Name: rn[1]}
		if r.Code == PasuruanCode {
			for _, k := range domain.Kecamatans() {
				r.Kecamatans = append(r.Kecamatans, k.Code)
			}
			for _, k := range domain.AllKelurahan() {
				r.Kelurahans = append(r.Kelurahans, k.Code)
			}
		} else {
			for k := 1; k <= syntheticKecamatans; k++ {
				kec := fmt.Sprintf("%s.%02d", r.Code, k)
				r.Kecamatans = append(r.Kecamatans, kec)
				for l := 1; l <= syntheticKelurahans; l++ {
					r.Kelurahans = append(r.Kelurahans, fmt.Sprintf("%s.%d", kec, 1000+l))
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// RegionByCode returns the region with the given code, e.g. "35.75".
func RegionByCode(code string) (Region, bool) {
	for _, r := range Regions() {
		if r.Code == code {
			return r, true
		}
	}
	return Region{}, false
}
