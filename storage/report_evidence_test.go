package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

func TestReportEvidence(t *testing.T) {
	s, c := openWithClock(t) // 20 December 2023, 08.00 WIB
	ctx := context.Background()
	volunteer := func(tg int64, name string) *storage.Volunteer {
		v := &storage.Volunteer{TelegramID: tg, ChatID: tg, FullName: name, Pilar: "psm", KelurahanCode: "35.75.04.1006"}
		if err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	latifa, siti := volunteer(71, "Latifa"), volunteer(72, "Siti")
	n := 0
	report := func(v *storage.Volunteer, photos ...string) *storage.Report {
		n++
		r := &storage.Report{IdempotencyKey: fmt.Sprint(n), VolunteerID: v.ID, Pilar: "psm", Activity: "penyuluhan",
			ActivityDate: c.Now(), KelurahanCode: v.KelurahanCode, Description: "Penyuluhan di balai RW."}
		for _, p := range photos {
			r.Photos = append(r.Photos, storage.ReportPhoto{FileID: "f" + p, FileUniqueID: p})
		}
		if _, err := s.CreateReport(ctx, r, v.TelegramID, wib); err != nil {
			t.Fatal(err)
		}
		return r
	}
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 500, Name: "Bu Sri"}, 1); err != nil {
		t.Fatal(err)
	}

	// November: one approved report of Latifa's; December: three more.
	c.Add(-30 * 24 * time.Hour)
	r1 := report(latifa, "a", "b")
	if _, err := s.ReviewReport(ctx, r1.ID, storage.Actor{ID: 500}, domain.ReportApproved, ""); err != nil {
		t.Fatal(err)
	}
	c.Add(30 * 24 * time.Hour)
	r2 := report(siti, "c", "b")
	r3 := report(latifa, "b", "d", "c")
	r4 := report(latifa)
	if _, err := s.ReviewReport(ctx, r3.ID, storage.Actor{ID: 9, Admin: true}, domain.ReportRejected, "Foto lama."); err != nil {
		t.Fatal(err)
	}

	// Photo b of r3 was in r1 and r2, c in r2; r1 reuses nothing, and a
	// later report does not count against an earlier one.
	got, err := s.PhotoReuses(ctx, r3.ID)
	want := fmt.Sprint([]storage.PhotoReuse{{Position: 1, Numbers: []string{r1.Number, r2.Number}}, {Position: 3, Numbers: []string{r2.Number}}})
	if err != nil || fmt.Sprint(got) != want {
		t.Fatalf("reuses of r3 = %v, %v; want %s", got, err, want)
	}
	if got, err := s.PhotoReuses(ctx, r1.ID); err != nil || len(got) != 0 {
		t.Fatalf("reuses of r1 = %v, %v", got, err)
	}

	reviews, err := s.ReportReviews(ctx, []int64{r1.ID, r2.ID, r3.ID, r4.ID})
	if err != nil || len(reviews) != 2 {
		t.Fatalf("reviews = %v, %v", reviews, err)
	}
	if a := reviews[r1.ID]; a.ActorID != 500 || a.ActorName != "Bu Sri" || a.Status != domain.ReportApproved {
		t.Fatalf("review of r1 = %+v", a)
	}
	if a := reviews[r3.ID]; a.ActorID != 9 || a.ActorName != "" || a.Status != domain.ReportRejected || a.Note != "Foto lama." {
		t.Fatalf("review of r3 = %+v", a)
	}

	month := time.Date(2023, 12, 1, 0, 0, 0, 0, wib)
	rec, err := s.ReporterRecordOf(ctx, latifa.ID, month)
	if err != nil || rec != (storage.ReporterRecord{ThisMonth: 2, Total: 3, Approved: 1, Rejected: 1, Pending: 1}) {
		t.Fatalf("record of Latifa = %+v, %v", rec, err)
	}
}
