package app

import (
	"errors"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/storage/domain"
)

// Validate checks the settings that parse but may still be wrong.
func (c Config) Validate() error {
	switch {
	case c.Token == "":
		return errors.New("config: TELEGRAM_BOT_TOKEN is required (get one from @BotFather)")
	case !tokenPattern.MatchString(c.Token):
		return errors.New("config: TELEGRAM_BOT_TOKEN is malformed (expected digits, a colon and the secret, as @BotFather gives it)")
	case strings.Count(c.APIEndpoint, "%s") != 2:
		return errors.New("config: TELEGRAM_API_ENDPOINT must contain %s twice, e.g. http://127.0.0.1:8081/bot%s/%s")
	case !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://"):
		return errors.New("config: DATABASE_URL must be a postgres:// URL")
	case c.RedisPrefix == "":
		return errors.New("config: REDIS_PREFIX must not be empty")
	case c.FlowTTL < time.Minute:
		return errors.New("config: CONVERSATION_TTL must be at least 1m")
	case c.InboxTTL < 10*time.Minute || c.InboxTTL > 7*24*time.Hour:
		return errors.New("config: INBOX_TTL must be between 10m and 168h")
	case c.PollTimeout < time.Second || c.PollTimeout > 50*time.Second:
		return errors.New("config: TELEGRAM_POLL_TIMEOUT must be between 1s and 50s")
	case c.Workers < 1 || c.Workers > 1024:
		return errors.New("config: WORKERS must be between 1 and 1024")
	case c.UserBurst < 1 || c.UserBurst > 10000:
		return errors.New("config: USER_BURST must be between 1 and 10000 updates")
	case c.UserWindow < time.Second || c.UserWindow > 24*time.Hour:
		return errors.New("config: USER_WINDOW must be between 1s and 24h, e.g. 10s")
	case c.ChatQueue < 1 || c.ChatQueue > 10000:
		return errors.New("config: CHAT_QUEUE must be between 1 and 10000 updates")
	case c.GlobalRate <= 0 || c.GlobalRate > 1000:
		return errors.New("config: TELEGRAM_GLOBAL_RATE must be between 0 and 1000 messages per second")
	case c.ChatRate <= 0 || c.ChatRate > 100:
		return errors.New("config: TELEGRAM_CHAT_RATE must be between 0 and 100 messages per second")
	case c.BroadcastConcurrency < 1 || c.BroadcastConcurrency > 256:
		return errors.New("config: BROADCAST_CONCURRENCY must be between 1 and 256")
	case c.BroadcastLease < 3*time.Second:
		return errors.New("config: BROADCAST_LEASE must be at least 3s (claims are renewed every third of it, and a reminder's send gets two thirds)")
	case c.BroadcastGrace < 0:
		return errors.New("config: BROADCAST_GRACE must not be negative")
	case c.BroadcastPoll <= 0 || c.BroadcastProgressEvery <= 0 || c.BroadcastMaxAttempts < 1 || c.BroadcastRetryDelay <= 0:
		return errors.New("config: the broadcast runner's pace is not set; start from app.Defaults()")
	case c.PaidRate < 0 || c.PaidRate > 1000:
		return errors.New("config: TELEGRAM_PAID_RATE must be between 0 and 1000 messages per second")
	case c.LogFormat != "text" && c.LogFormat != "json":
		return errors.New("config: LOG_FORMAT must be text or json")
	case !validHostPort(c.HTTPAddr):
		return errors.New("config: HTTP_ADDR must be host:port, e.g. 127.0.0.1:8080 or 0.0.0.0:8080")
	case c.ReportMaxAgeDays < 1 || c.ReportMaxAgeDays > 366:
		return errors.New("config: REPORT_MAX_AGE_DAYS must be between 1 and 366")
	case c.ReportBBox == (domain.BBox{}):
		return errors.New("config: REPORT_BBOX is not set; start from app.Defaults()")
	case c.ReminderInterval < 10*time.Millisecond || c.ReminderInterval > time.Hour:
		return errors.New("config: REMINDER_INTERVAL must be between 10ms and 1h, e.g. 30s")
	case c.CheckinRadiusM < 1 || c.CheckinRadiusM > 100000:
		return errors.New("config: CHECKIN_RADIUS_M must be between 1 and 100000 metres")
	case c.DigestAt < 0 || c.DigestAt >= 24*time.Hour:
		return errors.New("config: DIGEST_AT must be a WIB time between 00:00 and 23:59, or off")
	case c.NudgeAfter < 24*time.Hour || c.NudgeAfter > 366*24*time.Hour:
		return errors.New("config: NUDGE_AFTER must be between 24h and 8784h (a year), e.g. 720h, or off")
	case c.Retention < 7*24*time.Hour || c.Retention > 10*366*24*time.Hour:
		return errors.New("config: RETENTION must be between 168h (a week) and 87840h (ten years), e.g. 4320h, or off")
	}
	if _, err := redis.ParseURL(c.RedisURL); err != nil {
		return errors.New("config: REDIS_URL is not a valid redis:// URL")
	}
	return c.validateServing()
}

// validateServing checks the webhook and the leases.
// Its errors never repeat the secret.
func (c Config) validateServing() error {
	if c.ReplicaLease < time.Second || c.ReplicaLease > 5*time.Minute {
		return errors.New("config: REPLICA_LEASE must be between 1s and 5m, e.g. 5s")
	}
	if c.WebhookSecret != "" && !webhookSecretPattern.MatchString(c.WebhookSecret) {
		return errors.New("config: TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram refuses others; openssl rand -hex 32 makes one)")
	}
	if c.WebhookURL == "" {
		return nil
	}
	if c.WebhookSecret == "" {
		return errors.New("config: TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL (1 to 256 characters of A-Z, a-z, 0-9, _ and -; openssl rand -hex 32 makes one)")
	}
	if c.WebhookMaxConnections < 1 || c.WebhookMaxConnections > 100 {
		return errors.New("config: TELEGRAM_WEBHOOK_MAX_CONNECTIONS must be between 1 and 100")
	}
	u, err := url.Parse(c.WebhookURL)
	if err != nil || u.Host == "" || !strings.HasSuffix(u.Path, WebhookPath) || u.RawQuery != "" {
		return errors.New("config: TELEGRAM_WEBHOOK_URL must be the public URL ending in " + WebhookPath + ", e.g. https://bot.example.org" + WebhookPath)
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())) {
		return errors.New("config: TELEGRAM_WEBHOOK_URL must be https (Telegram posts only to https; plain http only to a loopback address)")
	}
	return nil
}

// validHostPort reports whether addr is host:port with a port number
// (0 picks a free port, for tests).
func validHostPort(addr string) bool {
	_, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	return err == nil && perr == nil && n >= 0 && n <= 65535
}

// webhookSecretPattern is what Telegram takes as secret_token (Bot API 6.1).
var webhookSecretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}
