package kit

import (
	"context"
	"strings"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// The words of a scope.
const (
	scopeCity      = "seluruh kota"
	scopeKecamatan = "Kec. "
	scopeKelurahan = "Kel. "
	scopeAllPilar  = "semua pilar"
)

// ScopeLabel describes a coordinator's area in words (plain text): the
// places, then the pilar types, "Kec. Bugul Kidul, Kel. Mayangan · PSM,
// Tagana"; "seluruh kota · semua pilar" for the whole city. The same
// words name an audience of /umumkan and the area of an event.
func ScopeLabel(g storage.Scope) string {
	return PlacesLabel(g) + " · " + PilarsLabel(g)
}

// PlacesLabel names g's kecamatan and kelurahan (plain text): "Kec.
// Bugul Kidul, Kel. Mayangan", or "seluruh kota".
func PlacesLabel(g storage.Segment) string {
	var places []string
	for _, c := range g.Kecamatans {
		name := c
		if k, ok := domain.KecamatanByCode(c); ok {
			name = k.Name
		}
		places = append(places, scopeKecamatan+name)
	}
	for _, c := range g.Kelurahans {
		places = append(places, scopeKelurahan+KelurahanName(c))
	}
	if len(places) == 0 {
		return scopeCity
	}
	return strings.Join(places, ", ")
}

// PilarsLabel names g's pilar types (plain text): "PSM, Tagana", or
// "semua pilar".
func PilarsLabel(g storage.Segment) string {
	if len(g.Pilars) == 0 {
		return scopeAllPilar
	}
	names := make([]string, len(g.Pilars))
	for i, p := range g.Pilars {
		names[i] = PilarShort(p)
	}
	return strings.Join(names, ", ")
}

// UserScope is ScopeOf for a user known by id, as a flow's last step
// knows them: looked up now.
func (e *Env) UserScope(ctx context.Context, userID int64) (storage.Scope, error) {
	_, scope, err := e.roleAndScope(ctx, userID)
	return scope, err
}
