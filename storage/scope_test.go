package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// TestScopeClipsAudience checks that a broadcast's audience is clipped to
// the scope in SQL exactly as Scope.Covers decides for one volunteer.
func TestScopeClipsAudience(t *testing.T) {
	s, _ := seedAudience(t)
	ctx := context.Background()
	seed := map[int64][2]string{ // the verified, reachable volunteers of seedAudience
		1: {"psm", "35.75.04.1006"}, 2: {"tagana", "35.75.04.1006"}, 3: {"psm", "35.75.01.1001"},
		4: {"tagana", "35.75.01.1005"}, 8: {"karang_taruna", "35.75.04.1003"},
	}
	scopes := []storage.Scope{
		{},
		{Kecamatans: []string{"35.75.01"}},
		{Kelurahans: []string{"35.75.04.1006"}},
		{Pilars: []string{"tagana"}},
		{Pilars: []string{"psm"}, Kecamatans: []string{"35.75.04"}},
		{Kecamatans: []string{"35.75.01"}, Kelurahans: []string{"35.75.04.1003"}},
		{Kecamatans: []string{"35.75.03"}},
	}
	segments := []storage.Segment{{}, {Pilars: []string{"psm"}}, {Kecamatans: []string{"35.75.04"}}}
	for _, scope := range scopes {
		for _, seg := range segments {
			want := []int64{}
			for chat, v := range seed {
				if scope.Covers(v[0], v[1]) && seg.Covers(v[0], v[1]) {
					want = append(want, chat)
				}
			}
			slices.Sort(want)
			got, err := s.SegmentChatIDs(ctx, seg, scope)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("segment %+v inside scope %+v reaches %v, want %v", seg, scope, got, want)
			}
		}
	}
}

func TestCoordinatorScope(t *testing.T) {
	s, _ := seedAudience(t)
	ctx := context.Background()
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 300, Name: "Bu Sri"}, 9001); err != nil {
		t.Fatal(err)
	}
	c, err := s.CoordinatorByID(ctx, 300)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := c.Scope(); err != nil || !g.CityWide() {
		t.Fatalf("a new coordinator's scope = %+v, %v; want the whole city", g, err)
	}
	gad := storage.Scope{Kecamatans: []string{"35.75.01"}, Pilars: []string{"psm"}}
	if err := s.SetCoordinatorScope(ctx, 300, gad, 9001); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCoordinatorScope(ctx, 300, gad, 9001); err != nil { // the same again: no audit row
		t.Fatal(err)
	}
	c, _ = s.CoordinatorByID(ctx, 300)
	if g, _ := c.Scope(); !slices.Equal(g.Kecamatans, gad.Kecamatans) || !slices.Equal(g.Pilars, gad.Pilars) {
		t.Errorf("stored scope = %+v, want %+v", g, gad)
	}
	log, err := s.AuditLog(ctx, storage.SubjectCoordinator, "300")
	if err != nil {
		t.Fatal(err)
	}
	var changes []storage.AuditEntry
	for _, e := range log {
		if e.Action == storage.ActionCoordinatorScope {
			changes = append(changes, e)
		}
	}
	if len(changes) != 1 || changes[0].Before != "{}" || changes[0].ActorID != 9001 ||
		changes[0].After != `{"pilar":["psm"],"kecamatan":["35.75.01"]}` {
		t.Errorf("scope audit = %+v, want one change from {} by 9001", changes)
	}
	if err := s.SetCoordinatorScope(ctx, 999, gad, 9001); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("scope of a non-coordinator: %v, want ErrNotFound", err)
	}

	// Decisions: in scope (a pending PSM of Gadingrejo) passes, outside
	// (the pending PSM of Mayangan, chat 5) is refused in the transaction.
	inside := &storage.Volunteer{TelegramID: 50, ChatID: 50, FullName: "Relawan 50", Pilar: "psm", KelurahanCode: "35.75.01.1003"}
	if err := s.CreateVolunteer(ctx, inside); err != nil {
		t.Fatal(err)
	}
	outside, err := s.VolunteerByTelegramID(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	by := storage.Actor{ID: 300}
	if _, err := s.DecideVolunteer(ctx, outside.ID, by, true, ""); !errors.Is(err, storage.ErrOutOfScope) {
		t.Errorf("deciding outside the scope: %v, want ErrOutOfScope", err)
	}
	if v, _ := s.VolunteerByID(ctx, outside.ID); v.Status != domain.StatusPending {
		t.Errorf("the refused decision changed the status to %s", v.Status)
	}
	if _, err := s.DecideVolunteer(ctx, inside.ID, by, true, ""); err != nil {
		t.Errorf("deciding inside the scope: %v", err)
	}
}
