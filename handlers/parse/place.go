package parse

import "strings"

// Place reads a place pressed or typed in a multi-select of places as its
// code: "Kec. …" (or "kecamatan …") is a kecamatan, anything else a
// kelurahan, since four kelurahan share their kecamatan's name (Bugul
// Kidul, Gadingrejo, Purworejo, Panggungrejo).
func Place(s string) (string, error) {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "kec") {
		k, err := Kecamatan(s)
		return k.Code, err
	}
	k, err := Kelurahan(s, "")
	return k.Code, err
}
