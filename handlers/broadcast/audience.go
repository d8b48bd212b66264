package broadcast

import (
	"encoding/json"
	"fmt"
	"strconv"

	"pilarbot/conversations"
	"pilarbot/handlers/audience"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// options are the button labels of a multi-select kind inside the
// coordinator's scope.
func options(kind string, scope storage.Scope) []string { return audience.Options(kind, scope) }

// chosen is the codes picked so far in the multi-select.
func chosen(s *conversations.Session) []string { return kit.DecodePicks(s.Get(keyPilihan)) }

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
	return pickSegment(s.Get(keySasaran), chosen(s))
}

// pickSegment is the audience of the codes picked for one kind.
func pickSegment(kind string, list []string) storage.Segment { return audience.Segment(kind, list) }

// segmentLabel describes an audience in words (plain text): everyone,
// an event's attendees, or the places and pilar types in the words of a
// scope (kit.ScopeLabel), "Kec. Panggungrejo · Tagana".
func segmentLabel(g storage.Segment) string {
	switch {
	case g.EventID != 0:
		return fmt.Sprintf(lblAcara, g.EventTitle)
	case g.CityWide():
		return lblSemua
	}
	return kit.ScopeLabel(g)
}

// audienceLabel is segmentLabel with, for a scoped coordinator, the scope
// that clips it in the words of clipped (lblClipped to the coordinator,
// lblHistoryScope in the history).
func audienceLabel(g storage.Segment, scope storage.Scope, clipped string) string {
	if scope.CityWide() {
		return segmentLabel(g)
	}
	return segmentLabel(g) + fmt.Sprintf(clipped, kit.ScopeLabel(scope))
}

// broadcastLabel is the audienceLabel of a stored broadcast.
func broadcastLabel(b *storage.Broadcast, clipped string) string {
	g, _ := b.Segment()
	scope, _ := b.Scope()
	return audienceLabel(g, scope, clipped)
}

// pickedLabel names what is picked so far of one kind.
func pickedLabel(kind string, list []string) string { return audience.Picked(kind, list) }
