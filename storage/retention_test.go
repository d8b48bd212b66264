package storage_test

import (
	"context"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/province"
	"pilarbot/storage/storagetest"
)

// TestPruneHandledKeepsRecordsAndCounts prunes a small province seeded
// over two years at 180 days: the handled rows older than that go, in
// batches; recent ones, records and the counts of old broadcasts stay.
func TestPruneHandledKeepsRecordsAndCounts(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, domain.WIB)
	s.Now = func() time.Time { return now }
	if _, err := province.Seed(ctx, s, province.Sizes{Volunteers: 600, Reports: 2000, PeakReports: 200,
		Events: 76, Answers: 760, OldBroadcasts: 12, OldOutbox: 3600}, now); err != nil {
		t.Fatal(err)
	}
	cutoff := now.AddDate(0, 0, -180)
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := s.DB().GetContext(ctx, &n, q, args...); err != nil {
			t.Fatal(err)
		}
		return n
	}
	records := `SELECT (SELECT count(*) FROM volunteers) + (SELECT count(*) FROM reports)
		+ (SELECT count(*) FROM report_status_history) + (SELECT count(*) FROM event_rsvps)
		+ (SELECT count(*) FROM events) + (SELECT count(*) FROM broadcasts)`
	recordsBefore := count(records)
	recentOutbox := count(`SELECT count(*) FROM broadcast_outbox o JOIN broadcasts b ON b.id = o.broadcast_id
		WHERE b.finished_at >= $1`, cutoff)
	recentReminders := count(`SELECT count(*) FROM event_reminders WHERE coalesce(sent_at, due_at) >= $1`, cutoff)
	recentDigests := count(`SELECT count(*) FROM coordinator_digests WHERE done_at >= $1`, cutoff)
	latestNudges := count(`SELECT count(DISTINCT volunteer_id) FROM volunteer_nudges`)
	oldOutbox := count(`SELECT count(*) FROM broadcast_outbox`) - recentOutbox
	before, err := s.RecentBroadcasts(ctx, 100, 0, storage.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if recentOutbox == 0 || oldOutbox == 0 || recentReminders == 0 || recentDigests == 0 {
		t.Fatalf("the seed has nothing on one side of the cutoff: outbox %d/%d, reminders %d, digests %d",
			oldOutbox, recentOutbox, recentReminders, recentDigests)
	}

	got, err := s.PruneHandled(ctx, cutoff, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got.OutboxRows != int64(oldOutbox) || got.Broadcasts == 0 || got.Reminders == 0 || got.Digests == 0 || got.Nudges == 0 {
		t.Errorf("pruned %+v, want the %d old outbox rows and old reminders, digests and nudges", got, oldOutbox)
	}
	for _, c := range []struct {
		q    string
		want int
	}{
		{`SELECT count(*) FROM broadcast_outbox`, recentOutbox},
		{`SELECT count(*) FROM event_reminders`, recentReminders},
		{`SELECT count(*) FROM coordinator_digests`, recentDigests},
		{`SELECT count(DISTINCT volunteer_id) FROM volunteer_nudges`, latestNudges},
		{`SELECT count(*) FROM volunteer_nudges n WHERE n.done_at < '2026-06-01'
			AND n.day < (SELECT max(day) FROM volunteer_nudges m WHERE m.volunteer_id = n.volunteer_id)`, 0},
		{records, recordsBefore},
	} {
		if n := count(c.q); n != c.want {
			t.Errorf("%s = %d, want %d", c.q, n, c.want)
		}
	}

	// /umumkan riwayat reads the same counts as before the pruning.
	after, err := s.RecentBroadcasts(ctx, 100, 0, storage.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("%d broadcasts in the history after pruning, %d before", len(after), len(before))
	}
	for i := range before {
		if after[i].BroadcastCounts != before[i].BroadcastCounts || before[i].All() == 0 {
			t.Errorf("broadcast %d: counts %+v after pruning, %+v before", before[i].ID, after[i].BroadcastCounts, before[i].BroadcastCounts)
		}
	}

	// Nothing is left to prune.
	again, err := s.PruneHandled(ctx, cutoff, 100)
	if err != nil || again != (storage.Pruned{}) {
		t.Errorf("second prune: %+v, %v", again, err)
	}
}
