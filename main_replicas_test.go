package main

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// startReplica starts the binary and waits until its log says want.
func startReplica(t *testing.T, bin string, env []string, want string) *process {
	t.Helper()
	p := startBinaryNoWait(t, bin, env)
	waitLog(t, p, want, 20*time.Second)
	return p
}

// waitLog waits until the process's log holds want.
func waitLog(t *testing.T, p *process, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(p.logs.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the bot's log has no %q after %v:\n%s", want, within, p.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestPollingFailover: of two instances exactly one polls; after kill -9
// of that one the other polls within 10 s, and Telegram never answers
// 409 Conflict.
func TestPollingFailover(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t, telegramtest.Options{})
	env := append(binaryEnv(t, tg), "REPLICA_LEASE=2s")
	first := startReplica(t, bin, env, "polling for updates")
	second := startReplica(t, bin, env, "started; polling whenever")
	u := tg.NewUser(5101, "Wati")
	u.SendCommand("/start")
	if m := u.WaitNext(); !strings.Contains(m.Plain, "Selamat datang") {
		t.Fatalf("reply %q", m.Plain)
	}
	time.Sleep(500 * time.Millisecond)
	if strings.Contains(second.logs.String(), "polling for updates") {
		t.Fatalf("both instances poll:\n%s", second.logs.String())
	}

	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.cmd.Wait()
	killed := time.Now()
	waitLog(t, second, "polling for updates", 10*time.Second)
	t.Logf("the second instance polls %v after the kill", time.Since(killed).Round(10*time.Millisecond))
	v := tg.NewUser(5102, "Yanto")
	v.SendCommand("/start")
	if m := v.WaitNext(); !strings.Contains(m.Plain, "Selamat datang") {
		t.Fatalf("reply after the take-over %q", m.Plain)
	}
	if n := tg.Stats().Conflicts; n != 0 {
		t.Fatalf("Telegram answered 409 %d times", n)
	}
}

// TestKillNineWebhookReplica: three instances in webhook mode share 1,000
// updates of 100 chats posted to random instances; one is killed with
// SIGKILL mid-run and the other two finish its work. Every update is
// answered, every chat's replies in order; only an update the killed
// instance was handling at the kill may be answered twice (its reply was
// out, its completion not recorded), right after the first answer.
func TestKillNineWebhookReplica(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t, telegramtest.Options{})
	const chats, perChat, workers = 100, 10, 8
	ids := make([]int64, chats)
	var admins []string
	users := make([]*telegramtest.User, chats)
	for c := range chats {
		ids[c] = int64(7000 + c)
		users[c] = tg.NewUser(ids[c], fmt.Sprintf("Koordinator %d", c))
		admins = append(admins, fmt.Sprint(ids[c]))
	}
	addrs := []string{apptest.FreeAddr(), apptest.FreeAddr(), apptest.FreeAddr()}
	env := append(binaryEnv(t, tg), "ADMIN_IDS="+strings.Join(admins, ","), "DIGEST_AT=off",
		fmt.Sprintf("WORKERS=%d", workers), "TELEGRAM_GLOBAL_RATE=1000", "TELEGRAM_CHAT_RATE=50",
		"TELEGRAM_WEBHOOK_URL=http://"+addrs[0]+"/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET="+apptest.WebhookSecret)
	var procs []*process
	for _, a := range addrs {
		procs = append(procs, startReplica(t, bin, append(env, "HTTP_ADDR="+a), "taking updates by webhook"))
	}

	load := &apptest.WebhookLoad{Addrs: addrs, Chats: ids, PerChat: perChat, FirstID: 900000, Twice: 0.1,
		Text: func(c, i int) string { return "/cari " + apptest.SearchQuery(c, i) }}
	loaded := make(chan error, 1)
	go func() { loaded <- load.Run() }()
	waitReplies(t, tg, chats*perChat/3, 20*time.Second)
	if err := procs[1].cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = procs[1].cmd.Wait()
	if err := <-loaded; err != nil {
		t.Fatal(err)
	}
	waitReplies(t, tg, chats*perChat, 20*time.Second)
	time.Sleep(300 * time.Millisecond) // a late second answer would show now

	twice := 0
	for c, u := range users {
		var got []string
		for _, m := range u.Messages() {
			if len(got) > 0 && m.Plain == got[len(got)-1] {
				twice++ // handled again after the kill
				continue
			}
			got = append(got, m.Plain)
		}
		if len(got) != perChat {
			t.Fatalf("chat %d: %d different replies, want %d: %q", c, len(got), perChat, got)
		}
		for i, text := range got {
			if !strings.Contains(text, apptest.SearchQuery(c, i)) {
				t.Fatalf("chat %d reply %d is %q: out of order", c, i, text)
			}
		}
	}
	t.Logf("%d updates answered twice (in flight at the kill)", twice)
	if twice > 2*workers {
		t.Fatalf("%d updates answered twice; at most the %d chats the killed instance held may be", twice, 2*workers)
	}
}

// waitReplies waits until the bot sent n messages in all.
func waitReplies(t *testing.T, tg *telegramtest.Server, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		total := 0
		for _, k := range tg.Stats().MessagesPerChat {
			total += k
		}
		if total >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d replies after %v, want %d", total, within, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
