package domain

// Point is a place on the map in decimal degrees (WGS 84).
type Point struct{ Lat, Lon float64 }

// kelurahanPoints are the reference points of the kelurahan: roughly the
// middle of each, to within a few hundred metres. They were estimated from
// the layout of the city, not surveyed, so they serve to flag a report
// whose map pin lies clearly in another part of the city (see
// FarFromKelurahan), never to decide exact boundaries. Replace them with
// the centroids of the official boundary map when Dinsos has it.
var kelurahanPoints = map[string]Point{
	// Gadingrejo, the west of the city.
	"35.75.01.1001": {-7.6465, 112.8870}, // Karangketug
	"35.75.01.1002": {-7.6520, 112.8830}, // Gentong
	"35.75.01.1003": {-7.6560, 112.8900}, // Sebani
	"35.75.01.1004": {-7.6500, 112.8950}, // Petahunan
	"35.75.01.1005": {-7.6600, 112.8780}, // Bukir
	"35.75.01.1006": {-7.6420, 112.8960}, // Randusari
	"35.75.01.1007": {-7.6370, 112.8860}, // Krapyakrejo
	"35.75.01.1009": {-7.6440, 112.8920}, // Gadingrejo
	// Purworejo, the south.
	"35.75.02.1001": {-7.6640, 112.9020}, // Pohjentrek
	"35.75.02.1002": {-7.6650, 112.8950}, // Wirogunan
	"35.75.02.1003": {-7.6520, 112.9010}, // Tembokrejo
	"35.75.02.1004": {-7.6620, 112.9090}, // Purutrejo
	"35.75.02.1005": {-7.6560, 112.9100}, // Kebonagung
	"35.75.02.1006": {-7.6550, 112.9050}, // Purworejo
	"35.75.02.1011": {-7.6700, 112.9060}, // Sekargadung
	// Bugul Kidul, the east.
	"35.75.03.1001": {-7.6480, 112.9200}, // Blandongan
	"35.75.03.1002": {-7.6580, 112.9260}, // Kepel
	"35.75.03.1003": {-7.6400, 112.9260}, // Tapa'an
	"35.75.03.1005": {-7.6680, 112.9220}, // Bakalan
	"35.75.03.1006": {-7.6530, 112.9330}, // Krampyangan
	"35.75.03.1009": {-7.6450, 112.9150}, // Bugul Kidul
	// Panggungrejo, the centre and the coast.
	"35.75.04.1001": {-7.6400, 112.9060}, // Karanganyar
	"35.75.04.1002": {-7.6330, 112.9120}, // Tamba'an
	"35.75.04.1003": {-7.6360, 112.9000}, // Trajeng
	"35.75.04.1004": {-7.6440, 112.9030}, // Bangilan
	"35.75.04.1005": {-7.6470, 112.9100}, // Kebonsari
	"35.75.04.1006": {-7.6330, 112.9040}, // Mayangan
	"35.75.04.1007": {-7.6300, 112.9070}, // Ngemplakrejo
	"35.75.04.1008": {-7.6410, 112.9110}, // Petamanan
	"35.75.04.1009": {-7.6400, 112.9010}, // Pekuncen
	"35.75.04.1010": {-7.6360, 112.9200}, // Bugul Lor
	"35.75.04.1011": {-7.6440, 112.9070}, // Kandangsapi
	"35.75.04.1012": {-7.6280, 112.9000}, // Panggungrejo
	"35.75.04.1013": {-7.6290, 112.8950}, // Mandaranrejo
}

// KelurahanPoint returns the reference point of the kelurahan with the
// given full code.
func KelurahanPoint(code string) (Point, bool) {
	p, ok := kelurahanPoints[code]
	return p, ok
}

// FarFromKelurahanM is how far a report's map pin may lie from the
// reference point of the kelurahan it names before its card says so. A
// kelurahan of Kota Pasuruan is about a kilometre across and the points
// are estimates, so only a pin clearly elsewhere is flagged.
const FarFromKelurahanM = 1500

// FarFromKelurahan returns how far (metres) a pin lies from the reference
// point of kelurahanCode, and whether that is farther than
// FarFromKelurahanM. An unknown kelurahan is never far.
func FarFromKelurahan(kelurahanCode string, lat, lon float64) (float64, bool) {
	p, ok := KelurahanPoint(kelurahanCode)
	if !ok {
		return 0, false
	}
	d := DistanceMeters(p.Lat, p.Lon, lat, lon)
	return d, d > FarFromKelurahanM
}
