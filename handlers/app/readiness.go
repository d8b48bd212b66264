package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"pilarbot/bot"
)

const (
	// checkTimeout bounds each readiness check, so /readyz answers within
	// about a second even when a service hangs.
	checkTimeout = time.Second
	// telegramFresh is how old Telegram's last answer may be for the
	// instance to be ready: a long poll answers every TELEGRAM_POLL_TIMEOUT,
	// and pingIdle asks getMe after a minute of silence.
	telegramFresh = 3 * time.Minute
	// idlePing is how long the client may hear nothing from Telegram
	// before pingIdle asks.
	idlePing = time.Minute
)

// readinessChecks are the services /readyz checks, in the order Run
// attaches them; one not attached yet fails as "not connected yet".
var readinessChecks = []string{"postgres", "redis", "telegram"}

// readiness answers GET /readyz from checks run at each request.
type readiness struct {
	ctx    context.Context // Run's: once it is done the instance is stopping
	mu     sync.Mutex
	checks map[string]func(ctx context.Context) error
}

func newReadiness(ctx context.Context) *readiness {
	return &readiness{ctx: ctx, checks: map[string]func(context.Context) error{}}
}

// set attaches the check of one of readinessChecks.
func (r *readiness) set(name string, check func(ctx context.Context) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks[name] = check
}

// readyBody is the JSON of /readyz: "ok" or the error of each check,
// and the names of those that fail.
type readyBody struct {
	Status  string            `json:"status"` // "ready" or "unavailable"
	Failing []string          `json:"failing,omitempty"`
	Checks  map[string]string `json:"checks"`
}

// ServeHTTP runs every check at once and answers 200 when all pass, 503
// otherwise.
func (r *readiness) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	errs := r.run(req.Context())
	body := readyBody{Status: "ready", Checks: map[string]string{}}
	for _, name := range readinessChecks {
		body.Checks[name] = "ok"
		if err := errs[name]; err != nil {
			body.Checks[name] = err.Error()
			body.Failing = append(body.Failing, name)
		}
	}
	if r.ctx.Err() != nil {
		body.Checks["shutdown"] = "the instance is stopping"
		body.Failing = append(body.Failing, "shutdown")
	}
	status := http.StatusOK
	if len(body.Failing) > 0 {
		body.Status, status = "unavailable", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (r *readiness) run(ctx context.Context) map[string]error {
	r.mu.Lock()
	checks := make(map[string]func(context.Context) error, len(r.checks))
	for k, v := range r.checks {
		checks[k] = v
	}
	r.mu.Unlock()

	var mu sync.Mutex
	errs := map[string]error{}
	var wg sync.WaitGroup
	for _, name := range readinessChecks {
		check, ok := checks[name]
		if !ok {
			errs[name] = errors.New("not connected yet")
			continue
		}
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, checkTimeout)
			defer cancel()
			err := check(ctx)
			mu.Lock()
			errs[name] = err
			mu.Unlock()
		})
	}
	wg.Wait()
	return errs
}

// telegramCheck passes while the newest Bot API request was answered
// within telegramFresh.
func telegramCheck(c *bot.Client) func(context.Context) error {
	return func(context.Context) error { return c.Health().Check(time.Now(), telegramFresh) }
}

// pingIdle calls getMe whenever the client has heard nothing from
// Telegram (no answer, no failure) for idlePing, until ctx ends. An
// instance that asks Telegram nothing by itself (webhook mode on a quiet
// night, a replica that does not poll) stays truthfully ready, and one
// whose last request failed is checked again.
func pingIdle(ctx context.Context, c *bot.Client, log *slog.Logger) {
	t := time.NewTicker(idlePing / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h := c.Health()
		if time.Since(h.LastAnswer) < idlePing || time.Since(h.LastFailure) < idlePing {
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		if err := c.Ping(pctx); err != nil && ctx.Err() == nil {
			log.Warn("telegram getMe failed", "error", err)
		}
		cancel()
	}
}
