package domain

// Pilar is one kind of "pilar sosial" (social pillar) that works with Dinas
// Sosial Kota Pasuruan.
type Pilar struct {
	// Code is the stable key stored in the database, e.g. "psm".
	Code string
	// Short is the name people use day to day, e.g. "PSM".
	Short string
	// Name is the full Indonesian name, e.g. "Pekerja Sosial Masyarakat".
	Name string
}

var pilars = []Pilar{
	{Code: "psm", Short: "PSM", Name: "Pekerja Sosial Masyarakat"},
	{Code: "tagana", Short: "Tagana", Name: "Taruna Siaga Bencana"},
	{Code: "tksk", Short: "TKSK", Name: "Tenaga Kesejahteraan Sosial Kecamatan"},
	{Code: "pkh", Short: "Pendamping PKH", Name: "Pendamping Program Keluarga Harapan"},
	{Code: "karang_taruna", Short: "Karang Taruna", Name: "Karang Taruna"},
	{Code: "karang_werda", Short: "Karang Werda", Name: "Karang Werda"},
	{Code: "lksa", Short: "LKSA", Name: "Lembaga Kesejahteraan Sosial Anak"},
}

// Pilars returns every pilar type in the one order the bot lists them, PSM
// first and LKSA last. The slice is a copy; callers may modify it.
func Pilars() []Pilar {
	return append([]Pilar(nil), pilars...)
}

// PilarByCode returns the pilar with the given code ("psm", "tagana", …).
func PilarByCode(code string) (Pilar, bool) {
	for _, p := range pilars {
		if p.Code == code {
			return p, true
		}
	}
	return Pilar{}, false
}
