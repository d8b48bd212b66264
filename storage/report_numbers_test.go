package storage_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// Reports submitted at once get the year's numbers without a gap or a
// repeat, a submission that fails gives its number back, and the number
// grows past six digits instead of being cut.
func TestReportNumbersUnderConcurrencyAndFailure(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	s.Now = newClock().Now // 20 December 2023
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 79, ChatID: 79, FullName: "Rina", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	const n = 40
	// More at once than the pool has connections (20).
	numbers, errs := make([]string, n), make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &storage.Report{IdempotencyKey: fmt.Sprintf("79:%d", i), VolunteerID: v.ID, Pilar: "psm",
				Activity: "penyuluhan", ActivityDate: time.Date(2023, 12, 20, 0, 0, 0, 0, wib), KelurahanCode: "35.75.04.1006",
				Photos: []storage.ReportPhoto{{FileID: "f", FileUniqueID: "u"}}}
			_, errs[i] = s.CreateReport(ctx, r, 79, wib)
			numbers[i] = r.Number
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(numbers)
	for i, got := range numbers {
		if want := fmt.Sprintf("LAP-2023-%06d", i+1); got != want {
			t.Fatalf("numbers after %d concurrent reports: %v; want LAP-2023-000001 to %06d", n, numbers, n)
		}
	}

	// The same photo twice breaks the report's photo constraint: nothing
	// of it is stored and the next report gets the number it would have had.
	bad := &storage.Report{IdempotencyKey: "79:bad", VolunteerID: v.ID, Pilar: "psm", Activity: "penyuluhan",
		ActivityDate: time.Date(2023, 12, 20, 0, 0, 0, 0, wib), KelurahanCode: "35.75.04.1006",
		Photos: []storage.ReportPhoto{{FileID: "f1", FileUniqueID: "same"}, {FileID: "f2", FileUniqueID: "same"}}}
	if _, err := s.CreateReport(ctx, bad, 79, wib); err == nil {
		t.Fatal("a report with the same photo twice was stored")
	}
	if next, _ := newReport(t, s, v.ID, "79:after"); next.Number != fmt.Sprintf("LAP-2023-%06d", n+1) {
		t.Fatalf("after a failed report the number is %s, want LAP-2023-%06d", next.Number, n+1)
	}

	if _, err := s.DB().ExecContext(ctx, `UPDATE report_counters SET last = 999999 WHERE year = 2023`); err != nil {
		t.Fatal(err)
	}
	if big, _ := newReport(t, s, v.ID, "79:big"); big.Number != "LAP-2023-1000000" || big.Seq != 1000000 {
		t.Fatalf("report after 999999 is %s (seq %d), want LAP-2023-1000000", big.Number, big.Seq)
	}
}
