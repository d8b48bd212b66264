package broadcast

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// choices returns the selectable options of an audience kind as (code,
// label) pairs.
func choices(kind string) (codes, labels []string) {
	switch kind {
	case sasaranPilar:
		for _, p := range domain.Pilars() {
			codes, labels = append(codes, p.Code), append(labels, p.Short)
		}
	case sasaranKec:
		for _, k := range domain.Kecamatans() {
			codes, labels = append(codes, k.Code), append(labels, k.Name)
		}
	case sasaranKel:
		for _, k := range domain.AllKelurahan() {
			codes, labels = append(codes, k.Code), append(labels, k.Name)
		}
	}
	return codes, labels
}

// chosen is the codes picked so far in the multi-select.
func chosen(s *conversations.Session) []string {
	var list []string
	_ = json.Unmarshal([]byte(s.Get(keyPilihan)), &list)
	return list
}

// eventChoice is an event's button in the audience question: its title
// and start, "HKSN 2023 · 20-12-2023 08.00".
func eventChoice(e *storage.Event) string {
	return e.Title + " · " + kit.FormatShortDate(e.StartsAt) + " " + e.StartsAt.In(domain.WIB).Format("15.04")
}

// segmentOf turns the answers into the audience.
func segmentOf(s *conversations.Session) storage.Segment {
	if v := s.Get(keySegmen); v != "" {
		var g storage.Segment
		_ = json.Unmarshal([]byte(v), &g) // written by this package
		return g
	}
	if s.Get(keySasaran) == sasaranAcara {
		id, _ := strconv.ParseInt(s.Get(keyPilihan), 10, 64)
		return storage.Segment{EventID: id, EventTitle: s.Get(keyJudul)}
	}
	list := chosen(s)
	switch s.Get(keySasaran) {
	case sasaranPilar:
		return storage.Segment{Pilars: list}
	case sasaranKec:
		return storage.Segment{Kecamatans: list}
	case sasaranKel:
		return storage.Segment{Kelurahans: list}
	}
	return storage.Segment{}
}

// segmentLabel describes an audience in words (plain text).
func segmentLabel(g storage.Segment) string {
	var parts []string
	if len(g.Pilars) > 0 {
		parts = append(parts, fmt.Sprintf(lblPilar, codeNames(sasaranPilar, g.Pilars)))
	}
	if len(g.Kecamatans) > 0 {
		parts = append(parts, fmt.Sprintf(lblKecamatan, codeNames(sasaranKec, g.Kecamatans)))
	}
	if len(g.Kelurahans) > 0 {
		parts = append(parts, fmt.Sprintf(lblKelurahan, codeNames(sasaranKel, g.Kelurahans)))
	}
	if g.EventID != 0 {
		parts = append(parts, fmt.Sprintf(lblAcara, g.EventTitle))
	}
	if len(parts) == 0 {
		return lblSemua
	}
	return strings.Join(parts, "; ")
}

// codeNames lists the names of codes of one kind; an unknown code is
// shown as it is.
func codeNames(kind string, list []string) string {
	codes, labels := choices(kind)
	names := make([]string, 0, len(list))
	for _, c := range list {
		if i := slices.Index(codes, c); i >= 0 {
			names = append(names, labels[i])
		} else {
			names = append(names, c)
		}
	}
	return strings.Join(names, ", ")
}
