package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pilarbot/storage"
)

// TestRecentBroadcastsStayInTheScope: a coordinator of Kec. Bugul Kidul
// reads in the history their own broadcasts and those that stayed inside
// Bugul Kidul (by audience, or by the scope of whoever sent them), never
// the city-wide ones or another kecamatan's; a Tagana coordinator of the
// whole city reads the Tagana ones; a city-wide coordinator reads all.
func TestRecentBroadcastsStayInTheScope(t *testing.T) {
	s, clk := openWithClock(t)
	ctx := context.Background()
	const bugul, kepel, mayangan = "35.75.03", "35.75.03.1002", "35.75.04.1006"
	const viewer = 501
	sent := map[string]int64{}
	send := func(name string, by int64, seg storage.Segment, scope storage.Scope) {
		t.Helper()
		clk.Add(time.Minute)
		b := &storage.Broadcast{CreatedBy: by, ChatID: by, Text: name}
		if err := s.CreateBroadcastDraft(ctx, b, seg, scope); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartBroadcast(ctx, b.ID, storage.Actor{ID: by, Admin: true}, 1); err != nil {
			t.Fatal(err)
		}
		sent[name] = b.ID
	}
	send("city", 9001, storage.Segment{}, storage.Scope{})
	send("bugul", 9001, storage.Segment{Kecamatans: []string{bugul}}, storage.Scope{})
	send("kepel psm", 9001, storage.Segment{Pilars: []string{"psm"}, Kelurahans: []string{kepel}}, storage.Scope{})
	send("mayangan", 9001, storage.Segment{Kelurahans: []string{mayangan}}, storage.Scope{})
	send("bugul and mayangan", 9001, storage.Segment{Kecamatans: []string{bugul}, Kelurahans: []string{mayangan}}, storage.Scope{})
	send("by kepel's coordinator", 502, storage.Segment{}, storage.Scope{Kelurahans: []string{kepel}})
	send("own", viewer, storage.Segment{}, storage.Scope{Kecamatans: []string{bugul}})
	send("all tagana", 9001, storage.Segment{Pilars: []string{"tagana"}}, storage.Scope{})
	send("tagana of bugul", 9001, storage.Segment{Pilars: []string{"tagana"}, Kecamatans: []string{bugul}}, storage.Scope{})

	cases := []struct {
		name  string
		scope storage.Scope
		want  []string
	}{
		{"Bugul Kidul", storage.Scope{Kecamatans: []string{bugul}},
			[]string{"tagana of bugul", "own", "by kepel's coordinator", "kepel psm", "bugul"}},
		{"Tagana of the city", storage.Scope{Pilars: []string{"tagana"}},
			[]string{"tagana of bugul", "all tagana", "own"}},
		{"the whole city", storage.Scope{},
			[]string{"tagana of bugul", "all tagana", "own", "by kepel's coordinator", "bugul and mayangan", "mayangan", "kepel psm", "bugul", "city"}},
	}
	for _, c := range cases {
		list, err := s.RecentBroadcasts(ctx, 10, viewer, c.scope)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range list {
			got = append(got, b.Text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s reads %q, want %q", c.name, got, c.want)
		}
	}
	if list, err := s.RecentBroadcasts(ctx, 2, viewer, storage.Scope{Kecamatans: []string{bugul}}); err != nil || len(list) != 2 || list[1].ID != sent["own"] {
		t.Fatalf("the limit counts the visible ones: %+v %v", list, err)
	}
}
