package main

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
)

// TestKillNineMidBroadcastRecovers kills the bot with SIGKILL while it
// sends an announcement with 8 messages in flight. The restarted bot sends
// the rest at once and takes over the recipients the dead process held
// once BROADCAST_LEASE (15 s) has passed, well before the old 2 minutes;
// nobody is skipped and at most BROADCAST_CONCURRENCY (8) get it twice.
func TestKillNineMidBroadcastRecovers(t *testing.T) {
	const (
		recipients = 40
		inFlight   = 8                // BROADCAST_CONCURRENCY's default
		bound      = 45 * time.Second // three leases; the old lease alone was 120 s
	)
	bin := buildBinary(t)
	tg := telegramtest.New(t, telegramtest.Options{Latency: 400 * time.Millisecond})
	env := binaryEnv(t, tg)
	p := startBinary(t, bin, tg, env) // creates the schema
	store := openBinaryStore(t, env)
	coord := tg.NewUser(9001, "Koordinator")
	startBroadcast(t, store, tg, coord.ID, recipients)

	waitOutbox(t, store, "status = 'sent'", inFlight, 20*time.Second)
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	held := countOutbox(t, store, "status = 'pending' AND claimed_by <> ''")
	if held == 0 {
		t.Fatal("no claim was left behind: the kill did not catch a send in flight")
	}

	restarted := time.Now()
	startBinary(t, bin, tg, env)
	waitOutbox(t, store, "status = 'sent'", recipients, bound)
	t.Logf("%d recipients held by the killed process; all %d sent %v after the restart",
		held, recipients, time.Since(restarted).Round(100*time.Millisecond))

	stats := tg.Stats()
	extra := 0
	for i := range recipients {
		n := stats.MessagesPerChat[int64(6000+i)]
		if n < 1 {
			t.Errorf("chat %d was skipped", 6000+i)
		}
		extra += max(n-1, 0)
	}
	if extra > inFlight {
		t.Errorf("%d duplicates, want at most %d (the sends in flight)", extra, inFlight)
	}
	if m := coord.WaitNext(); !strings.Contains(m.Plain, "Laporan pengumuman") {
		t.Errorf("the coordinator got %q, want the report", m.Plain)
	}
}

// openBinaryStore opens the database the binary was started with.
func openBinaryStore(t *testing.T, env []string) *storage.Store {
	t.Helper()
	var url string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "DATABASE_URL="); ok {
			url = v
		}
	}
	store, err := storage.Open(context.Background(), storage.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// startBroadcast seeds n verified volunteers (chats 6000 on) and starts an
// announcement to all of them from coordinator; the running bot's outbox
// runner picks it up.
func startBroadcast(t *testing.T, store *storage.Store, tg *telegramtest.Server, coordinator int64, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		id := int64(6000 + i)
		tg.NewUser(id, "Relawan")
		v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: "Relawan", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
		if err := store.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		if _, err := store.DecideVolunteer(ctx, v.ID, storage.Actor{ID: coordinator, Admin: true}, true, ""); err != nil {
			t.Fatal(err)
		}
	}
	b := &storage.Broadcast{CreatedBy: coordinator, ChatID: coordinator, Text: "Apel siaga <b>besok</b>"}
	if err := store.CreateBroadcastDraft(ctx, b, storage.Segment{}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.StartBroadcast(ctx, b.ID, storage.Actor{ID: coordinator, Admin: true}, 0); err != nil {
		t.Fatal(err)
	}
}

// countOutbox counts the outbox rows matching where.
func countOutbox(t *testing.T, store *storage.Store, where string) int {
	t.Helper()
	var n int
	if err := store.DB().Get(&n, `SELECT count(*) FROM broadcast_outbox WHERE `+where); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitOutbox waits until at least n outbox rows match where, for at most
// limit.
func waitOutbox(t *testing.T, store *storage.Store, where string, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		got := countOutbox(t, store, where)
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d outbox rows with %s after %v", got, n, where, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
