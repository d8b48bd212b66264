package storage

import (
	"slices"

	"pilarbot/storage/domain"
)

// Within reports whether everyone g can reach lies inside scope, judged by
// g's targets alone (not by who lives where today): g's pilar types are
// among the scope's, and each of g's places lies inside the scope's
// places, a kelurahan counting when it or its kecamatan is in the scope.
// A g of every pilar is inside only a scope of every pilar, and a g of the
// whole city only a scope of the whole city. EventID narrows g further,
// so it does not matter.
//
// It is how the store refuses an event aimed outside its coordinator's
// scope; Covers is the rule for one volunteer.
func (g Segment) Within(scope Scope) bool {
	if len(scope.Pilars) > 0 {
		if len(g.Pilars) == 0 {
			return false
		}
		for _, p := range g.Pilars {
			if !slices.Contains(scope.Pilars, p) {
				return false
			}
		}
	}
	if len(scope.Kecamatans) == 0 && len(scope.Kelurahans) == 0 {
		return true
	}
	if len(g.Kecamatans) == 0 && len(g.Kelurahans) == 0 {
		return false
	}
	for _, k := range g.Kecamatans {
		if !slices.Contains(scope.Kecamatans, k) {
			return false
		}
	}
	for _, k := range g.Kelurahans {
		if !slices.Contains(scope.Kelurahans, k) && !slices.Contains(scope.Kecamatans, kecamatanOf(k)) {
			return false
		}
	}
	return true
}

// kecamatanOf is the kecamatan code of a kelurahan code ("35.75.04" of
// "35.75.04.1006"): the first 8 characters, as where compares in SQL.
func kecamatanOf(kelurahanCode string) string {
	if len(kelurahanCode) > 8 {
		return kelurahanCode[:8]
	}
	return kelurahanCode
}

// TargetSegment is the audience an event aims at, as a Segment (see
// RegionsSegment). Segment matches volunteers the way EventsFor matches
// an event, so an announcement of the event reaches those it invites.
func (e *Event) TargetSegment() Segment { return RegionsSegment(e.Pilars, e.Regions) }

// RegionsSegment is the Segment of pilar types and regions kept the way
// an event keeps its targets: kecamatan and kelurahan codes in one list.
func RegionsSegment(pilars, regions []string) Segment {
	g := Segment{Pilars: slices.Clone(pilars)}
	for _, code := range regions {
		if _, ok := domain.KecamatanByCode(code); ok {
			g.Kecamatans = append(g.Kecamatans, code)
		} else {
			g.Kelurahans = append(g.Kelurahans, code)
		}
	}
	return g
}

// Regions is g's places in one list, kecamatan first: what RegionsSegment
// reads back.
func (g Segment) Regions() []string {
	return append(slices.Clone(g.Kecamatans), g.Kelurahans...)
}
