package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Observer is told what the client does, so that the application can
// count it (its Prometheus metrics) without this package knowing how.
// Its methods are called in the senders' goroutines, concurrently, and
// must be cheap.
type Observer interface {
	// BotAPICall is told each request made to the Bot API (each attempt
	// of a retried one) with its method and result, one of the Result
	// constants. Requests cut short by their caller's context are not
	// told: they say nothing about Telegram.
	BotAPICall(method, result string)
	// FloodPause is told each 429 answer with its retry_after, for which
	// every send of the process pauses.
	FloodPause(retryAfter time.Duration)
	// LimiterWait is told how long a send waited for the flood limiter,
	// by priority: "interactive", "bulk" or "paid".
	LimiterWait(priority string, waited time.Duration)
}

// The results of a Bot API request, as CallResult names them.
const (
	ResultOK       = "ok"
	Result429      = "429"
	Result403      = "403"
	ResultOther4xx = "other_4xx"
	Result5xx      = "5xx"
	ResultNetwork  = "network" // no Bot API answer: a network error, a timeout, a body that is not Bot API JSON
)

// CallResult classifies the outcome of one Bot API request for metrics.
func CallResult(err error) string {
	if err == nil {
		return ResultOK
	}
	if _, ok := apiError(err); ok {
		switch code := errorCode(err); {
		case code == 429:
			return Result429
		case code == 403:
			return Result403
		case code >= 500:
			return Result5xx
		default:
			return ResultOther4xx
		}
	}
	var bad *badResponseError
	if errors.As(err, &bad) && bad.status >= 500 {
		return Result5xx // a proxy's HTML error page
	}
	return ResultNetwork
}

func priorityName(p Priority, paid bool) string {
	switch {
	case paid:
		return "paid"
	case p == PriorityBulk:
		return "bulk"
	default:
		return "interactive"
	}
}

type nopObserver struct{}

func (nopObserver) BotAPICall(string, string)         {}
func (nopObserver) FloodPause(time.Duration)          {}
func (nopObserver) LimiterWait(string, time.Duration) {}

// Health is what the client last heard from Telegram, for a readiness
// check. An error answer (400, 403, 429) counts as an answer: Telegram is
// there and the token works. No answer at all (a network error, a 5xx)
// and 401 (the token was revoked) count as failures.
type Health struct {
	LastAnswer  time.Time // when Telegram last answered a request
	LastFailure time.Time // when a request last got no usable answer
	LastError   string    // that failure, without the token
}

// Check returns nil when the newest request was answered and that answer
// is no older than maxAge; otherwise an error that says why.
func (h Health) Check(now time.Time, maxAge time.Duration) error {
	switch {
	case h.LastAnswer.IsZero() && h.LastFailure.IsZero():
		return errors.New("no request made yet")
	case h.LastFailure.After(h.LastAnswer):
		return fmt.Errorf("the last request failed %s ago: %s", now.Sub(h.LastFailure).Round(time.Second), h.LastError)
	case now.Sub(h.LastAnswer) > maxAge:
		return fmt.Errorf("no answer from Telegram for %s", now.Sub(h.LastAnswer).Round(time.Second))
	}
	return nil
}

// healthTracker keeps a Health up to date.
type healthTracker struct {
	mu sync.Mutex
	h  Health
}

func (t *healthTracker) record(err error) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if answered(err) {
		t.h.LastAnswer = now
		return
	}
	t.h.LastFailure, t.h.LastError = now, err.Error()
}

func (t *healthTracker) get() Health {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.h
}

// answered reports whether a request with this outcome reached a working
// Telegram with a valid token.
func answered(err error) bool {
	if err == nil {
		return true
	}
	code := errorCode(err)
	_, isAPI := apiError(err)
	return isAPI && code != 401 && code < 500
}

// observe records the outcome of one Bot API request: in the health the
// readiness check reads, and with the Observer.
func (c *Client) observe(method string, err error) {
	if errors.Is(err, context.Canceled) {
		return // the shutdown or a caller that gave up: nothing about Telegram
	}
	c.health.record(err)
	c.observer.BotAPICall(method, CallResult(err))
}

// Health returns what the client last heard from Telegram.
func (c *Client) Health() Health { return c.health.get() }

// Ping calls getMe (https://core.telegram.org/bots/api#getme), which is
// not rate limited, so that Health stays fresh in a bot that has nothing
// else to ask Telegram (a quiet bot in webhook mode).
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.Call(ctx, "getMe", 0, nil)
	return err
}
