package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

// TestDecisionsCheckTheActor: every decision refuses, in its transaction,
// an actor who is not (any more) a coordinator, unless an admin, and the
// volunteer's own registration or report; nothing is written then.
func TestDecisionsCheckTheActor(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	const coordID, formerID, selfID = 801, 802, 803
	for _, id := range []int64{coordID, formerID, selfID} {
		if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: id}, 9001); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RemoveCoordinator(ctx, formerID, 9001); err != nil {
		t.Fatal(err)
	}
	coord, former, self := storage.Actor{ID: coordID}, storage.Actor{ID: formerID}, storage.Actor{ID: selfID}
	other := &storage.Volunteer{TelegramID: 811, ChatID: 811, FullName: "Nur", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	own := &storage.Volunteer{TelegramID: selfID, ChatID: selfID, FullName: "Dewi", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	for _, v := range []*storage.Volunteer{other, own} {
		if err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	ownReport, _ := newReport(t, s, own.ID, "803:a")
	otherReport, _ := newReport(t, s, other.ID, "811:a")
	event := &storage.Event{Title: "Rapat", Kind: "rapat", StartsAt: time.Now().Add(time.Hour), Place: "Aula"}
	if err := s.CreateEvent(ctx, event, coord); err != nil || event.CreatedBy != coordID {
		t.Fatalf("a coordinator's event: %v, created by %d", err, event.CreatedBy)
	}
	draft := &storage.Broadcast{CreatedBy: formerID, ChatID: formerID, Text: "Halo"}
	if err := s.CreateBroadcastDraft(ctx, draft, storage.Segment{}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}

	refused := []struct {
		name string
		want error
		do   func() error
	}{
		{"approval by a former coordinator", storage.ErrNotCoordinator, func() error {
			_, err := s.DecideVolunteer(ctx, other.ID, former, true, "")
			return err
		}},
		{"one's own rejection", storage.ErrOwnCase, func() error {
			_, err := s.DecideVolunteer(ctx, own.ID, self, false, "Data kurang")
			return err
		}},
		{"one's own approval as an admin", storage.ErrOwnCase, func() error {
			_, err := s.DecideVolunteer(ctx, own.ID, storage.Actor{ID: selfID, Admin: true}, true, "")
			return err
		}},
		{"review by a former coordinator", storage.ErrNotCoordinator, func() error {
			_, err := s.ReviewReport(ctx, otherReport.ID, former, domain.ReportApproved, "")
			return err
		}},
		{"review of one's own report", storage.ErrOwnCase, func() error {
			_, err := s.ReviewReport(ctx, ownReport.ID, self, domain.ReportRejected, "Ganda")
			return err
		}},
		{"event by a former coordinator", storage.ErrNotCoordinator, func() error {
			return s.CreateEvent(ctx, &storage.Event{Title: "Lomba", Kind: "lomba", StartsAt: time.Now().Add(time.Hour), Place: "GOR"}, former)
		}},
		{"event change by a former coordinator", storage.ErrNotCoordinator, func() error {
			changed := *event
			changed.Title = "Rapat lain"
			_, err := s.UpdateEvent(ctx, &changed, former, time.Now())
			return err
		}},
		{"broadcast by a former coordinator", storage.ErrNotCoordinator, func() error {
			_, err := s.StartBroadcast(ctx, draft.ID, former, 0)
			return err
		}},
	}
	for _, tc := range refused {
		if err := tc.do(); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}

	if v, _ := s.VolunteerByID(ctx, own.ID); v.Status != domain.StatusPending {
		t.Errorf("own registration %s, want pending", v.Status)
	}
	if v, _ := s.VolunteerByID(ctx, other.ID); v.Status != domain.StatusPending {
		t.Errorf("other registration %s, want pending", v.Status)
	}
	for _, r := range []*storage.Report{ownReport, otherReport} {
		if got, _ := s.ReportByID(ctx, r.ID); got.Status != domain.ReportSubmitted {
			t.Errorf("report %s is %s, want submitted", got.Number, got.Status)
		}
	}
	if e, _ := s.EventByID(ctx, event.ID); e.Title != "Rapat" {
		t.Errorf("the event was changed to %q", e.Title)
	}
	if b, _ := s.BroadcastByID(ctx, draft.ID); b.Status != storage.BroadcastDraft {
		t.Errorf("the broadcast is %s, want a draft", b.Status)
	}

	// A coordinator decides the others' cases; an admin needs no row.
	if _, err := s.DecideVolunteer(ctx, other.ID, coord, true, ""); err != nil {
		t.Errorf("a coordinator's approval: %v", err)
	}
	if _, err := s.ReviewReport(ctx, ownReport.ID, storage.Actor{ID: 9001, Admin: true}, domain.ReportApproved, ""); err != nil {
		t.Errorf("the admin's review: %v", err)
	}
}
