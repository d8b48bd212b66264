// Package audience is the multi-select of who receives a message, shared
// by /umumkan and /siaga: pilar types, kecamatan or kelurahan picked one
// by one (kit.MultiSelect) inside the coordinator's scope, turned into a
// storage.Segment and named in the words of a scope.
package audience

import (
	"fmt"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// The kinds of a multi-select audience. They are stored in flow states in
// Redis: they must not change.
const (
	Pilar     = "pilar"
	Kecamatan = "kecamatan"
	Kelurahan = "kelurahan"
)

// errOutside refuses a pick outside the coordinator's scope (HTML; the
// values are plain names).
const errOutside = "%s di luar wilayah kerja Bapak/Ibu (%s). Silakan pilih salah satu tombol."

// Options are the button labels of kind inside scope: a Bugul Kidul
// coordinator is offered Bugul Kidul's kelurahan only. The whole city's
// for a city-wide coordinator.
func Options(kind string, scope storage.Scope) []string {
	var labels []string
	switch kind {
	case Pilar:
		for _, p := range kit.ScopePilars(scope) {
			labels = append(labels, p.Short)
		}
	case Kecamatan:
		for _, k := range kit.ScopeKecamatans(scope) {
			labels = append(labels, k.Name)
		}
	case Kelurahan:
		for _, k := range kit.ScopeKelurahans(scope) {
			labels = append(labels, k.Name)
		}
	}
	return labels
}

// Match reads a typed or tapped pilar, kecamatan or kelurahan as its
// code; the parsers' *conversations.Invalid asks again, and so does one
// outside scope, naming the scope.
func Match(kind, t string, scope storage.Scope) (string, error) {
	var code string
	var err error
	switch kind {
	case Pilar:
		code, err = kit.MatchPilar(t)
	case Kecamatan:
		var k domain.Kecamatan
		k, err = parse.Kecamatan(t)
		code = k.Code
	default:
		var k domain.Kelurahan
		k, err = parse.Kelurahan(t, "")
		code = k.Code
	}
	if err != nil {
		return "", err
	}
	inside, name, area := kit.PlaceInScope(code, scope), Picked(kind, []string{code}), kit.PlacesLabel(scope)
	if kind == Pilar {
		inside, area = kit.PilarInScope(code, scope), kit.PilarsLabel(scope)
	}
	if !inside {
		return "", conversations.Invalidf(fmt.Sprintf(errOutside, name, area))
	}
	return code, nil
}

// Segment is the audience of the codes picked for one kind.
func Segment(kind string, list []string) storage.Segment {
	switch kind {
	case Pilar:
		return storage.Segment{Pilars: list}
	case Kecamatan:
		return storage.Segment{Kecamatans: list}
	case Kelurahan:
		return storage.Segment{Kelurahans: list}
	}
	return storage.Segment{}
}

// Picked names what is picked so far of one kind.
func Picked(kind string, list []string) string {
	g := Segment(kind, list)
	if kind == Pilar {
		return kit.PilarsLabel(g)
	}
	return kit.PlacesLabel(g)
}
