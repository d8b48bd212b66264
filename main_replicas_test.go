package main

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
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
