package storage_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

func TestReviewReportAudited(t *testing.T) {
	s := storagetest.Open(t)
	c := newClock()
	s.Now = c.Now
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 79, ChatID: 79, FullName: "Eko", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	r, _ := newReport(t, s, v.ID, "79:a")
	c.Add(time.Hour)
	if _, err := s.ReviewReport(ctx, r.ID, storage.Actor{ID: 9001, Admin: true}, domain.ReportNeedsCorrection, "Foto kurang jelas"); err != nil {
		t.Fatal(err)
	}
	// A second decision is refused and leaves no audit entry.
	if _, err := s.ReviewReport(ctx, r.ID, storage.Actor{ID: 9002, Admin: true}, domain.ReportApproved, ""); err == nil {
		t.Fatal("a second review was accepted")
	}
	log, err := s.AuditLog(ctx, storage.SubjectReport, strconv.FormatInt(r.ID, 10))
	if err != nil || len(log) != 1 {
		t.Fatalf("audit = %+v, %v", log, err)
	}
	want := storage.AuditEntry{ID: log[0].ID, ActorID: 9001, Action: storage.ActionReportReview,
		SubjectType: storage.SubjectReport, SubjectID: strconv.FormatInt(r.ID, 10),
		Before: string(domain.ReportSubmitted), After: string(domain.ReportNeedsCorrection), Note: "Foto kurang jelas"}
	got := log[0]
	if !got.CreatedAt.Equal(c.Now()) {
		t.Errorf("audit time %v, want %v", got.CreatedAt, c.Now())
	}
	got.CreatedAt = time.Time{}
	if got != want {
		t.Errorf("audit entry = %+v\nwant %+v", got, want)
	}
}

func TestReportCountsAndEachReport(t *testing.T) {
	s := storagetest.Open(t)
	s.Now = newClock().Now
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 80, ChatID: 80, FullName: "Latifa", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	if err := s.AddCoordinator(ctx, storage.Coordinator{TelegramID: 9001, Name: "Bu Rina"}, 0); err != nil {
		t.Fatal(err)
	}
	n := func(i int) *int { return &i }
	for i, date := range []time.Time{
		time.Date(2023, 12, 30, 0, 0, 0, 0, wib),
		time.Date(2023, 12, 31, 0, 0, 0, 0, wib),
		time.Date(2024, 1, 1, 0, 0, 0, 0, wib), // outside December
	} {
		r := &storage.Report{IdempotencyKey: "80:" + strconv.Itoa(i), VolunteerID: v.ID, Pilar: "psm",
			Activity: "kunjungan_rumah", ActivityDate: date, KelurahanCode: "35.75.04.1006",
			PMKSCategory: "Fakir miskin", Beneficiaries: n(3 + i), Description: "Kunjungan rumah."}
		if _, err := s.CreateReport(ctx, r, 80, wib); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := s.ReviewReport(ctx, r.ID, storage.Actor{ID: 9001, Admin: true}, domain.ReportApproved, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	from, to := time.Date(2023, 12, 1, 0, 0, 0, 0, wib), time.Date(2024, 1, 1, 0, 0, 0, 0, wib)
	cs, err := s.ReportCounts(ctx, storage.Scope{}, from, to)
	if err != nil || len(cs) != 2 {
		t.Fatalf("counts = %+v, %v", cs, err)
	}
	if cs[0].Status != domain.ReportApproved || cs[0].Reports != 1 || cs[0].Beneficiaries != 3 ||
		cs[1].Status != domain.ReportSubmitted || cs[1].Reports != 1 || cs[1].Beneficiaries != 4 {
		t.Errorf("counts = %+v", cs)
	}
	// By month, January's report is the third: the months are calendar
	// months of the activity date, not of the submission.
	ms, err := s.MonthReportCounts(ctx, storage.Scope{}, from, to.AddDate(0, 1, 0))
	if err != nil || len(ms) != 3 {
		t.Fatalf("month counts = %+v, %v", ms, err)
	}
	if m := ms[0]; m.Month.Format(time.DateOnly) != "2023-12-01" || m.Status != domain.ReportApproved || m.Reports != 1 || m.Beneficiaries != 3 {
		t.Errorf("first month count = %+v", m)
	}
	if m := ms[2]; m.Month.Format(time.DateOnly) != "2024-01-01" || m.Status != domain.ReportSubmitted || m.Reports != 1 || m.Beneficiaries != 5 {
		t.Errorf("last month count = %+v", m)
	}
	var rows []storage.ReportRow
	err = s.EachReport(ctx, storage.Scope{}, from, to, func(r *storage.ReportRow) error {
		rows = append(rows, *r)
		return nil
	})
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows = %+v, %v", rows, err)
	}
	if r := rows[0]; r.VolunteerName != "Latifa" || r.ReviewerID != 9001 || r.ReviewerName != "Bu Rina" || r.ActivityDate.Day() != 30 {
		t.Errorf("first row = %+v", r)
	}
	if r := rows[1]; r.ReviewerID != 0 || r.ReviewerName != "" || r.ActivityDate.Day() != 31 || r.PhotoCount != 0 {
		t.Errorf("second row = %+v", r)
	}
}
