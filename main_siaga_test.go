package main

import (
	"context"
	"syscall"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
)

// TestKillNineMidCallupLosesNoRecipient kills the bot with SIGKILL while
// it sends a call-up (/siaga) to 40 Tagana with sends in flight. A call-up
// goes through the broadcast outbox, so the restarted bot sends the rest
// and takes over the dead process's claims after BROADCAST_LEASE: every
// recipient gets it, at most the sends in flight twice.
func TestKillNineMidCallupLosesNoRecipient(t *testing.T) {
	t.Parallel()
	const (
		recipients = 40
		inFlight   = 8
		first      = 7000
	)
	bin := buildBinary(t)
	tg := telegramtest.New(t, telegramtest.Options{Latency: 400 * time.Millisecond})
	env := binaryEnv(t, tg)
	p := startBinary(t, bin, tg, env)
	store := openBinaryStore(t, env)
	coord := tg.NewUser(9001, "Koordinator")
	ctx := context.Background()
	admin := storage.Actor{ID: coord.ID, Admin: true}
	for i := range recipients {
		id := int64(first + i)
		tg.NewUser(id, "Relawan")
		v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: "Relawan", Pilar: "tagana", KelurahanCode: "35.75.04.1005"}
		if err := store.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		if _, err := store.DecideVolunteer(ctx, v.ID, admin, true, ""); err != nil {
			t.Fatal(err)
		}
	}
	c := &storage.Callup{CreatedBy: coord.ID, ChatID: coord.ID, Text: "Banjir di Kebonsari"}
	n, err := store.StartCallup(ctx, c, storage.Segment{Pilars: []string{"tagana"}}, storage.Scope{}, admin,
		func(c *storage.Callup) (string, string, error) { return "🚨 " + c.Text, "", nil })
	if err != nil || n != recipients {
		t.Fatalf("start call-up: %d recipients, %v", n, err)
	}

	waitOutbox(t, store, "status = 'sent'", inFlight, 20*time.Second)
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	if held := countOutbox(t, store, "status = 'pending' AND claimed_by <> ''"); held == 0 {
		t.Fatal("no claim was left behind: the kill did not catch a send in flight")
	}
	restarted := time.Now()
	startBinary(t, bin, tg, env)
	waitOutbox(t, store, "status = 'sent' AND priority = 0", recipients, 45*time.Second)
	t.Logf("all %d recipients of the call-up sent %v after the restart", recipients, time.Since(restarted).Round(100*time.Millisecond))

	stats := tg.Stats()
	extra := 0
	for i := range recipients {
		got := stats.MessagesPerChat[int64(first+i)]
		if got < 1 {
			t.Errorf("chat %d was skipped", first+i)
		}
		extra += max(got-1, 0)
	}
	if extra > inFlight {
		t.Errorf("%d duplicates, want at most %d (the sends in flight)", extra, inFlight)
	}
}
