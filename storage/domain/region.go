package domain

// Kecamatan is a district of Kota Pasuruan.
type Kecamatan struct {
	// Code is the official code, e.g. "35.75.04".
	Code string
	// Name is the official name, e.g. "Panggungrejo".
	Name string
}

// Kelurahan is an urban village of Kota Pasuruan.
type Kelurahan struct {
	// Code is the full official code, e.g. "35.75.04.1006".
	Code string
	// Name is the official spelling, apostrophes included, e.g. "Tapa'an".
	Name string
	// KecamatanCode is the code of the kecamatan it belongs to.
	KecamatanCode string
}

// Official codes from Kepmendagri 300.2.2-2138/2025, the kecamatan and,
// within each, the kelurahan in code order.
var kecamatans = []Kecamatan{
	{Code: "35.75.01", Name: "Gadingrejo"},
	{Code: "35.75.02", Name: "Purworejo"},
	{Code: "35.75.03", Name: "Bugul Kidul"},
	{Code: "35.75.04", Name: "Panggungrejo"},
}

var kelurahans = func() []Kelurahan {
	table := []struct {
		kec  string
		list [][2]string // suffix, name
	}{
		{"35.75.01", [][2]string{
			{"1001", "Karangketug"}, {"1002", "Gentong"}, {"1003", "Sebani"},
			{"1004", "Petahunan"}, {"1005", "Bukir"}, {"1006", "Randusari"},
			{"1007", "Krapyakrejo"}, {"1009", "Gadingrejo"},
		}},
		{"35.75.02", [][2]string{
			{"1001", "Pohjentrek"}, {"1002", "Wirogunan"}, {"1003", "Tembokrejo"},
			{"1004", "Purutrejo"}, {"1005", "Kebonagung"}, {"1006", "Purworejo"},
			{"1011", "Sekargadung"},
		}},
		{"35.75.03", [][2]string{
			{"1001", "Blandongan"}, {"1002", "Kepel"}, {"1003", "Tapa'an"},
			{"1005", "Bakalan"}, {"1006", "Krampyangan"}, {"1009", "Bugul Kidul"},
		}},
		{"35.75.04", [][2]string{
			{"1001", "Karanganyar"}, {"1002", "Tamba'an"}, {"1003", "Trajeng"},
			{"1004", "Bangilan"}, {"1005", "Kebonsari"}, {"1006", "Mayangan"},
			{"1007", "Ngemplakrejo"}, {"1008", "Petamanan"}, {"1009", "Pekuncen"},
			{"1010", "Bugul Lor"}, {"1011", "Kandangsapi"}, {"1012", "Panggungrejo"},
			{"1013", "Mandaranrejo"},
		}},
	}
	var out []Kelurahan
	for _, k := range table {
		for _, kel := range k.list {
			out = append(out, Kelurahan{Code: k.kec + "." + kel[0], Name: kel[1], KecamatanCode: k.kec})
		}
	}
	return out
}()

// Kecamatans returns the four kecamatan of Kota Pasuruan in code order. The
// slice is a copy.
func Kecamatans() []Kecamatan {
	return append([]Kecamatan(nil), kecamatans...)
}

// KecamatanByCode returns the kecamatan with the given code, e.g. "35.75.04".
func KecamatanByCode(code string) (Kecamatan, bool) {
	for _, k := range kecamatans {
		if k.Code == code {
			return k, true
		}
	}
	return Kecamatan{}, false
}

// AllKelurahan returns the 34 kelurahan of Kota Pasuruan in table order. The
// slice is a copy.
func AllKelurahan() []Kelurahan {
	return append([]Kelurahan(nil), kelurahans...)
}

// KelurahansOf returns the kelurahan of the given kecamatan in table order,
// or nil if the code is unknown.
func KelurahansOf(kecamatanCode string) []Kelurahan {
	var out []Kelurahan
	for _, k := range kelurahans {
		if k.KecamatanCode == kecamatanCode {
			out = append(out, k)
		}
	}
	return out
}

// KelurahanByCode returns the kelurahan with the given full code, e.g.
// "35.75.04.1006".
func KelurahanByCode(code string) (Kelurahan, bool) {
	for _, k := range kelurahans {
		if k.Code == code {
			return k, true
		}
	}
	return Kelurahan{}, false
}
