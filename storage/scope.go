package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/lib/pq"
)

// ErrOutOfScope means a coordinator tried to decide on a volunteer, or on
// the report of a volunteer, who lives outside the coordinator's scope,
// or to aim an event outside it. It is checked in the decision's
// transaction, against the scope as it is when the decision commits.
var ErrOutOfScope = errors.New("storage: outside the coordinator's scope")

// Scope is the area a coordinator works in. It is a Segment, the same data
// a broadcast's audience is, read as "volunteers of these pilar types
// living in these kecamatan or kelurahan"; EventID and EventTitle are not
// part of a scope. The zero Scope is the whole city: every coordinator
// without a scope, and every admin.
//
// A scope covers a volunteer by where the volunteer lives now and by
// their pilar, and a report through its reporter: a volunteer who moves
// to another kelurahan falls under that area's coordinators from then on.
type Scope = Segment

// CityWide reports whether g restricts nothing by pilar or place.
func (g Segment) CityWide() bool {
	return len(g.Pilars) == 0 && len(g.Kecamatans) == 0 && len(g.Kelurahans) == 0
}

// Covers reports whether a volunteer of pilar living in kelurahanCode lies
// inside g: the test where makes in SQL, for one record in hand.
func (g Segment) Covers(pilar, kelurahanCode string) bool {
	if len(g.Pilars) > 0 && !slices.Contains(g.Pilars, pilar) {
		return false
	}
	if len(g.Kecamatans) == 0 && len(g.Kelurahans) == 0 {
		return true
	}
	kec := kelurahanCode
	if len(kec) > 8 {
		kec = kec[:8]
	}
	return slices.Contains(g.Kecamatans, kec) || slices.Contains(g.Kelurahans, kelurahanCode)
}

// where returns the SQL condition that the volunteer of table alias v lies
// inside g by pilar and place (EventID is the broadcasts' business), with
// its parameters appended to args and numbered after those already there.
// Every query that a scope or a segment filters goes through it, so the
// SQL and Covers are one rule.
func (g Segment) where(v string, args *[]any) string {
	pilars, kecs, kels := g.params(args)
	return fmt.Sprintf(`(cardinality(%[2]s) = 0 OR %[1]s.pilar = ANY(%[2]s))
	AND ((cardinality(%[3]s) = 0 AND cardinality(%[4]s) = 0)
		OR left(%[1]s.kelurahan_code, 8) = ANY(%[3]s)
		OR %[1]s.kelurahan_code = ANY(%[4]s))`, v, pilars, kecs, kels)
}

// params appends g's pilar types, kecamatan and kelurahan to args as
// three text arrays and returns their placeholders.
func (g Segment) params(args *[]any) (pilars, kecs, kels string) {
	p := func(list []string) string {
		*args = append(*args, pq.StringArray(nonNilStrings(list)))
		return "$" + strconv.Itoa(len(*args)) + "::text[]"
	}
	return p(g.Pilars), p(g.Kecamatans), p(g.Kelurahans)
}

// scopeJSON is how a scope is stored: only its pilar and place codes.
func scopeJSON(g Scope) ([]byte, error) {
	return json.Marshal(Scope{Pilars: g.Pilars, Kecamatans: g.Kecamatans, Kelurahans: g.Kelurahans})
}

// decodeScope reads a stored scope; what is not a scope reads as the
// whole city only when it is empty.
func decodeScope(raw []byte) (Scope, error) {
	var g Scope
	if len(raw) == 0 {
		return g, nil
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return g, fmt.Errorf("decode scope: %w", err)
	}
	g.EventID, g.EventTitle = 0, ""
	return g, nil
}
