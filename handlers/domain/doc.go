// Package domain holds PilarBot's reference data (pilar types, the
// kecamatan and kelurahan of Kota Pasuruan, roles and statuses) and the
// Indonesian formatting shared by every handler (dates in WIB, masked NIK
// and phone numbers, thousands separators).
//
// The package depends only on the standard library so that handlers,
// storage and conversations can all import it without cycles.
package domain
