package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pilarbot/storage"
)

// TestOutboxHeartbeatKeepsTheClaim: a claim whose holder renews it within
// the lease is never taken over, however long its send takes; the claim of
// a holder that stopped renewing (a dead instance) is taken over as soon
// as the lease has passed, and not before.
func TestOutboxHeartbeatKeepsTheClaim(t *testing.T) {
	const lease = 15 * time.Second
	s, clk := seedAudience(t)
	ctx := context.Background()
	b := &storage.Broadcast{CreatedBy: 9001, ChatID: 9001, Text: "Apel siaga"}
	if err := s.CreateBroadcastDraft(ctx, b, storage.Segment{}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}
	started, err := s.StartBroadcast(ctx, b.ID, storage.Actor{ID: 9001, Admin: true}, 0)
	if err != nil || started.Total < 3 {
		t.Fatalf("started = %+v, %v", started, err)
	}
	live, err := s.ClaimOutbox(ctx, "live", 1, lease)
	if err != nil || len(live) != 1 {
		t.Fatalf("live claim = %v, %v", live, err)
	}
	dead, err := s.ClaimOutbox(ctx, "dead", 1, lease)
	if err != nil || len(dead) != 1 {
		t.Fatalf("dead claim = %v, %v", dead, err)
	}
	rest := started.Total - 2

	// Before the lease has passed, nobody takes either claim.
	clk.Add(lease * 2 / 3)
	if n, err := s.RenewOutbox(ctx, "live", live); err != nil || n != 1 {
		t.Fatalf("renew = %d, %v", n, err)
	}
	early, err := s.ClaimOutbox(ctx, "other", 100, lease)
	if err != nil || len(early) != rest || slices.ContainsFunc(early, sameChat(live[0], dead[0])) {
		t.Fatalf("claim within the lease = %v, %v; want the %d unclaimed rows only", early, err, rest)
	}
	for _, r := range early {
		if err := s.ReleaseOutbox(ctx, "other", r); err != nil {
			t.Fatal(err)
		}
	}

	// Three more heartbeats: 40 s in all, far past the lease for "dead".
	for range 3 {
		clk.Add(lease * 2 / 3)
		if n, err := s.RenewOutbox(ctx, "live", live); err != nil || n != 1 {
			t.Fatalf("renew = %d, %v", n, err)
		}
	}
	late, err := s.ClaimOutbox(ctx, "other", 100, lease)
	if err != nil || len(late) != rest+1 || slices.ContainsFunc(late, sameChat(live[0])) ||
		!slices.ContainsFunc(late, sameChat(dead[0])) {
		t.Fatalf("claim after the lease = %v, %v; want the dead holder's row and the %d others, not the live one", late, err, rest)
	}

	// The dead holder, if it came back, learns it lost the row; the live
	// one still owns its own.
	if n, err := s.RenewOutbox(ctx, "dead", dead); err != nil || n != 0 {
		t.Errorf("renew by a holder whose row was taken over = %d, %v; want 0", n, err)
	}
	if ok, err := s.MarkOutboxSent(ctx, "dead", dead[0], 7); err != nil || ok {
		t.Errorf("the dead holder marked the row: %v, %v", ok, err)
	}
	if ok, err := s.MarkOutboxSent(ctx, "live", live[0], 8); err != nil || !ok {
		t.Errorf("the live holder could not mark its row: %v, %v", ok, err)
	}
	if n, err := s.RenewOutbox(ctx, "live", live); err != nil || n != 0 {
		t.Errorf("renew of a finished row = %d, %v; want 0", n, err)
	}
}

// sameChat matches an outbox row of the same chat as any of rows.
func sameChat(rows ...storage.OutboxRow) func(storage.OutboxRow) bool {
	return func(r storage.OutboxRow) bool {
		return slices.ContainsFunc(rows, func(o storage.OutboxRow) bool {
			return o.BroadcastID == r.BroadcastID && o.ChatID == r.ChatID
		})
	}
}
