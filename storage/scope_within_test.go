package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// Codes used below: Kec. Bugul Kidul and two of its kelurahan, Kec.
// Panggungrejo and its Mayangan.
const (
	kecBugul  = "35.75.03"
	kelKepel  = "35.75.03.1002"
	kelBugul  = "35.75.03.1009"
	kecPanggr = "35.75.04"
	kelMayang = "35.75.04.1006"
)

func TestSegmentWithinScope(t *testing.T) {
	bugul := storage.Scope{Kecamatans: []string{kecBugul}}
	kepel := storage.Scope{Kelurahans: []string{kelKepel}}
	tagana := storage.Scope{Pilars: []string{"tagana"}}
	psmBugul := storage.Scope{Pilars: []string{"psm"}, Kecamatans: []string{kecBugul}}
	tests := []struct {
		name  string
		seg   storage.Segment
		scope storage.Scope
		want  bool
	}{
		{"anything inside the whole city", storage.Segment{Pilars: []string{"psm"}, Kecamatans: []string{kecPanggr}}, storage.Scope{}, true},
		{"the whole city inside the whole city", storage.Segment{}, storage.Scope{}, true},
		{"the scope's kecamatan", storage.Segment{Kecamatans: []string{kecBugul}}, bugul, true},
		{"a kelurahan of the scope's kecamatan", storage.Segment{Kelurahans: []string{kelKepel, kelBugul}}, bugul, true},
		{"another kecamatan", storage.Segment{Kecamatans: []string{kecPanggr}}, bugul, false},
		{"one kelurahan outside", storage.Segment{Kelurahans: []string{kelKepel, kelMayang}}, bugul, false},
		{"the whole city is not inside a kecamatan", storage.Segment{}, bugul, false},
		{"the scope's kelurahan", storage.Segment{Kelurahans: []string{kelKepel}}, kepel, true},
		{"its kecamatan is more than the kelurahan", storage.Segment{Kecamatans: []string{kecBugul}}, kepel, false},
		{"another kelurahan of the same kecamatan", storage.Segment{Kelurahans: []string{kelBugul}}, kepel, false},
		{"the scope's pilar anywhere", storage.Segment{Pilars: []string{"tagana"}, Kecamatans: []string{kecPanggr}}, tagana, true},
		{"every pilar is more than the scope's", storage.Segment{Kecamatans: []string{kecPanggr}}, tagana, false},
		{"another pilar", storage.Segment{Pilars: []string{"tagana", "psm"}}, tagana, false},
		{"pilar and place both inside", storage.Segment{Pilars: []string{"psm"}, Kelurahans: []string{kelBugul}}, psmBugul, true},
		{"right place, wrong pilar", storage.Segment{Pilars: []string{"tagana"}, Kelurahans: []string{kelBugul}}, psmBugul, false},
		{"right pilar, wrong place", storage.Segment{Pilars: []string{"psm"}, Kelurahans: []string{kelMayang}}, psmBugul, false},
	}
	for _, tc := range tests {
		if got := tc.seg.Within(tc.scope); got != tc.want {
			t.Errorf("%s: %+v within %+v = %v, want %v", tc.name, tc.seg, tc.scope, got, tc.want)
		}
	}
}

func TestEventTargetSegment(t *testing.T) {
	e := &storage.Event{Pilars: []string{"psm"}, Regions: []string{kecBugul, kelMayang}}
	g := e.TargetSegment()
	if len(g.Kecamatans) != 1 || g.Kecamatans[0] != kecBugul || len(g.Kelurahans) != 1 || g.Kelurahans[0] != kelMayang || g.Pilars[0] != "psm" {
		t.Errorf("segment of %+v = %+v", e, g)
	}
}

// TestEventsRefusedOutsideScope checks that CreateEvent and UpdateEvent
// refuse, in the transaction, an event a scoped coordinator aims outside
// the scope, and store nothing then.
func TestEventsRefusedOutsideScope(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 300, Name: "Pak Hadi"}, 9001); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCoordinatorScope(ctx, 300, storage.Scope{Kecamatans: []string{kecBugul}}, 9001); err != nil {
		t.Fatal(err)
	}
	by := storage.Actor{ID: 300}
	event := func(regions ...string) *storage.Event {
		return &storage.Event{Title: "Rapat", Kind: "rapat", StartsAt: time.Now().Add(24 * time.Hour), Place: "Aula", Regions: regions}
	}
	for _, regions := range [][]string{nil, {kecPanggr}, {kelKepel, kelMayang}} {
		if err := s.CreateEvent(ctx, event(regions...), by); !errors.Is(err, storage.ErrOutOfScope) {
			t.Errorf("event for %v: %v, want ErrOutOfScope", regions, err)
		}
	}
	if es, _ := s.UpcomingEventsBy(ctx, 300, time.Now(), 10); len(es) != 0 {
		t.Fatalf("refused events were stored: %+v", es)
	}
	e := event(kecBugul)
	if err := s.CreateEvent(ctx, e, by); err != nil {
		t.Fatalf("event inside the scope: %v", err)
	}
	e.Regions = []string{kelMayang}
	if _, err := s.UpdateEvent(ctx, e, by, time.Now()); !errors.Is(err, storage.ErrOutOfScope) {
		t.Errorf("moving the event outside: %v, want ErrOutOfScope", err)
	}
	e.Regions = []string{kelKepel}
	if _, err := s.UpdateEvent(ctx, e, by, time.Now()); err != nil {
		t.Errorf("moving the event to a kelurahan inside: %v", err)
	}
	got, err := s.EventByID(ctx, e.ID)
	if err != nil || len(got.Regions) != 1 || got.Regions[0] != kelKepel {
		t.Errorf("stored event = %+v, %v", got, err)
	}
	// An admin is not scoped.
	if err := s.CreateEvent(ctx, event(), storage.Actor{ID: 9001, Admin: true}); err != nil {
		t.Errorf("an admin's city-wide event: %v", err)
	}
}

// TestStartBroadcastClipsToBothScopes: a draft reaches its segment inside
// the scope stored with it, and inside its coordinator's scope when Kirim
// is pressed: narrowing the scope after the preview narrows the send.
func TestStartBroadcastClipsToBothScopes(t *testing.T) {
	s, _ := seedAudience(t)
	ctx := context.Background()
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 300, Name: "Bu Sri"}, 9001); err != nil {
		t.Fatal(err)
	}
	gading := storage.Scope{Kecamatans: []string{"35.75.01"}}
	if err := s.SetCoordinatorScope(ctx, 300, gading, 9001); err != nil {
		t.Fatal(err)
	}
	draft := func() *storage.Broadcast {
		b := &storage.Broadcast{CreatedBy: 300, ChatID: 300, Text: "Rapat"}
		if err := s.CreateBroadcastDraft(ctx, b, storage.Segment{}, gading); err != nil {
			t.Fatal(err)
		}
		return b
	}
	b := draft()
	started, err := s.StartBroadcast(ctx, b.ID, storage.Actor{ID: 300}, 1)
	if err != nil || started.Total != 2 { // chats 3 and 4, of Gadingrejo
		t.Fatalf("broadcast inside Kec. Gadingrejo: total %v, %v; want 2", started, err)
	}
	b = draft()
	if err := s.SetCoordinatorScope(ctx, 300, storage.Scope{Kelurahans: []string{"35.75.01.1001"}}, 9001); err != nil {
		t.Fatal(err)
	}
	started, err = s.StartBroadcast(ctx, b.ID, storage.Actor{ID: 300}, 1)
	if err != nil || started.Total != 1 { // chat 3, of Karangketug
		t.Fatalf("broadcast after the scope narrowed to Karangketug: %v, %v; want 1 recipient", started, err)
	}
}
