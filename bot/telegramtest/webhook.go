package telegramtest

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// secretTokenPattern is what setWebhook accepts as secret_token (Bot API
// 6.1): 1–256 characters of A-Z, a-z, 0-9, _ and -.
var secretTokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]*$`)

// conflictWebhook is Telegram's answer to getUpdates while a webhook is set.
const conflictWebhook = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"

// webhookState is the webhook the bot set, and how delivering to it went.
type webhookState struct {
	url      string
	secret   string
	maxConns int
	// gen changes whenever the webhook is set or deleted, so that a
	// delivery loop of an earlier webhook stops.
	gen         int
	inFlight    int
	lastErrDate int64
	lastErrMsg  string
}

// WebhookInfo is the webhook as the fake holds it, for tests; getWebhookInfo
// answers the same.
type WebhookInfo struct {
	URL                string
	SecretToken        string
	MaxConnections     int
	AllowedUpdates     []string
	PendingUpdateCount int
	LastErrorMessage   string
}

// Webhook returns the webhook the bot set; URL is "" when there is none.
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.hook
	return WebhookInfo{URL: w.url, SecretToken: w.secret, MaxConnections: w.maxConns,
		AllowedUpdates: slices.Clone(s.updates.allowed), PendingUpdateCount: len(s.updates.pending),
		LastErrorMessage: w.lastErrMsg}
}

// setWebhook implements https://core.telegram.org/bots/api#setwebhook. An
// empty url removes the webhook. Like a local Bot API server, the fake
// also takes plain http on a loopback address (the tests' replicas); any
// other URL must be https on port 443, 80, 88 or 8443, as Telegram demands.
func (s *Server) setWebhook(_ *http.Request, p *params) (any, *apiError) {
	raw := p.str("url")
	secret := p.str("secret_token")
	switch {
	case len(secret) > 256:
		return nil, badRequest("secret token is too long")
	case !secretTokenPattern.MatchString(secret):
		return nil, badRequest("secret token contains unallowed characters")
	}
	if raw != "" {
		if e := checkWebhookURL(raw); e != nil {
			return nil, e
		}
	}
	allowed, e := allowedUpdates(p)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.bool("drop_pending_updates") {
		s.updates.pending = nil
	}
	if allowed != nil {
		s.updates.allowed = allowed
	}
	s.hook.gen++
	s.hook.url, s.hook.secret = raw, secret
	s.hook.maxConns = min(max(p.intOr("max_connections", 40), 1), 100)
	s.hook.lastErrDate, s.hook.lastErrMsg = 0, ""
	if raw != "" {
		go s.deliverWebhook(s.hook.gen)
	}
	s.notify()
	return true, nil
}

// checkWebhookURL refuses what Telegram refuses, but plain http to loopback.
func checkWebhookURL(raw string) *apiError {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return badRequest("bad webhook: Failed to resolve host: Name or service not known")
	}
	if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || u.Hostname() == "localhost" {
		return nil
	}
	if u.Scheme != "https" {
		return badRequest("bad webhook: HTTPS url must be provided for webhook")
	}
	switch u.Port() {
	case "", "443", "80", "88", "8443":
		return nil
	}
	return badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
}

// allowedUpdates reads allowed_updates: nil when absent (the setting
// stays as it was), empty for [] (every type but a few, as Telegram).
func allowedUpdates(p *params) ([]string, *apiError) {
	raw := p.str("allowed_updates")
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var allowed []string
	if err := json.Unmarshal([]byte(raw), &allowed); err != nil {
		return nil, badRequest("can't parse allowed updates")
	}
	if allowed == nil {
		allowed = []string{}
	}
	return allowed, nil
}

// deleteWebhook implements https://core.telegram.org/bots/api#deletewebhook.
func (s *Server) deleteWebhook(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.bool("drop_pending_updates") {
		s.updates.pending = nil
	}
	s.hook = webhookState{gen: s.hook.gen + 1}
	s.notify()
	return true, nil
}

// webhookInfoResult is getWebhookInfo's answer.
type webhookInfoResult struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}

// getWebhookInfo implements https://core.telegram.org/bots/api#getwebhookinfo.
func (s *Server) getWebhookInfo(_ *http.Request, _ *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := webhookInfoResult{URL: s.hook.url, PendingUpdateCount: len(s.updates.pending)}
	if s.hook.url != "" {
		out.MaxConnections = s.hook.maxConns
		out.AllowedUpdates = s.updates.allowed
		out.LastErrorDate, out.LastErrorMessage = s.hook.lastErrDate, s.hook.lastErrMsg
	}
	return out, nil
}

// webhookConflict is the 409 of getUpdates while a webhook is set, nil
// otherwise. Call with s.mu held.
func (s *Server) webhookConflict() *apiError {
	if s.hook.url == "" {
		return nil
	}
	return &apiError{code: http.StatusConflict, description: conflictWebhook}
}

// postTimeout bounds one webhook request, as Telegram gives up on a slow
// webhook.
const postTimeout = 10 * time.Second

// retryDelay is how long the fake waits before sending an update the
// webhook did not take with 2xx again (Telegram waits longer).
const retryDelay = 200 * time.Millisecond

// postUpdate sends one update to the webhook and reports whether it was
// taken (2xx), and Telegram's words for the failure otherwise.
func postUpdate(hc *http.Client, hookURL, secret string, body []byte) (bool, string) {
	req, err := http.NewRequest(http.MethodPost, hookURL, bytes.NewReader(body))
	if err != nil {
		return false, "Bad webhook URL"
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return false, "Connection refused"
	}
	resp.Body.Close()
	if resp.StatusCode/100 == 2 {
		return true, ""
	}
	return false, "Wrong response from the webhook: " + strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
}
