package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"pilarbot/handlers/app/procstat"
	"strings"
	"sync"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
	"pilarbot/storage/demo"
	"pilarbot/storage/province"
)

// liveBot is the bot running as a child process (runChild) against the
// fake Bot API in this one.
type liveBot struct {
	tg     *telegramtest.Server
	rep    *reporter
	admin  *telegramtest.User
	coords []*telegramtest.User // the region coordinators, as province.Regions()
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	heap   chan uint64

	mu      sync.Mutex
	handled map[int]bool
	waiting map[int]chan struct{}
}

// startBot runs the bot the way main does, in a child process, on the
// seeded database, a fresh Redis prefix and the fake Bot API. Telegram's
// per-chat limit is lifted so that a command's second message (the
// /rekap chart) is timed by the work, not by the 1 message/s a real
// chat would wait; the morning digest and the nudge are off, as they
// would message thousands of volunteers, and so is retention, which
// would prune the old outbox rows being measured.
func startBot(ctx context.Context, o options, dbURL string, logOut io.Writer) (*liveBot, error) {
	b := &liveBot{rep: &reporter{}, handled: map[int]bool{}, waiting: map[int]chan struct{}{}, heap: make(chan uint64, 1)}
	b.tg = telegramtest.New(b.rep, telegramtest.Options{WaitTimeout: 2 * time.Minute, Addr: "127.0.0.1:0"})
	// The coordinators have talked to the bot before: their chats exist
	// for the command menus set at start.
	b.admin = b.tg.NewUser(province.AdminID, "Admin Dinsos")
	b.tg.NewUser(province.CityCoordinatorID, "Bu Rina")
	for i := range province.Regions() {
		b.coords = append(b.coords, b.tg.NewUser(province.RegionCoordinatorID(i), fmt.Sprintf("Koordinator %d", i+1)))
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	b.cmd = exec.CommandContext(ctx, self, childFlag)
	b.cmd.Env = append(os.Environ(),
		"TELEGRAM_BOT_TOKEN="+b.tg.Token, "TELEGRAM_API_ENDPOINT="+b.tg.Endpoint(),
		"DATABASE_URL="+dbURL, "REDIS_URL="+o.redis, "REDIS_PREFIX=province:"+randomHex()+":",
		fmt.Sprintf("ADMIN_IDS=%d", province.AdminID), "HTTP_ADDR=127.0.0.1:0",
		"TELEGRAM_GLOBAL_RATE=1000", "TELEGRAM_CHAT_RATE=100", "USER_BURST=10000",
		"DIGEST_AT=off", "NUDGE_AFTER=off", "RETENTION=off", "LOG_LEVEL=warn")
	if o.memLimit != "" {
		b.cmd.Env = append(b.cmd.Env, "GOMEMLIMIT="+o.memLimit)
	}
	b.cmd.Stderr = logOut
	b.cmd.Cancel = func() error { return b.cmd.Process.Signal(os.Interrupt) }
	out, err := b.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if b.stdin, err = b.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if err := b.cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan struct{})
	go b.read(out, ready)
	select {
	case <-ready:
		return b, nil
	case <-time.After(30 * time.Second):
		b.stop()
		return nil, errors.New("bot did not start within 30 s")
	}
}

// read follows the child's reports.
func (b *liveBot) read(out io.Reader, ready chan struct{}) {
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var n uint64
		line := sc.Text()
		switch {
		case line == "ready":
			close(ready)
		case strings.HasPrefix(line, "handled "):
			fmt.Sscan(strings.TrimPrefix(line, "handled "), &n)
			b.markHandled(int(n))
		case strings.HasPrefix(line, "heap "):
			fmt.Sscan(strings.TrimPrefix(line, "heap "), &n)
			b.heap <- n
		}
	}
}

// heapPeak has the child sample its heap while fn runs.
func (b *liveBot) heapPeak(fn func() error) (uint64, error) {
	if _, err := io.WriteString(b.stdin, "heap-start\n"); err != nil {
		return 0, err
	}
	err := fn()
	if _, werr := io.WriteString(b.stdin, "heap-stop\n"); werr != nil {
		return 0, werr
	}
	select {
	case n := <-b.heap:
		return n, err
	case <-time.After(10 * time.Second):
		return 0, errors.New("the bot did not report its heap")
	}
}

// vmHWM is the bot process's peak resident set in kB.
func (b *liveBot) vmHWM() int64 { return procstat.StatusKB(b.cmd.Process.Pid, "VmHWM:") }

// stop interrupts the bot like SIGTERM and waits for it to exit.
func (b *liveBot) stop() error {
	_ = b.cmd.Process.Signal(os.Interrupt)
	err := b.cmd.Wait()
	b.rep.cleanup()
	return err
}

func (b *liveBot) markHandled(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if ch, ok := b.waiting[id]; ok {
		close(ch)
		delete(b.waiting, id)
		return
	}
	b.handled[id] = true
}

// ask sends text as u and returns the time until the bot handled it:
// every reply sent, a document uploaded. A reply that says the system
// failed is an error.
func (b *liveBot) ask(u *telegramtest.User, text string) (time.Duration, error) {
	before := len(u.Messages())
	start := time.Now()
	id := u.SendCommand(text)
	b.mu.Lock()
	var ch chan struct{}
	if !b.handled[id] {
		ch = make(chan struct{})
		b.waiting[id] = ch
	}
	delete(b.handled, id)
	b.mu.Unlock()
	if ch != nil {
		select {
		case <-ch:
		case <-time.After(2 * time.Minute):
			return 0, fmt.Errorf("%q: not handled within 2 minutes", text)
		}
	}
	took := time.Since(start)
	msgs := u.Messages()
	if len(msgs) == before {
		return took, fmt.Errorf("%q: no reply", text)
	}
	for _, m := range msgs[before:] {
		if strings.Contains(m.Plain, "gangguan") {
			return took, fmt.Errorf("%q: the bot answered %q", text, m.Plain)
		}
	}
	return took, nil
}

// repeat asks n times and returns the timings.
func (b *liveBot) repeat(u *telegramtest.User, text string, n int) (durations, error) {
	var d durations
	for range n {
		took, err := b.ask(u, text)
		if err != nil {
			return nil, err
		}
		d = append(d, took)
	}
	return d, nil
}

// sampleVolunteers returns n verified volunteers spread over the set.
func sampleVolunteers(ctx context.Context, store *storage.Store, n int) ([]int64, error) {
	var ids []int64
	err := store.DB().SelectContext(ctx, &ids, `SELECT telegram_id FROM volunteers WHERE status = 'verified'
		ORDER BY (id * 7919) % 100003 LIMIT $1`, n)
	return ids, err
}

// addQueuePhotos registers with the fake the photos of the reports at
// the head of the review queue of each scope, so that /tinjau can send
// them again; the seeded set's other photos are never sent.
func (b *liveBot) addQueuePhotos(ctx context.Context, store *storage.Store, reviewer int64, scopes ...storage.Scope) error {
	data := demo.Photos()[0].Data
	for _, sc := range scopes {
		reps, err := store.ReviewQueue(ctx, sc, reviewer, 0, 1)
		if err != nil {
			return err
		}
		for _, r := range reps {
			for _, p := range r.Photos {
				if _, _, ok := b.tg.FileData(p.FileID); !ok {
					if err := b.tg.AddPhoto(p.FileID, data); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// reporter lets the fake, written for tests, run in a program, as the
// playground does: what would fail a test panics here.
type reporter struct{ cleanups []func() }

func (r *reporter) Helper()                           {}
func (r *reporter) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (r *reporter) Cleanup(f func())                  { r.cleanups = append(r.cleanups, f) }
func (r *reporter) cleanup() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
