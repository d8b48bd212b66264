package kit

import (
	"slices"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// What a coordinator may aim an announcement or an event at: the pilar
// types and places inside their scope. The buttons offer only these, and
// a typed answer outside them is refused before the store refuses it
// again (storage.Segment.Within, in the transaction).

// ScopePilars are the pilar types inside g: the scope's, or every pilar.
func ScopePilars(g storage.Scope) []domain.Pilar {
	return slices.DeleteFunc(domain.Pilars(), func(p domain.Pilar) bool { return !PilarInScope(p.Code, g) })
}

// ScopeKecamatans are the kecamatan wholly inside g, in the city's order:
// all four for a scope without places.
func ScopeKecamatans(g storage.Scope) []domain.Kecamatan {
	return slices.DeleteFunc(domain.Kecamatans(), func(k domain.Kecamatan) bool { return !PlaceInScope(k.Code, g) })
}

// ScopeKelurahans are the kelurahan inside g, in the city's order: those
// it names and those of its kecamatan, or all 34.
func ScopeKelurahans(g storage.Scope) []domain.Kelurahan {
	return slices.DeleteFunc(domain.AllKelurahan(), func(k domain.Kelurahan) bool { return !PlaceInScope(k.Code, g) })
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
