// Package domain is PilarBot's one vocabulary: roles, the statuses of
// volunteers and reports, the pilar types, the kecamatan and kelurahan of
// Kota Pasuruan with their official codes, activity and disaster types, the
// city's bounding box and time zone. Storage stores these values and the
// handlers decide with them; neither keeps a copy.
//
// The official names of places and pilar types and the activity labels
// are reference data and live here; the rest of the Indonesian wording
// (status labels, date and number formatting) is the handlers' side, in
// package kit.
//
// The package depends only on the standard library so that handlers,
// storage and conversations can all import it without cycles.
package domain
