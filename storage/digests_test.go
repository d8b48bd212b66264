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

// drainDigests sends every due digest of day through s, as one tick of a
// scheduler does, and returns the ids it sent.
func drainDigests(t *testing.T, s *storage.Store, day time.Time, send func(ctx context.Context, id int64) (bool, error)) []int64 {
	t.Helper()
	var done, skip []int64
	for {
		d, err := s.SendDueDigest(context.Background(), day, skip, 5*time.Second, send)
		switch {
		case errors.Is(err, storage.ErrNoDigestDue):
			return done
		case err != nil && d != nil && d.TelegramID != 0:
			skip = append(skip, d.TelegramID)
		case err != nil:
			t.Fatalf("send due digest: %v", err)
		default:
			done = append(done, d.TelegramID)
		}
	}
}

// TestDigestOncePerDayAcrossInstances: schedulers of two instances drain
// the same day's digests at once; each coordinator's digest is sent once,
// its outcome recorded, and scheduling it again on the same day changes
// nothing.
func TestDigestOncePerDayAcrossInstances(t *testing.T) {
	t.Parallel()
	u := storagetest.URL(t)
	a, b := openURL(t, u), openURL(t, u)
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 8, 0, 0, 0, domain.WIB)
	var ids []int64
	for i := range 20 {
		ids = append(ids, int64(7000+i))
	}
	for _, s := range []*storage.Store{a, b} {
		if err := s.ScheduleDigests(ctx, day, ids); err != nil {
			t.Fatal(err)
		}
	}

	var mu sync.Mutex
	calls := map[int64]int{}
	send := func(ctx context.Context, id int64) (bool, error) {
		time.Sleep(time.Millisecond) // hold the claim while the others look
		mu.Lock()
		calls[id]++
		mu.Unlock()
		return id%2 == 0, nil
	}
	var wg sync.WaitGroup
	for i := range 6 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() { drainDigests(t, s, day, send) })
	}
	wg.Wait()
	for _, id := range ids {
		if calls[id] != 1 {
			t.Errorf("digest of %d sent %d times, want 1", id, calls[id])
		}
	}

	if err := a.ScheduleDigests(ctx, day.Add(3*time.Hour), ids); err != nil {
		t.Fatal(err)
	}
	if again := drainDigests(t, b, day.Add(3*time.Hour), send); len(again) != 0 {
		t.Fatalf("digests sent again the same day: %v", again)
	}
	done, err := a.DigestsDone(ctx, day)
	if err != nil || len(done) != len(ids) {
		t.Fatalf("digests done = %v, %v", done, err)
	}
	for _, id := range ids {
		if done[id] != (id%2 == 0) {
			t.Errorf("digest of %d recorded sent=%v", id, done[id])
		}
	}
	// The WIB day, not the UTC one: 06.59 WIB on 2 December is still
	// 1 December in UTC.
	next := time.Date(2026, 12, 2, 6, 59, 0, 0, domain.WIB)
	if err := a.ScheduleDigests(ctx, next, ids[:1]); err != nil {
		t.Fatal(err)
	}
	if got := drainDigests(t, a, next, send); len(got) != 1 || got[0] != ids[0] {
		t.Fatalf("next day's digests = %v", got)
	}
}

// TestDigestStaysDueWhenSendFails: a failed send, or a transaction that
// does not commit, leaves the digest due for the next tick.
func TestDigestStaysDueWhenSendFails(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, domain.WIB)
	if err := s.ScheduleDigests(ctx, day, []int64{7101, 7102}); err != nil {
		t.Fatal(err)
	}
	failing := func(ctx context.Context, id int64) (bool, error) {
		if id == 7101 {
			return false, errors.New("telegram is down")
		}
		return true, nil
	}
	if got := drainDigests(t, s, day, failing); len(got) != 1 || got[0] != 7102 {
		t.Fatalf("sent = %v, want only 7102", got)
	}
	if done, _ := s.DigestsDone(ctx, day); len(done) != 1 || !done[7102] {
		t.Fatalf("digests done = %v", done)
	}

	// The send succeeds but the transaction is cut off before its commit
	// (the context ends, as when an instance's database connection dies).
	cctx, cancel := context.WithCancel(ctx)
	_, err := s.SendDueDigest(cctx, day, nil, 5*time.Second, func(context.Context, int64) (bool, error) {
		cancel()
		return true, nil
	})
	if err == nil {
		t.Fatal("a digest whose transaction was cut off was recorded")
	}
	// The cut-off transaction's connection is discarded, and Postgres
	// releases its lock when it has read the connection's end: a moment
	// later under load, so the next ticks come until then (in production
	// the next tick is seconds away).
	ok := func(context.Context, int64) (bool, error) { return true, nil }
	var got []int64
	for deadline := time.Now().Add(5 * time.Second); len(got) == 0 && time.Now().Before(deadline); {
		if got = drainDigests(t, s, day, ok); len(got) == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if len(got) != 1 || got[0] != 7101 {
		t.Fatalf("retried = %v, want 7101", got)
	}
}

// TestDigestOfASilentInstanceIsTakenOver: an instance claims a digest and
// goes silent with its connection open; the lease ends its session, the
// other instance sends the digest, and the silent one's late commit fails.
func TestDigestOfASilentInstanceIsTakenOver(t *testing.T) {
	t.Parallel()
	u := storagetest.URL(t)
	silent, live := openURL(t, u), openURL(t, u)
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 8, 0, 0, 0, domain.WIB)
	if err := live.ScheduleDigests(ctx, day, []int64{7201}); err != nil {
		t.Fatal(err)
	}
	claimed, taken := make(chan struct{}), make(chan struct{})
	silentErr := make(chan error, 1)
	go func() {
		_, err := silent.SendDueDigest(ctx, day, nil, time.Second, func(context.Context, int64) (bool, error) {
			close(claimed)
			<-taken
			return true, nil
		})
		silentErr <- err
	}()
	<-claimed
	unexpected := func(context.Context, int64) (bool, error) { return false, errors.New("claimed twice") }
	if _, err := live.SendDueDigest(ctx, day, nil, time.Second, unexpected); !errors.Is(err, storage.ErrNoDigestDue) {
		t.Fatalf("a claimed digest was not skipped: %v", err)
	}
	var sent int
	deadline := time.Now().Add(10 * time.Second)
	for sent == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		sent = len(drainDigests(t, live, day, func(context.Context, int64) (bool, error) { return true, nil }))
	}
	close(taken)
	if sent != 1 {
		t.Fatalf("the live instance sent %d digests, want 1", sent)
	}
	if err := <-silentErr; err == nil {
		t.Fatal("the silent instance's late commit succeeded")
	}
	if done, _ := live.DigestsDone(ctx, day); len(done) != 1 || !done[7201] {
		t.Fatalf("digests done = %v", done)
	}
}
