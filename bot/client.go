// Package bot talks to the Telegram Bot API: it long-polls for updates and
// sends messages within Telegram's flood limits. It knows Telegram's wire
// and nothing about volunteers.
package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ClientConfig configures a Client. Only Token is required.
type ClientConfig struct {
	Token       string
	Endpoint    string        // tgbotapi endpoint format, default tgbotapi.APIEndpoint ("https://api.telegram.org/bot%s/%s")
	HTTPTimeout time.Duration // per request for normal methods, default 15 s
	PollTimeout time.Duration // long-poll timeout sent to getUpdates, default 30 s; the poll request may take 15 s more
	Limits      Limits        // flood limits, see Limits
	MaxRetries  int           // retries of 429, 5xx and network errors, default 5; negative means none

	// OnBlocked is called when a send to a chat fails with 403 Forbidden
	// (the user blocked the bot or was deactivated, the bot was kicked).
	// It is called once per failed send, in the sender's goroutine.
	OnBlocked func(ctx context.Context, chatID int64)

	Logger *slog.Logger // default discards

	// Observer is told every Bot API request, 429 pause and wait for the
	// flood limiter (metrics); nil tells nobody.
	Observer Observer

	// HTTPClient is the base client whose transport is used (tests pass an
	// httptest server's client). Its Timeout is replaced by HTTPTimeout and
	// PollTimeout+15 s.
	HTTPClient *http.Client
}

const (
	defaultHTTPTimeout = 15 * time.Second
	defaultPollTimeout = 30 * time.Second
	pollSlack          = 15 * time.Second
	defaultMaxRetries  = 5

	retryBase = 200 * time.Millisecond // first backoff after a 5xx or network error
	retryCap  = 5 * time.Second

	getMeRetryBase = 500 * time.Millisecond
	getMeRetryCap  = 30 * time.Second

	maxUpdatesBody = 64 << 20
)

// Client is a Telegram Bot API client shared by the poller and every
// handler. It is safe for concurrent use.
type Client struct {
	api       *tgbotapi.BotAPI
	endpoint  string
	http      *http.Client // normal methods
	poll      *http.Client // getUpdates
	pollSecs  int
	limiter   *Limiter
	scrub     scrubber
	log       *slog.Logger
	onBlocked func(ctx context.Context, chatID int64)
	shown     *shownMemory
	observer  Observer
	health    healthTracker

	maxRetries int
	retryBase  time.Duration
	retryCap   time.Duration
}

// NewClient checks the token with getMe
// (https://core.telegram.org/bots/api#getme) and returns a Client. Network
// errors and 5xx answers are retried with a capped backoff until ctx is done,
// because the bot may start before the network is up; a rejected token
// fails at once with ErrTokenRejected.
func NewClient(ctx context.Context, cfg ClientConfig) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: the token is empty")
	}
	c := &Client{
		endpoint:   cfg.Endpoint,
		limiter:    NewLimiter(cfg.Limits),
		scrub:      newScrubber(cfg.Token),
		log:        cfg.Logger,
		onBlocked:  cfg.OnBlocked,
		shown:      newShownMemory(),
		observer:   cfg.Observer,
		maxRetries: cfg.MaxRetries,
		retryBase:  retryBase,
		retryCap:   retryCap,
	}
	if c.endpoint == "" {
		c.endpoint = tgbotapi.APIEndpoint
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.observer == nil {
		c.observer = nopObserver{}
	}
	if c.maxRetries == 0 {
		c.maxRetries = defaultMaxRetries
	} else if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	httpTimeout, pollTimeout := cfg.HTTPTimeout, cfg.PollTimeout
	if httpTimeout <= 0 {
		httpTimeout = defaultHTTPTimeout
	}
	if pollTimeout <= 0 {
		pollTimeout = defaultPollTimeout
	}
	c.pollSecs = int((pollTimeout + time.Second - 1) / time.Second)
	c.http = withTimeout(cfg.HTTPClient, httpTimeout)
	c.http.Transport = pooled(c.http.Transport)
	c.poll = withTimeout(cfg.HTTPClient, pollTimeout+pollSlack)

	api, err := c.connect(ctx, cfg.Token)
	if err != nil {
		return nil, err
	}
	api.Client = c.http
	c.api = api
	return c, nil
}

// withTimeout returns a copy of base (or of a new client) with timeout set.
func withTimeout(base *http.Client, timeout time.Duration) *http.Client {
	c := &http.Client{}
	if base != nil {
		*c = *base
	}
	c.Timeout = timeout
	return c
}

// idleConnsPerHost is how many idle connections to the Bot API are kept.
// Broadcasts keep several requests in flight and conversation replies run
// beside them; Go's default of 2 would close most connections after each
// request, and every new one costs a TCP and TLS handshake (two to three
// round trips, 300–500 ms from Indonesia) that also makes the moment a
// message reaches Telegram, which its flood limit counts, unpredictable.
const idleConnsPerHost = 64

// pooled returns a copy of rt (or of the default transport) that keeps
// idleConnsPerHost idle connections. A transport that is not an
// *http.Transport is returned as it is.
func pooled(rt http.RoundTripper) http.RoundTripper {
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return rt
	}
	t = t.Clone()
	t.MaxIdleConnsPerHost = idleConnsPerHost
	if t.MaxIdleConns != 0 && t.MaxIdleConns < idleConnsPerHost {
		t.MaxIdleConns = idleConnsPerHost
	}
	return t
}

// connect builds the library client, which calls getMe, until it succeeds,
// the token is rejected, or ctx is done.
func (c *Client) connect(ctx context.Context, token string) (*tgbotapi.BotAPI, error) {
	for attempt := 1; ; attempt++ {
		cc := &callClient{ctx: ctx, base: c.http}
		api, err := tgbotapi.NewBotAPIWithClient(token, c.endpoint, cc)
		if err == nil {
			c.observe("getMe", nil)
			return api, nil
		}
		err = c.scrub.err(classify(err, cc.status))
		c.observe("getMe", err)
		switch {
		case errorCode(err) == 401:
			return nil, ErrTokenRejected
		case ctx.Err() != nil:
			return nil, fmt.Errorf("telegram: getMe: %w (last error: %v)", ctx.Err(), err)
		case !IsTemporary(err):
			return nil, fmt.Errorf("telegram: getMe: %w", err)
		}
		d := backoff(attempt, getMeRetryBase, getMeRetryCap)
		if ra, ok := RetryAfter(err); ok {
			d = max(d, ra)
		}
		c.log.WarnContext(ctx, "telegram getMe failed, retrying",
			slog.Int("attempt", attempt), slog.Duration("retry_in", d), slog.Any("error", err))
		if serr := sleep(ctx, d); serr != nil {
			return nil, fmt.Errorf("telegram: getMe: %w (last error: %v)", serr, err)
		}
	}
}

// Self returns the bot's own user, as reported by getMe.
func (c *Client) Self() tgbotapi.User { return c.api.Self }

// API returns the underlying library client, an escape hatch for methods
// this package does not wrap. Calls made through it bypass the rate limiter,
// retries and token scrubbing. Do not modify it (Debug logs the token).
func (c *Client) API() *tgbotapi.BotAPI { return c.api }

// GetUpdates long-polls getUpdates (https://core.telegram.org/bots/api#getupdates)
// and returns each update undecoded, so the caller can decode them one by
// one. Cancelling ctx aborts the poll at once. allowed is sent as
// allowed_updates unless nil.
//
// A non-ok answer is a *tgbotapi.Error (409 Conflict when another poller
// runs, with RetryAfter on 429); a body that is not Bot API JSON is an error
// for which IsTemporary is true. GetUpdates does not use the rate limiter.
func (c *Client) GetUpdates(ctx context.Context, offset, limit int, allowed []string) ([]json.RawMessage, error) {
	return c.getUpdates(ctx, c.poll, offset, limit, c.pollSecs, allowed)
}

// ConfirmUpdates tells Telegram that every update below offset was handled,
// with a getUpdates call that does not wait for new updates. The poller
// calls it when it stops.
func (c *Client) ConfirmUpdates(ctx context.Context, offset int) error {
	_, err := c.getUpdates(ctx, c.http, offset, 1, 0, nil)
	return err
}

func (c *Client) getUpdates(ctx context.Context, hc *http.Client, offset, limit, timeoutSecs int, allowed []string) ([]json.RawMessage, error) {
	updates, err := c.fetchUpdates(ctx, hc, offset, limit, timeoutSecs, allowed)
	c.observe("getUpdates", err)
	return updates, err
}

func (c *Client) fetchUpdates(ctx context.Context, hc *http.Client, offset, limit, timeoutSecs int, allowed []string) ([]json.RawMessage, error) {
	form := url.Values{}
	form.Set("offset", strconv.Itoa(offset))
	if limit > 0 {
		form.Set("limit", strconv.Itoa(limit))
	}
	form.Set("timeout", strconv.Itoa(timeoutSecs))
	if allowed != nil {
		b, err := json.Marshal(allowed)
		if err != nil {
			return nil, fmt.Errorf("telegram: getUpdates: %w", err)
		}
		form.Set("allowed_updates", string(b))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		fmt.Sprintf(c.endpoint, c.api.Token, "getUpdates"), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: %w", c.scrub.err(err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")

	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: %w", c.scrub.err(err))
	}
	defer resp.Body.Close()

	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUpdatesBody))
	if err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: %w",
			c.scrub.err(&badResponseError{status: resp.StatusCode, err: err}))
	}
	// An answer with updates is read in one pass: they come out as raw
	// values at once, where tgbotapi.APIResponse keeps them as one more
	// value to go over. Anything else (an error, whatever its result
	// holds) is read again as an APIResponse.
	var updates struct {
		Ok     bool              `json:"ok"`
		Result []json.RawMessage `json:"result"`
	}
	if json.Unmarshal(body, &updates) == nil && updates.Ok && updates.Result != nil {
		return updates.Result, nil
	}
	var apiResp tgbotapi.APIResponse
	if err := json.Unmarshal(body, &apiResp); err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: %w",
			c.scrub.err(&badResponseError{status: resp.StatusCode, err: err}))
	}
	if !apiResp.Ok {
		return nil, fmt.Errorf("telegram: getUpdates: %w", newAPIError(&apiResp))
	}
	// ok, with a result that is no list of updates (or none): a poller
	// taking it for an empty answer would ask again at once, for ever.
	return nil, fmt.Errorf("telegram: getUpdates: %w",
		&badResponseError{status: resp.StatusCode, err: errors.New("the answer holds no list of updates")})
}

func newAPIError(r *tgbotapi.APIResponse) *tgbotapi.Error {
	e := &tgbotapi.Error{Code: r.ErrorCode, Message: r.Description}
	if r.Parameters != nil {
		e.ResponseParameters = *r.Parameters
	}
	return e
}

// callClient binds one library call to a context and records the Bot API
// method and the HTTP status, which the library does not report.
type callClient struct {
	ctx    context.Context
	base   *http.Client
	method string
	status int
}

func (c *callClient) Do(req *http.Request) (*http.Response, error) {
	c.method = path.Base(req.URL.Path)
	resp, err := c.base.Do(req.WithContext(c.ctx))
	if resp != nil {
		c.status = resp.StatusCode
	}
	return resp, err
}

// backoff returns the wait before retry number attempt (1-based): base
// doubling per attempt, capped, with jitter in [d/2, d).
func backoff(attempt int, base, limit time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return d/2 + rand.N(d/2+1)
}
