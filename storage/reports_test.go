package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

var wib = time.FixedZone("WIB", 7*3600)

func newReport(t *testing.T, s *storage.Store, volunteerID int64, key string) (*storage.Report, bool) {
	t.Helper()
	r := &storage.Report{
		IdempotencyKey: key, VolunteerID: volunteerID, Pilar: "psm", Activity: "penyuluhan",
		ActivityDate: time.Date(2023, 12, 20, 0, 0, 0, 0, wib), KelurahanCode: "35.75.04.1006",
		Description: "Penyuluhan di balai RW.",
		Photos:      []storage.ReportPhoto{{FileID: "f1", FileUniqueID: "u1"}, {FileID: "f2", FileUniqueID: "u2"}},
	}
	created, err := s.CreateReport(context.Background(), r, 77, wib)
	if err != nil {
		t.Fatalf("create report: %v", err)
	}
	return r, created
}

func TestReportNumberingAndIdempotency(t *testing.T) {
	s := storagetest.Open(t)
	c := newClock() // 20 December 2023, 08.00 WIB
	s.Now = c.Now
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 77, ChatID: 77, FullName: "Latifa", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	r1, created := newReport(t, s, v.ID, "77:a")
	if !created || r1.Number != "LAP-2023-000001" || len(r1.Photos) != 2 || r1.Latitude != nil || r1.Victims != nil {
		t.Fatalf("first report = %+v, created %v", r1, created)
	}
	again, created := newReport(t, s, v.ID, "77:a")
	if created || again.ID != r1.ID || again.Number != r1.Number || len(again.Photos) != 2 {
		t.Fatalf("same key again = %+v, created %v; want the first report", again, created)
	}
	r2, _ := newReport(t, s, v.ID, "77:b")
	if r2.Number != "LAP-2023-000002" {
		t.Fatalf("second number %s", r2.Number)
	}
	// 31 Dec 2023 17.30 UTC is already 1 January 2024 in WIB: a new year,
	// a new sequence.
	c.Add(11*24*time.Hour + 16*time.Hour + 30*time.Minute)
	r3, _ := newReport(t, s, v.ID, "77:c")
	if r3.Number != "LAP-2024-000001" {
		t.Fatalf("first number of 2024 = %s", r3.Number)
	}
	page, total, err := s.ReportsByVolunteer(ctx, v.ID, 2, 0)
	if err != nil || total != 3 || len(page) != 2 || page[0].ID != r3.ID || page[1].ID != r2.ID {
		t.Fatalf("newest page = %+v, total %d, %v", page, total, err)
	}
	got, err := s.ReportByNumber(ctx, "LAP-2023-000001")
	if err != nil || got.ActivityDate.Format(time.DateOnly) != "2023-12-20" || got.Photos[1].FileID != "f2" {
		t.Fatalf("report by number = %+v, %v", got, err)
	}
	if _, err := s.ReportByNumber(ctx, "LAP-1999-000001"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown number: %v, want ErrNotFound", err)
	}
}

func TestReviewReportOnce(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 78, ChatID: 78, FullName: "Eko", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	r, _ := newReport(t, s, v.ID, "78:a")

	// Two coordinators decide at once: exactly one wins.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, status := range []domain.ReportStatus{domain.ReportApproved, domain.ReportRejected} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.ReviewReport(ctx, r.ID, storage.Actor{ID: int64(9001 + i), Admin: true}, status, "catatan")
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, storage.ErrAlreadyReviewed):
			t.Fatalf("review: %v", err)
		}
	}
	hist, err := s.ReportHistory(ctx, r.ID)
	if won != 1 || err != nil || len(hist) != 2 || hist[0].To != domain.ReportSubmitted || hist[1].From != domain.ReportSubmitted {
		t.Fatalf("winners %d, history %+v, %v", won, hist, err)
	}
	if _, err := s.ReviewReport(ctx, 999999, storage.Actor{ID: 9001, Admin: true}, domain.ReportApproved, ""); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown report: %v, want ErrNotFound", err)
	}
}
