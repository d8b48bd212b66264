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

// TestHistoryFollowsWithin: an admin's announcement shows in a scoped
// coordinator's /umumkan riwayat exactly when its audience lies inside
// the coordinator's wilayah by Segment.Within (the SQL and the Go rule
// agree), and in a city-wide one's always.
func TestHistoryFollowsWithin(t *testing.T) {
	s, clk := openWithClock(t)
	ids := make([]int64, len(historySegments))
	for i, g := range historySegments {
		clk.Add(time.Minute)
		ids[i] = startBroadcast(t, s, fmt.Sprint(i), 9001, g, storage.Scope{})
	}
	for _, scope := range append(historyScopes, storage.Scope{}) {
		seen := visibleBroadcasts(t, s, 501, scope)
		for i, g := range historySegments {
			if want := g.Within(scope); seen[ids[i]] != want {
				t.Errorf("%+v in the history of %+v: %t, want %t", g, scope, seen[ids[i]], want)
			}
		}
	}
}

// TestHistoryOwnSenderScopeAndMalformed: a scoped coordinator also reads
// their own announcements, and those whose audience lies inside by its
// sender's wilayah (pilar from one, place from the other); a stored
// segment that is not what Segment writes reads as the whole city and
// breaks nothing.
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
