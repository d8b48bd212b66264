// Package apptest runs the whole bot in a test the way main does: the real
// wiring (app.Run) against the fake Bot API of bot/telegramtest, a Postgres
// schema of its own and a Redis key prefix of its own, so test packages
// run in parallel. Every capability's end-to-end tests use it, with the
// shared walks through flows (Register, Press, Expect) and seeders that
// put volunteers, reports and events straight into the store.
package apptest

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

// AdminID is the admin from ADMIN_IDS in every test.
const AdminID = 9001

// AdminActor is the admin as the store's decisions take it, for seeders
// and tests that decide straight in the store.
var AdminActor = storage.Actor{ID: AdminID, Admin: true}

// Harness runs the whole bot the way main does, against the fake Bot API,
// a schema of its own in Postgres and a key prefix of its own in Redis.
type Harness struct {
	T     testing.TB
	TG    *telegramtest.Server
	Cfg   app.Config
	Store *storage.Store // the test's own connection, for assertions
	RDB   *redis.Client
	Clock *Clock
	Admin *telegramtest.User

	mu      sync.Mutex
	httpURL string // the bot's HTTP endpoints, a new port at each start
	cancel  context.CancelFunc
	done    chan error
	handled map[int]int
	changed chan struct{} // closed and replaced when handled grows
	allowed []allowedRefusal
}

// Config is the bot's configuration as app.Run takes it, so that a
// capability's tests change settings through this package alone and
// never import the wiring.
type Config = app.Config

// Option changes the bot's configuration or the fake's before start.
type Option func(*Config, *telegramtest.Options)

// New starts the bot for t and stops it, and drops its data, at cleanup.
func New(t testing.TB, opts ...Option) *Harness {
	t.Helper()
	tgOpts := telegramtest.Options{}
	dbURL := storagetest.URL(t)
	cfg := app.Defaults()
	cfg.DatabaseURL = dbURL
	cfg.Procs = 0 // the tests share one process: MAX_PROCS is the binary's
	cfg.RedisPrefix = "test:" + RandomHex(6) + ":"
	cfg.GlobalRate = 1000
	cfg.ChatRate = 50
	cfg.UserBurst = 10000 // tests type fast; the flood tests set it back
	cfg.PollTimeout = 2 * time.Second
	cfg.Admins = []int64{AdminID}
	// The morning digest would reach the admin and the coordinators of
	// every test whose clock passes 08.00; its own tests turn it on.
	cfg.DigestOff = true
	cfg.NudgeOff = true
	// The pruner would race tests that seed old rows; its own tests run
	// it by hand.
	cfg.RetentionOff = true
	cfg.HTTPAddr = "127.0.0.1:0" // each start listens on a free port (HTTPURL)
	for _, o := range opts {
		o(&cfg, &tgOpts)
	}
	tg := telegramtest.New(t, tgOpts)
	cfg.Token = tg.Token
	cfg.APIEndpoint = tg.Endpoint()

	h := &Harness{T: t, TG: tg, Cfg: cfg, Clock: &Clock{}, handled: map[int]int{}, changed: make(chan struct{})}
	h.Admin = tg.NewUser(AdminID, "Admin Dinsos")
	st, err := storage.Open(context.Background(), storage.Config{URL: dbURL})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	h.Store = st
	h.RDB = redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	t.Cleanup(func() {
		ctx := context.Background()
		iter := h.RDB.Scan(ctx, 0, cfg.RedisPrefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			h.RDB.Del(ctx, iter.Val())
		}
		h.RDB.Close()
	})
	h.Start()
	t.Cleanup(h.checkRefusals) // runs after Stop: cleanups run last first
	t.Cleanup(h.Stop)
	return h
}

// Start runs the bot in the background and waits until it polls.
func (h *Harness) Start() {
	h.T.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	var logOut io.Writer = io.Discard
	if testing.Verbose() {
		logOut = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: h.Cfg.LogLevel}))
	ln, err := net.Listen("tcp", h.Cfg.HTTPAddr)
	if err != nil {
		cancel()
		h.T.Fatalf("listen for the bot's HTTP endpoints: %v", err)
	}
	h.mu.Lock()
	h.httpURL = "http://" + ln.Addr().String()
	h.mu.Unlock()
	go func() {
		done <- app.Run(ctx, h.Cfg, log, app.Options{
			Listener:   ln,
			HTTPClient: h.TG.Client(),
			Now:        h.Clock.Now,
			Ready:      func() { close(ready) },
			Handled:    h.markHandled,
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		h.T.Fatalf("bot stopped during start-up: %v", err)
	case <-time.After(15 * time.Second):
		cancel()
		h.T.Fatalf("bot did not start within 15 s")
	}
	h.mu.Lock()
	h.cancel, h.done = cancel, done
	h.mu.Unlock()
}

// Stop cancels the bot like SIGTERM and waits for Run to return.
func (h *Harness) Stop() {
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
			h.T.Errorf("bot returned an error at shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		h.T.Errorf("bot did not stop within 10 s of cancellation")
	}
}

// HTTPURL is the base URL of the bot's /healthz, /readyz and /metrics
// (http://127.0.0.1:port), a new one after each Restart.
func (h *Harness) HTTPURL() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.httpURL
}

func (h *Harness) markHandled(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.handled[id]++
	close(h.changed)
	h.changed = make(chan struct{})
}

// WaitHandled waits until the bot has handled the update (or skipped it as
// handled before). A confirmed update is not necessarily handled yet: the
// bot confirms what is safe in its inbox.
func (h *Harness) WaitHandled(id int) { h.T.Helper(); h.WaitHandledTimes(id, 1) }

// WaitHandledTimes waits until the update went through the bot n times
// (a redelivered update counts again, even when it is skipped).
func (h *Harness) WaitHandledTimes(id, n int) {
	h.T.Helper()
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
			h.T.Fatalf("update %d was not handled within 10 s", id)
		}
	}
}

// Restart stops the bot like SIGTERM and starts it again on the same data.
func (h *Harness) Restart() {
	h.T.Helper()
	h.Stop()
	h.Start()
}

// Clock is the bot's clock: real time moved forward by an offset.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the bot's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Advance moves the bot's clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

// RandomHex returns n random bytes in hex, for key prefixes and names that
// must not collide between tests.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Proxy is a TCP forwarder the test can cut, to take Postgres or Redis
// away from the bot without touching the shared servers.
type Proxy struct {
	t      testing.TB
	target string
	ln     net.Listener
	Addr   string

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]struct{}
}

// NewProxy forwards a local port (Addr) to target until cleanup.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("proxy listen: %v", err)
	}
	p := &Proxy{t: t, target: target, ln: ln, Addr: ln.Addr().String(), conns: map[net.Conn]struct{}{}}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.Cut() })
	return p
}

func (p *Proxy) serve() {
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

func (p *Proxy) pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

// Cut drops every connection and refuses new ones until Heal.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
}

// Heal accepts connections again.
func (p *Proxy) Heal() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}
