package demo

import (
	"fmt"

	"pilarbot/storage/domain"
)

// FirstID is the Telegram id of the first demo volunteer; the others
// follow it in the order of the people table.
const FirstID int64 = 5001

// person is a demo volunteer: invented, but with a real kelurahan.
type person struct {
	name   string
	female bool
	pilar  string
	kel    string // kelurahan code suffix after the kecamatan, e.g. "04.1006"
	status domain.Status
}

// people are the demo city's volunteers: every pilar type, the four
// kecamatan, one TKSK in each. The last one is written last and marks a
// complete seed.
var people = []person{
	// Panggungrejo, the centre and the coast.
	{"Siti Aminah", true, "psm", "04.1006", domain.StatusVerified},
	{"Bambang Suryanto", false, "tagana", "04.1003", domain.StatusVerified},
	{"Rina Wulandari", true, "psm", "04.1007", domain.StatusVerified},
	{"Agus Prasetyo", false, "tksk", "04.1012", domain.StatusVerified},
	{"Dewi Lestari", true, "pkh", "04.1009", domain.StatusVerified},
	{"Hendra Kurniawan", false, "karang_taruna", "04.1007", domain.StatusVerified},
	{"Sri Rahayu", true, "karang_werda", "04.1009", domain.StatusVerified},
	{"Yusuf Maulana", false, "tagana", "04.1010", domain.StatusVerified},
	{"Nur Hidayati", true, "lksa", "04.1005", domain.StatusVerified},
	{"Fajar Nugroho", false, "psm", "04.1002", domain.StatusPending},
	// Gadingrejo, the west.
	{"Endang Susilowati", true, "psm", "01.1001", domain.StatusVerified},
	{"Joko Santoso", false, "tksk", "01.1009", domain.StatusVerified},
	{"Wahyu Hidayat", false, "tagana", "01.1005", domain.StatusVerified},
	{"Lilik Mahmudah", true, "pkh", "01.1003", domain.StatusVerified},
	{"Rizky Firmansyah", false, "karang_taruna", "01.1002", domain.StatusVerified},
	{"Suparmi", true, "karang_werda", "01.1006", domain.StatusVerified},
	{"Ahmad Fauzi", false, "psm", "01.1007", domain.StatusVerified},
	{"Indah Permatasari", true, "psm", "01.1004", domain.StatusPending},
	// Purworejo, the south.
	{"Sugeng Riyadi", false, "tksk", "02.1006", domain.StatusVerified},
	{"Kartini Handayani", true, "psm", "02.1002", domain.StatusVerified},
	{"Dodik Setiawan", false, "tagana", "02.1001", domain.StatusVerified},
	{"Umi Kulsum", true, "pkh", "02.1004", domain.StatusVerified},
	{"Arif Rahman", false, "karang_taruna", "02.1011", domain.StatusVerified},
	{"Ninik Sulistyowati", true, "lksa", "02.1005", domain.StatusVerified},
	{"Eko Wibowo", false, "psm", "02.1003", domain.StatusVerified},
	{"Lailatul Fitriyah", true, "karang_taruna", "02.1006", domain.StatusPending},
	// Bugul Kidul, the east.
	{"Slamet Widodo", false, "tksk", "03.1009", domain.StatusVerified},
	{"Maria Ulfa", true, "psm", "03.1003", domain.StatusVerified},
	{"Teguh Prakoso", false, "tagana", "03.1006", domain.StatusVerified},
	{"Anik Muawanah", true, "pkh", "03.1001", domain.StatusVerified},
	{"Dimas Aditya", false, "karang_taruna", "03.1002", domain.StatusVerified},
	{"Sumiati", true, "karang_werda", "03.1005", domain.StatusVerified},
	{"Hadi Purnomo", false, "psm", "03.1009", domain.StatusVerified},
	{"Rudi Hartono", false, "tagana", "03.1003", domain.StatusRejected},
}

// kelurahanCode returns the full code of a person's kelurahan.
func (p person) kelurahanCode() string { return "35.75." + p.kel }

// telegramID returns the Telegram id of people[i].
func telegramID(i int) int64 { return FirstID + int64(i) }

// phone returns an invented mobile number for people[i], E.164.
func phone(i int) string { return fmt.Sprintf("+62812%07d", 3300000+i*7919%1000000) }

// nik returns a valid NIK of Kota Pasuruan for people[i]: the kecamatan's
// region code, a birth date (40 added to the day for women) and a
// serial.
func nik(i int, p person) string {
	day := 1 + i%28
	if p.female {
		day += 40
	}
	return fmt.Sprintf("3575%s%02d%02d%02d%04d", p.kel[:2], day, 1+i%12, 70+i%25, 9000+i)
}

// mustKelurahan panics on a code that is not in the official list, so a
// typo in the table fails every test of the package.
func mustKelurahan(code string) domain.Kelurahan {
	k, ok := domain.KelurahanByCode(code)
	if !ok {
		panic("demo: unknown kelurahan " + code)
	}
	return k
}
