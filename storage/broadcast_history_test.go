package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilarbot/storage"
)

// historySegments and historyScopes are the audiences and wilayah of the
// history tests: every kind Within tells apart.
var (
	historySegments = []storage.Segment{
		{}, {Pilars: []string{"psm"}}, {Pilars: []string{"tagana", "psm"}},
		{Kecamatans: []string{kecBugul}}, {Kecamatans: []string{kecPanggr}},
		{Kelurahans: []string{kelKepel, kelBugul}}, {Kelurahans: []string{kelKepel, kelMayang}},
		{Kelurahans: []string{kelKepel}}, {Kelurahans: []string{kelBugul}},
		{Pilars: []string{"tagana"}, Kecamatans: []string{kecPanggr}},
		{Pilars: []string{"psm"}, Kelurahans: []string{kelBugul}},
		{Pilars: []string{"tagana"}, Kelurahans: []string{kelBugul}},
		{Pilars: []string{"psm"}, Kelurahans: []string{kelMayang}},
		{EventID: 7},
	}
	historyScopes = []storage.Scope{
		{Kecamatans: []string{kecBugul}}, {Kelurahans: []string{kelKepel}}, {Pilars: []string{"tagana"}},
		{Pilars: []string{"psm"}, Kecamatans: []string{kecBugul}},
		{Kecamatans: []string{kecBugul}, Kelurahans: []string{kelMayang}},
	}
)

// TestHistoryFollowsWithin: an announcement shows in a scoped
// coordinator's /umumkan riwayat exactly when its audience's pilar types
// lie inside the coordinator's wilayah by the audience or by the wilayah
// of whoever sent it, and its places likewise (Segment.Within of each
// half: the SQL and the Go rule agree); in a city-wide one's always.
func TestHistoryFollowsWithin(t *testing.T) {
	s, clk := openWithClock(t)
	type sent struct {
		id        int64
		seg       storage.Segment
		sentScope storage.Scope
	}
	var rows []sent
	for _, sc := range append(historyScopes, storage.Scope{}, storage.Scope{Kelurahans: []string{kelMayang}}) {
		for _, g := range historySegments {
			clk.Add(time.Minute)
			rows = append(rows, sent{startBroadcast(t, s, "x", 9001, g, sc), g, sc})
		}
	}
	for _, viewer := range append(historyScopes, storage.Scope{}) {
		seen := visibleBroadcasts(t, s, 501, viewer)
		for _, r := range rows {
			if want := insideByHalves(r.seg, r.sentScope, viewer); seen[r.id] != want {
				t.Errorf("%+v sent within %+v, in the history of %+v: %t, want %t", r.seg, r.sentScope, viewer, seen[r.id], want)
			}
		}
	}
}

// insideByHalves is the rule of the history lists in Go: the pilar types
// of seg or of sentScope within viewer's, and the places of either.
func insideByHalves(seg storage.Segment, sentScope, viewer storage.Scope) bool {
	pilars := func(g storage.Segment) bool {
		return storage.Segment{Pilars: g.Pilars}.Within(storage.Scope{Pilars: viewer.Pilars})
	}
	places := func(g storage.Segment) bool {
		return storage.Segment{Kecamatans: g.Kecamatans, Kelurahans: g.Kelurahans}.Within(
			storage.Scope{Kecamatans: viewer.Kecamatans, Kelurahans: viewer.Kelurahans})
	}
	return (pilars(seg) || pilars(sentScope)) && (places(seg) || places(sentScope))
}

// TestHistoryOwnSenderScopeAndMalformed: a scoped coordinator also reads
// their own announcements, and those whose audience lies inside by its
// sender's wilayah (pilar from one, place from the other); a stored
// segment that is not what Segment writes (a JSON null or a string for a
// list, a null code) breaks nothing: a key that is not a list reads as an
// empty one, and a null code lies nowhere.
func TestHistoryOwnSenderScopeAndMalformed(t *testing.T) {
	s, clk := openWithClock(t)
	ctx := context.Background()
	tagana := storage.Segment{Pilars: []string{"tagana"}}
	send := func(name string, by int64, g storage.Segment, scope storage.Scope) int64 {
		clk.Add(time.Minute)
		return startBroadcast(t, s, name, by, g, scope)
	}
	own := send("own", 501, storage.Segment{}, storage.Scope{Kecamatans: []string{kecPanggr}})
	bugulTagana := send("Tagana by Bugul's coordinator", 502, tagana, storage.Scope{Kecamatans: []string{kecBugul}})
	panggrTagana := send("Tagana by Panggungrejo's", 503, tagana, storage.Scope{Kecamatans: []string{kecPanggr}})
	bad := send("malformed", 9001, storage.Segment{}, storage.Scope{})
	if _, err := s.DB().Exec(`UPDATE broadcasts SET segment = '{"pilar": null, "kecamatan": "35.75.03", "kelurahan": [null]}' WHERE id = $1`, bad); err != nil {
		t.Fatal(err)
	}
	seen := visibleBroadcasts(t, s, 501, storage.Scope{Pilars: []string{"tagana"}, Kecamatans: []string{kecBugul}})
	if !seen[own] || !seen[bugulTagana] || seen[panggrTagana] || seen[bad] {
		t.Errorf("the Tagana coordinator of Bugul Kidul reads own %t, Bugul's Tagana %t, Panggungrejo's %t, the malformed %t; want true, true, false, false",
			seen[own], seen[bugulTagana], seen[panggrTagana], seen[bad])
	}
	list, err := s.RecentBroadcasts(ctx, 1, 501, storage.Scope{Kecamatans: []string{kecBugul}})
	if err != nil || len(list) != 1 || list[0].ID != bugulTagana {
		t.Fatalf("the limit counts the visible ones: %v %v, want only the newest visible, %d", len(list), err, bugulTagana)
	}
}

// startBroadcast stores and starts an announcement by by to g inside scope.
func startBroadcast(t *testing.T, s *storage.Store, text string, by int64, g storage.Segment, scope storage.Scope) int64 {
	t.Helper()
	ctx := context.Background()
	b := &storage.Broadcast{CreatedBy: by, ChatID: by, Text: text}
	if err := s.CreateBroadcastDraft(ctx, b, g, scope); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartBroadcast(ctx, b.ID, storage.Actor{ID: by, Admin: true}, 1); err != nil {
		t.Fatal(err)
	}
	return b.ID
}

// visibleBroadcasts is the ids in the history of viewer working in scope.
func visibleBroadcasts(t *testing.T, s *storage.Store, viewer int64, scope storage.Scope) map[int64]bool {
	t.Helper()
	list, err := s.RecentBroadcasts(context.Background(), 100, viewer, scope)
	if err != nil {
		t.Fatalf("history of %+v: %v", scope, err)
	}
	seen := map[int64]bool{}
	for _, b := range list {
		seen[b.ID] = true
	}
	return seen
}

// TestCallupHistoryFollowsTheScope: /siaga riwayat of a scoped coordinator
// holds their own call-ups and those inside their wilayah, newest first,
// the limit counting only those.
func TestCallupHistoryFollowsTheScope(t *testing.T) {
	s, clk := openWithClock(t)
	ctx := context.Background()
	start := func(by int64, g storage.Segment, scope storage.Scope) int64 {
		t.Helper()
		clk.Add(time.Minute)
		c := &storage.Callup{CreatedBy: by, ChatID: by, Text: "Banjir"}
		if _, err := s.StartCallup(ctx, c, g, scope, storage.Actor{ID: by, Admin: true},
			func(c *storage.Callup) (string, string, error) { return "Banjir", "", nil }); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	tagana := storage.Segment{Pilars: []string{"tagana"}}
	own := start(501, storage.Segment{}, storage.Scope{})
	bySegment := start(9001, storage.Segment{Kelurahans: []string{kelKepel}}, storage.Scope{})
	byScope := start(502, tagana, storage.Scope{Kecamatans: []string{kecBugul}})
	start(9001, tagana, storage.Scope{})
	start(503, tagana, storage.Scope{Kelurahans: []string{kelMayang}})
	list, err := s.RecentCallups(ctx, 10, 501, storage.Scope{Kecamatans: []string{kecBugul}})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, c := range list {
		got = append(got, c.ID)
	}
	if want := []int64{byScope, bySegment, own}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the Bugul Kidul coordinator's call-ups %v, want %v", got, want)
	}
	if list, err := s.RecentCallups(ctx, 1, 501, storage.Scope{Kecamatans: []string{kecBugul}}); err != nil || len(list) != 1 || list[0].ID != byScope {
		t.Errorf("limit 1: %d call-ups, %v; want the newest visible", len(list), err)
	}
	if list, err := s.RecentCallups(ctx, 10, 501, storage.Scope{}); err != nil || len(list) != 5 {
		t.Errorf("a city-wide coordinator's call-ups: %d, %v; want all 5", len(list), err)
	}
}
