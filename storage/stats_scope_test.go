package storage_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"pilarbot/storage"
)

// TestStatsFollowScope checks that /rekap's counts, the exports and /cari
// keep, for every scope, exactly the volunteers Scope.Covers keeps, and
// their reports and answers: reports by their reporter (all of them are
// about a kelurahan of Bugul Kidul, where none of the reporters lives).
func TestStatsFollowScope(t *testing.T) {
	s, clk := seedAudience(t)
	ctx := context.Background()
	start := clk.Now().Add(-time.Hour)
	end := clk.Now().Add(48 * time.Hour)
	all := map[int64][2]string{} // telegram id → pilar, kelurahan
	var ids []int64
	err := s.EachVolunteer(ctx, storage.Scope{}, func(v *storage.Volunteer) error {
		all[v.TelegramID] = [2]string{v.Pilar, v.KelurahanCode}
		ids = append(ids, v.ID)
		return nil
	})
	if err != nil || len(all) != 8 {
		t.Fatalf("city-wide EachVolunteer: %d volunteers, %v", len(all), err)
	}
	event := &storage.Event{Title: "Bimtek", Kind: "bimtek", StartsAt: clk.Now().Add(24 * time.Hour), Place: "GOR"}
	if err := s.CreateEvent(ctx, event, storage.Actor{ID: 9001, Admin: true}); err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		r := &storage.Report{IdempotencyKey: "scope:" + strconv.Itoa(i), VolunteerID: id, Pilar: "psm",
			Activity: "penyuluhan", ActivityDate: clk.Now(), KelurahanCode: "35.75.03.1003", Description: "Penyuluhan."}
		if _, err := s.CreateReport(ctx, r, int64(i+1), wib); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRSVP(ctx, event.ID, id, true, clk.Now()); err != nil {
			t.Fatal(err)
		}
	}

	for _, scope := range []storage.Scope{
		{},
		{Kecamatans: []string{"35.75.01"}},
		{Kelurahans: []string{"35.75.04.1006"}},
		{Pilars: []string{"tagana"}},
		{Pilars: []string{"psm"}, Kecamatans: []string{"35.75.04"}},
		{Kecamatans: []string{"35.75.03"}}, // nobody lives there
	} {
		want := []int64{}
		for tg, v := range all {
			if scope.Covers(v[0], v[1]) {
				want = append(want, tg)
			}
		}
		slices.Sort(want)
		checkScopedQueries(t, s, scope, start, end, want)
	}
}

// checkScopedQueries runs every scoped read of /rekap, /ekspor and /cari
// with scope and checks that each keeps the volunteers want (telegram ids,
// sorted) and no one else.
func checkScopedQueries(t *testing.T, s *storage.Store, scope storage.Scope, start, end time.Time, want []int64) {
	t.Helper()
	ctx := context.Background()
	var got []int64
	if err := s.EachVolunteer(ctx, scope, func(v *storage.Volunteer) error {
		got = append(got, v.TelegramID)
		return nil
	}); err != nil || !sameIDs(got, want) {
		t.Errorf("scope %+v: EachVolunteer = %v, %v; want %v", scope, got, err, want)
	}
	found, err := s.SearchVolunteers(ctx, scope, "Relawan", "", 100)
	got = got[:0]
	for _, v := range found {
		got = append(got, v.TelegramID)
	}
	if err != nil || !sameIDs(got, want) {
		t.Errorf("scope %+v: SearchVolunteers = %v, %v; want %v", scope, got, err, want)
	}
	counts, err := s.VolunteerCounts(ctx, scope, start, end)
	total := 0
	for _, c := range counts {
		total += c.Total
	}
	if err != nil || total != len(want) {
		t.Errorf("scope %+v: VolunteerCounts total %d, %v; want %d", scope, total, err, len(want))
	}
	reports, err := s.ReportCounts(ctx, scope, start, end)
	total = 0
	for _, c := range reports {
		total += c.Reports
	}
	if err != nil || total != len(want) {
		t.Errorf("scope %+v: ReportCounts total %d, %v; want %d", scope, total, err, len(want))
	}
	months, err := s.MonthReportCounts(ctx, scope, start, end)
	total = 0
	for _, c := range months {
		total += c.Reports
	}
	if err != nil || total != len(want) {
		t.Errorf("scope %+v: MonthReportCounts total %d, %v; want %d", scope, total, err, len(want))
	}
	total = 0
	if err := s.EachReport(ctx, scope, start, end, func(*storage.ReportRow) error { total++; return nil }); err != nil || total != len(want) {
		t.Errorf("scope %+v: EachReport %d rows, %v; want %d", scope, total, err, len(want))
	}
	checkScopedEvents(t, s, scope, start, end, len(want))
}

// checkScopedEvents checks that the one event, answered Hadir by every
// volunteer, counts the n of them inside scope, and is listed only when n
// is not 0 (or the scope is the whole city).
func checkScopedEvents(t *testing.T, s *storage.Store, scope storage.Scope, start, end time.Time, n int) {
	t.Helper()
	ctx := context.Background()
	listed := 1
	if n == 0 && !scope.CityWide() {
		listed = 0
	}
	es, err := s.EventAttendances(ctx, scope, start, end)
	if err != nil || len(es) != listed || (listed == 1 && es[0].Attending != n) {
		t.Errorf("scope %+v: EventAttendances = %+v, %v; want %d listed with %d attending", scope, es, err, listed, n)
	}
	recent, err := s.RecentEvents(ctx, scope, end, 10)
	if err != nil || len(recent) != listed {
		t.Errorf("scope %+v: RecentEvents = %d events, %v; want %d", scope, len(recent), err, listed)
	}
	if listed == 0 {
		return
	}
	as, err := s.AttendeesInScope(ctx, scope, es[0].ID)
	if err != nil || len(as) != n {
		t.Errorf("scope %+v: AttendeesInScope = %d, %v; want %d", scope, len(as), err, n)
	}
	for _, a := range as {
		if !scope.Covers(a.Pilar, a.KelurahanCode) {
			t.Errorf("scope %+v: attendee of %s %s outside it", scope, a.Pilar, a.KelurahanCode)
		}
	}
}

// sameIDs reports whether got holds exactly the sorted ids want.
func sameIDs(got, want []int64) bool {
	got = slices.Clone(got)
	slices.Sort(got)
	return slices.Equal(got, want)
}
