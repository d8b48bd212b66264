package events

import (
	"slices"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// An event is aimed at pilar types and regions: no pilar means every
// pilar, no region the whole city, and a region is a kecamatan or a
// kelurahan code. The same rule is applied here in Go, by
// storage.EventsFor in SQL, and by storage.Segment for an announcement.

// eventTargets reports whether an event is aimed at a volunteer of pilar
// in kelurahan: every pilar or theirs, and the whole city, their kelurahan
// or their kecamatan. storage.EventsFor applies the same rule in SQL.
func eventTargets(pilars, regions []string, pilar, kelurahanCode string) bool {
	if len(pilars) > 0 && !slices.Contains(pilars, pilar) {
		return false
	}
	if len(regions) == 0 {
		return true
	}
	kec := ""
	if k, ok := domain.KelurahanByCode(kelurahanCode); ok {
		kec = k.KecamatanCode
	}
	return slices.Contains(regions, kelurahanCode) || (kec != "" && slices.Contains(regions, kec))
}

// audienceOf is the targeting key of a volunteer.
func audienceOf(v *storage.Volunteer) storage.Audience {
	a := storage.Audience{VolunteerID: v.ID, Pilar: v.Pilar, KelurahanCode: v.KelurahanCode}
	if k, ok := domain.KelurahanByCode(v.KelurahanCode); ok {
		a.KecamatanCode = k.KecamatanCode
	}
	return a
}
