package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage/storagetest"
)

func TestRunRefusesBadConfig(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"no token", map[string]string{}, "TELEGRAM_BOT_TOKEN is required"},
		{"malformed token", map[string]string{"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN is malformed"},
		{"bad admin ids", map[string]string{"TELEGRAM_BOT_TOKEN": "1:abc", "ADMIN_IDS": "12,abc"}, "ADMIN_IDS"},
		{"bad ttl", map[string]string{"TELEGRAM_BOT_TOKEN": "1:abc", "CONVERSATION_TTL": "sehari"}, "CONVERSATION_TTL"},
		{"bad endpoint", map[string]string{"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_API_ENDPOINT": "http://x/"}, "TELEGRAM_API_ENDPOINT"},
		{"bad redis", map[string]string{"TELEGRAM_BOT_TOKEN": "1:abc", "REDIS_URL": "localhost"}, "REDIS_URL"},
		{"bad workers", map[string]string{"TELEGRAM_BOT_TOKEN": "1:abc", "WORKERS": "0"}, "WORKERS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"pilarbot"}, func(k string) string { return c.env[k] }, &out, &errOut)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one naming %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is not one line: %q", err)
			}
			if tok := c.env["TELEGRAM_BOT_TOKEN"]; len(tok) > 3 && strings.Contains(err.Error(), tok) {
				t.Errorf("the error repeats the token")
			}
		})
	}
}

func TestPlaygroundFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"pilarbot", "playground", "--demoo"}, func(string) string { return "" }, &out, &errOut)
	if err == nil || !strings.Contains(errOut.String(), "usage: pilarbot playground [--demo]") {
		t.Errorf("unknown flag: err %v, stderr %q; want an error and the usage", err, errOut.String())
	}
	errOut.Reset()
	err = run(context.Background(), []string{"pilarbot", "playground", "-h"}, func(string) string { return "" }, &out, &errOut)
	if err != nil || !strings.Contains(errOut.String(), "no token needed") {
		t.Errorf("-h: err %v, stderr %q; want the usage and no error", err, errOut.String())
	}
}

// process is the real binary running against the fake Bot API.
type process struct {
	cmd  *exec.Cmd
	logs *syncBuffer
}

// syncBuffer collects the child's output; the test reads it meanwhile.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// built is the binary the tests run, built once for the package.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// buildBinary builds the program once and returns its path; TestMain
// removes it.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "pilarbot-test-")
		if err != nil {
			built.err = err
			return
		}
		built.dir, built.bin = dir, filepath.Join(dir, "pilarbot")
		if out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func startBinary(t *testing.T, bin string, tg *telegramtest.Server, env []string) *process {
	t.Helper()
	p := startBinaryNoWait(t, bin, env)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(p.logs.String(), "polling for updates") {
		if time.Now().After(deadline) {
			t.Fatalf("the bot did not start polling; its log:\n%s", p.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return p
}

// startBinaryNoWait starts the binary and kills it at cleanup.
func startBinaryNoWait(t *testing.T, bin string, env []string) *process {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), env...)
	logs := &syncBuffer{}
	cmd.Stderr = logs
	cmd.Stdout = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, logs: logs}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return p
}

func binaryEnv(t *testing.T, tg *telegramtest.Server) []string {
	return []string{
		"TELEGRAM_BOT_TOKEN=" + tg.Token,
		"TELEGRAM_API_ENDPOINT=" + tg.Endpoint(),
		"DATABASE_URL=" + storagetest.URL(t),
		"REDIS_PREFIX=test:main:" + strings.ReplaceAll(t.Name(), "/", "_") + ":" + time.Now().Format("150405.000000") + ":",
		"TELEGRAM_POLL_TIMEOUT=20s",
		"TELEGRAM_CHAT_RATE=20",
		"HTTP_ADDR=127.0.0.1:0",
		// A killed instance's polling lease and chat claims are taken
		// over after this long.
		"REPLICA_LEASE=1s",
	}
}

// TestKillNineMidFlowResumes kills the bot with SIGKILL in the middle of a
// registration; the restarted bot takes the next answer where the user was.
func TestKillNineMidFlowResumes(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t, telegramtest.Options{})
	env := binaryEnv(t, tg)
	u := tg.NewUser(5001, "Wati")

	p := startBinary(t, bin, tg, env)
	u.SendCommand("/daftar")
	u.WaitNext()
	u.SendText("Wati Susanti")
	if m := u.WaitNext(); !strings.Contains(m.Plain, "jenis pilar") {
		t.Fatalf("after the name: %q", m.Plain)
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()

	startBinary(t, bin, tg, env)
	u.SendText("Tagana")
	if m := u.WaitNext(); !strings.Contains(m.Plain, "kecamatan") {
		t.Fatalf("after the restart the flow did not continue: %q", m.Plain)
	}
}

// TestSIGTERMStopsPromptly checks that SIGTERM during a 20 s long poll ends
// the process with status 0 within a few seconds, with every update
// confirmed.
func TestSIGTERMStopsPromptly(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t, telegramtest.Options{})
	u := tg.NewUser(5002, "Yanto")
	p := startBinary(t, bin, tg, binaryEnv(t, tg))
	id := u.SendCommand("/start")
	u.WaitNext()
	time.Sleep(300 * time.Millisecond) // back inside the long poll

	began := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := p.cmd.Wait()
	if took := time.Since(began); took > 5*time.Second {
		t.Fatalf("the bot took %v to stop", took)
	}
	if err != nil {
		t.Fatalf("exit after SIGTERM: %v; log:\n%s", err, p.logs.String())
	}
	tg.WaitConfirmed(id)
	if strings.Contains(p.logs.String(), tg.Token) {
		t.Fatalf("the log contains the token")
	}
}
