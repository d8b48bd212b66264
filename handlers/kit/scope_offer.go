package kit

import (
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// What a coordinator may aim an announcement or an event at: the pilar
// types and places inside their scope. The buttons offer only these, and
// a typed answer outside them is refused before the store refuses it
// again (storage.Segment.Within, in the transaction).

// ScopePilars are the pilar types inside g: the scope's, or every pilar.
func ScopePilars(g storage.Scope) []domain.Pilar {
	var out []domain.Pilar
	for _, p := range domain.Pilars() {
		if PilarInScope(p.Code, g) {
			out = append(out, p)
		}
	}
	return out
}

// ScopeKecamatans are the kecamatan wholly inside g, in the city's order:
// all four for a scope without places.
func ScopeKecamatans(g storage.Scope) []domain.Kecamatan {
	var out []domain.Kecamatan
	for _, k := range domain.Kecamatans() {
		if PlaceInScope(k.Code, g) {
			out = append(out, k)
		}
	}
	return out
}

// ScopeKelurahans are the kelurahan inside g, in the city's order: those
// it names and those of its kecamatan, or all 34.
func ScopeKelurahans(g storage.Scope) []domain.Kelurahan {
	var out []domain.Kelurahan
	for _, k := range domain.AllKelurahan() {
		if PlaceInScope(k.Code, g) {
			out = append(out, k)
		}
	}
	return out
}

// PilarInScope reports whether the pilar type lies inside g.
func PilarInScope(pilar string, g storage.Scope) bool {
	return storage.Segment{Pilars: []string{pilar}}.Within(storage.Scope{Pilars: g.Pilars})
}

// PlaceInScope reports whether a kecamatan or kelurahan code lies inside
// g's places.
func PlaceInScope(code string, g storage.Scope) bool {
	places := storage.Scope{Kecamatans: g.Kecamatans, Kelurahans: g.Kelurahans}
	return storage.RegionsSegment(nil, []string{code}).Within(places)
}

// ScopeAllPilars is "every pilar" for a coordinator of g, as a
// multi-select answer: the scope's pilar types, or "[]".
func ScopeAllPilars(g storage.Scope) string { return EncodePicks(g.Pilars) }

// ScopeAllPlaces is "the whole city" for a coordinator of g, as a
// multi-select answer of region codes: the scope's places, or "[]".
func ScopeAllPlaces(g storage.Scope) string { return EncodePicks(g.Regions()) }
