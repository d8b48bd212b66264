package apptest

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
)

// WebhookSecret is the secret_token of every test in webhook mode.
const WebhookSecret = "test_Secret-0123456789"

// Webhook puts the bot in webhook mode on a free loopback port, so that
// the fake delivers the users' updates by webhook instead of getUpdates.
func Webhook() Option {
	return func(c *Config, _ *telegramtest.Options) {
		c.HTTPAddr = FreeAddr()
		c.WebhookURL = "http://" + c.HTTPAddr + app.WebhookPath
		c.WebhookSecret = WebhookSecret
	}
}

// FreeAddr returns a loopback address with a port nobody listens on, for
// a bot that must know its address (its webhook URL) before it listens.
// The port is below Linux's ephemeral range (32768–60999), from which a
// port of ":0" would come: there the connections the tests running in
// parallel open to Postgres and Redis take their local ports, and one of
// them could take the port between this check and the bot's listen. No
// port is handed out twice in a process.
func FreeAddr() string {
	freeMu.Lock()
	defer freeMu.Unlock()
	for {
		port := 20000 + rand.IntN(12000)
		if freeGiven[port] {
			continue
		}
		ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			continue // taken
		}
		ln.Close()
		freeGiven[port] = true
		return ln.Addr().String()
	}
}

var (
	freeMu    sync.Mutex
	freeGiven = map[int]bool{}
)

// Replica is one more instance of the bot on the harness's fake, database
// and Redis prefix, as when several replicas run behind a load balancer.
type Replica struct {
	Cfg    Config
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

// StartReplica starts another instance with the harness's configuration
// changed by mod (in webhook mode it gets an HTTP address of its own),
// waits until it takes updates and stops it at cleanup. Its handled
// updates count in the harness's WaitHandled and Handled.
func (h *Harness) StartReplica(mod func(*Config)) *Replica {
	h.T.Helper()
	cfg := h.Cfg
	if cfg.WebhookURL != "" {
		cfg.HTTPAddr = FreeAddr()
	}
	if mod != nil {
		mod(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &Replica{Cfg: cfg, cancel: cancel, done: make(chan error, 1)}
	ready := make(chan struct{})
	var logOut io.Writer = io.Discard
	if testing.Verbose() {
		logOut = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: cfg.LogLevel})).With("replica", cfg.HTTPAddr)
	go func() {
		r.done <- app.Run(ctx, cfg, log, app.Options{HTTPClient: h.TG.Client(), Now: h.Clock.Now,
			Ready: func() { close(ready) }, Handled: h.markHandled})
	}()
	select {
	case <-ready:
	case err := <-r.done:
		cancel()
		h.T.Fatalf("replica stopped during start-up: %v", err)
	case <-time.After(15 * time.Second):
		cancel()
		h.T.Fatalf("replica did not start within 15 s")
	}
	h.T.Cleanup(r.Stop)
	return r
}

// Stop cancels the replica like SIGTERM and waits for it.
func (r *Replica) Stop() {
	r.once.Do(func() {
		r.cancel()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
		}
	})
}

// Handled returns how many times each update went through the bot.
func (h *Harness) Handled() map[int]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[int]int, len(h.handled))
	for id, n := range h.handled {
		out[id] = n
	}
	return out
}
