package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pilarbot/storage"
)

func TestCoordinators(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()
	const admin = 1

	if ok, err := s.IsCoordinator(ctx, 200); err != nil || ok {
		t.Fatalf("IsCoordinator before adding: %t, %v", ok, err)
	}
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 200, Name: "Bu Sri"}, admin); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 300, Name: "Pak Hadi"}, 0); err != nil {
		t.Fatal(err)
	}
	// Adding again with the same name changes nothing; a new name is a rename.
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 200, Name: "Bu Sri"}, admin); err != nil {
		t.Fatal(err)
	}
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 200, Name: "Bu Sri Wahyuni"}, admin); err != nil {
		t.Fatal(err)
	}

	if ok, err := s.IsCoordinator(ctx, 200); err != nil || !ok {
		t.Fatalf("IsCoordinator after adding: %t, %v", ok, err)
	}
	cs, err := s.Coordinators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].TelegramID != 200 || cs[0].Name != "Bu Sri Wahyuni" || cs[0].AddedBy != admin ||
		cs[1].TelegramID != 300 || cs[1].AddedBy != 0 || !cs[1].CreatedAt.Equal(clk.Now()) {
		t.Fatalf("Coordinators = %+v", cs)
	}

	if err := s.RemoveCoordinator(ctx, 200, admin); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.IsCoordinator(ctx, 200); err != nil || ok {
		t.Fatalf("IsCoordinator after removing: %t, %v", ok, err)
	}
	if err := s.RemoveCoordinator(ctx, 200, admin); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("removing again: %v, want ErrNotFound", err)
	}

	log, err := s.AuditLog(ctx, storage.SubjectCoordinator, "200")
	if err != nil {
		t.Fatal(err)
	}
	want := []storage.AuditEntry{
		{ActorID: admin, Action: storage.ActionCoordinatorAdd, After: "Bu Sri"},
		{ActorID: admin, Action: storage.ActionCoordinatorRename, Before: "Bu Sri", After: "Bu Sri Wahyuni"},
		{ActorID: admin, Action: storage.ActionCoordinatorRemove, Before: "Bu Sri Wahyuni"},
	}
	if len(log) != len(want) {
		t.Fatalf("audit log %+v, want %d entries", log, len(want))
	}
	for i, w := range want {
		g := log[i]
		if g.ActorID != w.ActorID || g.Action != w.Action || g.Before != w.Before || g.After != w.After ||
			g.SubjectType != storage.SubjectCoordinator || g.SubjectID != "200" || g.CreatedAt.IsZero() {
			t.Errorf("audit entry %d = %+v, want %+v", i, g, w)
		}
	}
}
