package storage

import (
	"fmt"
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
// scope, and, by halves, which announcements and call-ups a scoped
// coordinator's history lists (sentInsideSQL); Covers is the rule for one
// volunteer.
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

// sentInsideSQL is the SQL condition that a broadcast or call-up (a row
// with created_by, and segment and scope as stored JSON; the columns are
// named bare) is viewer's own, or can have reached no one outside scope:
// a city-wide scope sees every row. The row's audience is its segment
// inside its sender's scope, and a segment's pilar types and places are
// independent conditions, so the pilar types lie inside scope when the
// segment's or the sender scope's do, and the places likewise (Within, in
// SQL, for each half). It judges by targets: an audience inside scope
// only through the intersection of both (a kecamatan sent by a
// coordinator of one of its kelurahan) is not listed. A key that is not a
// list (JSON null, a string) reads as an empty one, as Go reads a null,
// and a null code lies nowhere. Placeholders are appended to args.
func (scope Scope) sentInsideSQL(viewer int64, args *[]any) string {
	if scope.CityWide() {
		return "true"
	}
	*args = append(*args, viewer)
	own := fmt.Sprintf("$%d", len(*args))
	pilars, kecs, kels := scope.params(args)
	arr := func(col, key string) string {
		return fmt.Sprintf("(CASE WHEN jsonb_typeof(%[1]s->'%[2]s') = 'array' THEN %[1]s->'%[2]s' ELSE '[]'::jsonb END)", col, key)
	}
	pilarsIn := func(col string) string {
		a := arr(col, "pilar")
		return fmt.Sprintf(`(cardinality(%[2]s) = 0 OR (jsonb_array_length(%[1]s) > 0
			AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(%[1]s) x WHERE x IS NULL OR x <> ALL(%[2]s))))`, a, pilars)
	}
	placesIn := func(col string) string {
		k, l := arr(col, "kecamatan"), arr(col, "kelurahan")
		return fmt.Sprintf(`((cardinality(%[3]s) = 0 AND cardinality(%[4]s) = 0) OR (jsonb_array_length(%[1]s) + jsonb_array_length(%[2]s) > 0
			AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(%[1]s) k WHERE k IS NULL OR k <> ALL(%[3]s))
			AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(%[2]s) k
				WHERE k IS NULL OR (k <> ALL(%[4]s) AND left(k, 8) <> ALL(%[3]s)))))`, k, l, kecs, kels)
	}
	return fmt.Sprintf("created_by = %s OR ((%s OR %s) AND (%s OR %s))", own,
		pilarsIn("segment"), pilarsIn("scope"), placesIn("segment"), placesIn("scope"))
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
