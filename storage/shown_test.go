package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"pilarbot/storage"
)

// TestShownMessagesAcrossAnErasure: messages are recorded for a volunteer
// until the erasure, listed for it (and, left unscrubbed, for the next
// start), and refused once the volunteer is erased, so that the caller
// scrubs a message sent while the erasure ran.
func TestShownMessagesAcrossAnErasure(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()
	v := latifa()
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	card := storage.ShownMessage{ChatID: 9001, MessageID: 12, SentAt: clk.Now()}
	photo := storage.ShownMessage{ChatID: 9002, MessageID: 7, Photo: true, SentAt: clk.Now()}
	if ok, err := s.RecordShown(ctx, v.ID, []storage.ShownMessage{card, photo}); !ok || err != nil {
		t.Fatalf("record = %v, %v", ok, err)
	}
	if _, err := s.RecordShown(ctx, v.ID+1000, []storage.ShownMessage{card}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("recording for nobody: %v", err)
	}
	if err := s.EraseVolunteer(ctx, v.TelegramID); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.RecordShown(ctx, v.ID, []storage.ShownMessage{{ChatID: 9001, MessageID: 13, SentAt: clk.Now()}}); ok || err != nil {
		t.Errorf("recording after the erasure = %v, %v; want refused", ok, err)
	}
	ms, err := s.ShownMessages(ctx, v.ID)
	if err != nil || len(ms) != 2 || ms[0].MessageID != 12 || ms[0].Photo || !ms[1].Photo || !ms[1].SentAt.Equal(photo.SentAt) {
		t.Fatalf("shown = %+v, %v", ms, err)
	}
	if left, err := s.ErasedShown(ctx); err != nil || !slices.Equal(left, []int64{v.ID}) {
		t.Fatalf("left to scrub = %v, %v", left, err)
	}
	if err := s.ForgetShown(ctx, []int64{ms[0].ID, ms[1].ID}); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.ErasedShown(ctx); len(left) != 0 {
		t.Errorf("left to scrub after forgetting = %v", left)
	}
}
