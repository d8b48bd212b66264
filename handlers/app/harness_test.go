package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// adminID is the admin from ADMIN_IDS in every test.
const adminID = 9001

// harness runs the whole bot the way main does, against the fake Bot API,
// a schema of its own in Postgres and a key prefix of its own in Redis.
type harness struct {
	t     testing.TB
	tg    *telegramtest.Server
	cfg   app.Config
	store *storage.Store // the test's own connection, for assertions
	rdb   *redis.Client
	clock *clock
	admin *telegramtest.User

	mu      sync.Mutex
	cancel  context.CancelFunc
	done    chan error
	handled map[int]int
	changed chan struct{} // closed and replaced when handled grows
}

type harnessOption func(*app.Config, *telegramtest.Options)

func newHarness(t testing.TB, opts ...harnessOption) *harness {
	t.Helper()
	tgOpts := telegramtest.Options{}
	dbURL := storagetest.URL(t)
	cfg := app.Defaults()
	cfg.DatabaseURL = dbURL
	cfg.RedisPrefix = "test:" + randomHex(6) + ":"
	cfg.GlobalRate = 1000
	cfg.ChatRate = 50
	cfg.PollTimeout = 2 * time.Second
	cfg.Admins = []int64{adminID}
	for _, o := range opts {
		o(&cfg, &tgOpts)
	}
	tg := telegramtest.New(t, tgOpts)
	cfg.Token = tg.Token
	cfg.APIEndpoint = tg.Endpoint()

	h := &harness{t: t, tg: tg, cfg: cfg, clock: &clock{}, handled: map[int]int{}, changed: make(chan struct{})}
	h.admin = tg.NewUser(adminID, "Admin Dinsos")
	st, err := storage.Open(context.Background(), storage.Config{URL: dbURL})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	h.store = st
	h.rdb = redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	t.Cleanup(func() {
		ctx := context.Background()
		iter := h.rdb.Scan(ctx, 0, cfg.RedisPrefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			h.rdb.Del(ctx, iter.Val())
		}
		h.rdb.Close()
	})
	h.start()
	t.Cleanup(h.stop)
	return h
}

// start runs the bot in the background and waits until it polls.
func (h *harness) start() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	var logOut io.Writer = io.Discard
	if testing.Verbose() {
		logOut = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: h.cfg.LogLevel}))
	go func() {
		done <- app.Run(ctx, h.cfg, log, app.Options{
			HTTPClient: h.tg.Client(),
			Now:        h.clock.Now,
			Ready:      func() { close(ready) },
			Handled:    h.markHandled,
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		h.t.Fatalf("bot stopped during start-up: %v", err)
	case <-time.After(15 * time.Second):
		cancel()
		h.t.Fatalf("bot did not start within 15 s")
	}
	h.mu.Lock()
	h.cancel, h.done = cancel, done
	h.mu.Unlock()
}

// stop cancels the bot like SIGTERM and waits for Run to return.
func (h *harness) stop() {
	h.mu.Lock()
	cancel, done := h.cancel, h.done
	h.cancel, h.done = nil, nil
	h.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			h.t.Errorf("bot returned an error at shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Errorf("bot did not stop within 10 s of cancellation")
	}
}

func (h *harness) markHandled(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.handled[id]++
	close(h.changed)
	h.changed = make(chan struct{})
}

// waitHandled waits until the bot has handled the update (or skipped it as
// handled before). A confirmed update is not necessarily handled yet: the
// bot confirms what is safe in its inbox.
func (h *harness) waitHandled(id int) { h.t.Helper(); h.waitHandledTimes(id, 1) }

// waitHandledTimes waits until the update went through the bot n times
// (a redelivered update counts again, even when it is skipped).
func (h *harness) waitHandledTimes(id, n int) {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		h.mu.Lock()
		done, changed := h.handled[id] >= n, h.changed
		h.mu.Unlock()
		if done {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			h.t.Fatalf("update %d was not handled within 10 s", id)
		}
	}
}

func (h *harness) restart() {
	h.t.Helper()
	h.stop()
	h.start()
}

// clock is the bot's clock: real time moved forward by an offset.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// proxy is a TCP forwarder the test can cut, to take Postgres or Redis
// away from the bot without touching the shared servers.
type proxy struct {
	t      testing.TB
	target string
	ln     net.Listener
	addr   string

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]struct{}
}

func newProxy(t testing.TB, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("proxy listen: %v", err)
	}
	p := &proxy{t: t, target: target, ln: ln, addr: ln.Addr().String(), conns: map[net.Conn]struct{}{}}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.cut() })
	return p
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue
		}
		p.mu.Lock()
		if p.down {
			p.mu.Unlock()
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns[c], p.conns[up] = struct{}{}, struct{}{}
		p.mu.Unlock()
		go p.pipe(c, up)
		go p.pipe(up, c)
	}
}

func (p *proxy) pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

// cut drops every connection and refuses new ones until heal.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
}

func (p *proxy) heal() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}
