package app

import (
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/storage/domain"
)

// Config is every setting of the bot, read from the environment.
type Config struct {
	Token       string        // TELEGRAM_BOT_TOKEN, required
	APIEndpoint string        // TELEGRAM_API_ENDPOINT, e.g. http://127.0.0.1:8081/bot%s/%s
	DatabaseURL string        // DATABASE_URL
	RedisURL    string        // REDIS_URL
	RedisPrefix string        // REDIS_PREFIX, prefix of every Redis key
	Admins      []int64       // ADMIN_IDS, comma-separated Telegram user ids
	FlowTTL     time.Duration // CONVERSATION_TTL, idle time before a flow expires
	InboxTTL    time.Duration // INBOX_TTL, how long a received update nobody handled is kept
	Workers     int           // WORKERS, updates handled at once
	GlobalRate  float64       // TELEGRAM_GLOBAL_RATE, messages per second across all chats
	ChatRate    float64       // TELEGRAM_CHAT_RATE, messages per second to one chat
	// LimitsOff is TELEGRAM_LIMITS=off: the bot spaces no send (see
	// bot.Limits.Off), for a Bot API that limits nothing.
	LimitsOff   bool
	PollTimeout time.Duration // TELEGRAM_POLL_TIMEOUT, long-poll wait
	LogLevel    slog.Level    // LOG_LEVEL: debug, info, warn, error
	LogFormat   string        // LOG_FORMAT: text or json
	// HTTPAddr (HTTP_ADDR, host:port) is where the instance serves
	// /healthz, /readyz and /metrics (and the webhook in webhook mode).
	HTTPAddr string
	// UserBurst (USER_BURST) is how many updates one user may send in
	// UserWindow (USER_WINDOW); beyond them the bot asks once to wait and
	// drops the rest (handlers/flood.go).
	UserBurst  int
	UserWindow time.Duration
	ChatQueue  int // CHAT_QUEUE, updates of one chat waiting to be handled; more are dropped
	// ReportMaxAgeDays (REPORT_MAX_AGE_DAYS) is how many days back an
	// activity date may lie.
	ReportMaxAgeDays int
	// ReportBBox (REPORT_BBOX, "minLat,minLon,maxLat,maxLon") is where a
	// report's map pin may lie: by default Kota Pasuruan with a margin
	// (domain.PasuruanBBox).
	ReportBBox domain.BBox

	ReminderInterval time.Duration // REMINDER_INTERVAL, how often due event reminders are looked for
	CheckinRadiusM   float64       // CHECKIN_RADIUS_M, metres from the event's pin within which a check-in counts
	// DigestAt (DIGEST_AT, "08:00") is the WIB time of day from which each
	// coordinator's morning digest is due; DIGEST_AT=off sets DigestOff
	// and no digest is sent.
	DigestAt  time.Duration
	DigestOff bool
	// NudgeAfter (NUDGE_AFTER, "720h") is how long a verified volunteer
	// stays without a report before one friendly reminder of /lapor, and
	// the least time between two; NUDGE_AFTER=off sets NudgeOff and no
	// volunteer is nudged.
	NudgeAfter time.Duration
	NudgeOff   bool
	// Retention (RETENTION, "4320h": 180 days) is how long handled flow
	// data is kept: the recipients of finished announcements (their
	// counts stay), event reminders, digests and nudges done;
	// RETENTION=off sets RetentionOff and nothing is pruned.
	Retention    time.Duration
	RetentionOff bool
	// MemoryLimit (MEMORY_LIMIT, "32MiB"; off for none) is the soft memory
	// limit Run gives the Go runtime, unless GOMEMLIMIT is set
	// (memlimit.go); 0 leaves the runtime's own.
	MemoryLimit int64
	// GCPercent (GC_PERCENT, 200; off for -1) is the collector's target
	// (debug.SetGCPercent), unless GOGC is set (memlimit.go); 0 leaves the
	// runtime's own.
	GCPercent int
	// Procs (MAX_PROCS, 1; auto for 0) is runtime.GOMAXPROCS, unless
	// GOMAXPROCS is set (procs.go); 0 leaves the runtime's own.
	Procs int
	// PaidBroadcast is TELEGRAM_PAID_BROADCAST: broadcasts are sent with
	// allow_paid_broadcast, up to PaidRate messages per second (Stars).
	PaidBroadcast        bool
	PaidRate             float64       // TELEGRAM_PAID_RATE, messages per second of paid broadcasts
	BroadcastConcurrency int           // BROADCAST_CONCURRENCY, broadcast sends in flight
	BroadcastLease       time.Duration // BROADCAST_LEASE, after which a dead instance's claims are taken over (live ones renew theirs)
	BroadcastGrace       time.Duration // BROADCAST_GRACE, time broadcast sends in flight get at shutdown

	// WebhookURL (TELEGRAM_WEBHOOK_URL) turns on webhook mode: the public
	// https URL, ending in /telegram/webhook, that Telegram posts updates
	// to; no instance polls then. WebhookSecret (TELEGRAM_WEBHOOK_SECRET)
	// is required with it: Telegram sends it with every update, and a
	// request without it is refused.
	WebhookURL            string
	WebhookSecret         string
	WebhookMaxConnections int // TELEGRAM_WEBHOOK_MAX_CONNECTIONS, Telegram's parallel requests to the webhook
	// ReplicaLease (REPLICA_LEASE) is how long the polling lease and a
	// chat's claim outlive an instance that died; live instances renew
	// theirs every third of it.
	ReplicaLease time.Duration

	// The broadcast runner's pace, not read from the environment.
	BroadcastPoll          time.Duration // wait when no broadcast is due
	BroadcastProgressEvery time.Duration // at most one progress edit per broadcast this often
	BroadcastMaxAttempts   int           // tries of a recipient before it is failed
	BroadcastRetryDelay    time.Duration // wait before trying a recipient again, doubling
}

// Defaults is the configuration of a developer machine, and the one place
// where every default is written down: LoadConfig starts from it, tests
// start from it, and no package defaults a value again.
func Defaults() Config {
	return Config{
		APIEndpoint:      tgbotapi.APIEndpoint,
		DatabaseURL:      DefaultDatabaseURL,
		RedisURL:         DefaultRedisURL,
		RedisPrefix:      DefaultRedisPrefix,
		FlowTTL:          24 * time.Hour,
		InboxTTL:         bot.DefaultInboxTTL,
		Workers:          32,
		GlobalRate:       30,
		ChatRate:         1,
		PollTimeout:      30 * time.Second,
		UserBurst:        20,
		UserWindow:       10 * time.Second,
		ChatQueue:        50,
		LogLevel:         slog.LevelInfo,
		LogFormat:        "text",
		HTTPAddr:         DefaultHTTPAddr,
		ReportMaxAgeDays: 30,
		ReportBBox:       domain.PasuruanBBox,
		ReminderInterval: 30 * time.Second,
		CheckinRadiusM:   300,
		DigestAt:         8 * time.Hour,
		NudgeAfter:       720 * time.Hour,
		Retention:        180 * 24 * time.Hour,
		MemoryLimit:      DefaultMemoryLimit,
		GCPercent:        DefaultGCPercent,
		Procs:            DefaultProcs,
		PaidRate:         1000,
		ReplicaLease:     5 * time.Second,

		WebhookMaxConnections: 40,

		BroadcastConcurrency:   8,
		BroadcastLease:         15 * time.Second,
		BroadcastGrace:         10 * time.Second,
		BroadcastPoll:          time.Second,
		BroadcastProgressEvery: 3 * time.Second,
		BroadcastMaxAttempts:   3,
		BroadcastRetryDelay:    10 * time.Second,
	}
}

// Defaults that work against the Postgres and Redis of a developer machine.
const (
	DefaultDatabaseURL = "postgres://root@127.0.0.1:5432/pilarbot?sslmode=disable"
	DefaultRedisURL    = "redis://127.0.0.1:6379/0"
	DefaultRedisPrefix = "pilarbot:"
	// DefaultHTTPAddr is loopback: the metrics are for the operator's
	// Prometheus, not the world; a container listens on 0.0.0.0:8080.
	DefaultHTTPAddr = "127.0.0.1:8080"
	// WebhookPath is where the HTTP server takes Telegram's updates;
	// TELEGRAM_WEBHOOK_URL must end in it.
	WebhookPath = "/telegram/webhook"
)

var tokenPattern = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// LoadConfig reads the settings through getenv and validates them. Its
// error names the bad setting and never repeats the token.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Defaults()
	c.Token = strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN"))
	c.APIEndpoint = or(getenv("TELEGRAM_API_ENDPOINT"), c.APIEndpoint)
	c.DatabaseURL = or(getenv("DATABASE_URL"), c.DatabaseURL)
	c.RedisURL = or(getenv("REDIS_URL"), c.RedisURL)
	c.RedisPrefix = or(getenv("REDIS_PREFIX"), c.RedisPrefix)
	c.LogFormat = or(getenv("LOG_FORMAT"), c.LogFormat)
	c.HTTPAddr = or(getenv("HTTP_ADDR"), c.HTTPAddr)
	c.WebhookURL = strings.TrimSpace(getenv("TELEGRAM_WEBHOOK_URL"))
	c.WebhookSecret = strings.TrimSpace(getenv("TELEGRAM_WEBHOOK_SECRET"))
	env := &envReader{getenv: getenv}
	if ids, err := parseIDs(getenv("ADMIN_IDS")); err != nil {
		env.fail(err)
	} else {
		c.Admins = ids
	}
	env.duration("CONVERSATION_TTL", &c.FlowTTL)
	env.duration("INBOX_TTL", &c.InboxTTL)
	env.duration("TELEGRAM_POLL_TIMEOUT", &c.PollTimeout)
	env.integer("WORKERS", &c.Workers)
	env.integer("USER_BURST", &c.UserBurst)
	env.duration("USER_WINDOW", &c.UserWindow)
	env.integer("CHAT_QUEUE", &c.ChatQueue)
	env.number("TELEGRAM_GLOBAL_RATE", &c.GlobalRate)
	env.number("TELEGRAM_CHAT_RATE", &c.ChatRate)
	env.integer("REPORT_MAX_AGE_DAYS", &c.ReportMaxAgeDays)
	if v := strings.TrimSpace(getenv("REPORT_BBOX")); v != "" {
		if b, err := domain.ParseBBox(v); err != nil {
			env.fail(fmt.Errorf("config: REPORT_BBOX must be minLat,minLon,maxLat,maxLon in degrees, e.g. -7.70,112.85,-7.59,112.96: %w", err))
		} else {
			c.ReportBBox = b
		}
	}
	env.duration("REMINDER_INTERVAL", &c.ReminderInterval)
	env.number("CHECKIN_RADIUS_M", &c.CheckinRadiusM)
	env.read("DIGEST_AT", func(v string) error {
		if strings.EqualFold(v, "off") {
			c.DigestOff = true
			return nil
		}
		at, err := parseTimeOfDay(v)
		if err != nil {
			return errors.New("config: DIGEST_AT must be a WIB time like 08:00, or off")
		}
		c.DigestAt = at
		return nil
	})
	env.read("NUDGE_AFTER", func(v string) error {
		if strings.EqualFold(v, "off") {
			c.NudgeOff = true
			return nil
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			return errors.New("config: NUDGE_AFTER must be a duration like 720h (30 days), or off")
		}
		c.NudgeAfter = d
		return nil
	})
	env.read("RETENTION", func(v string) error {
		if strings.EqualFold(v, "off") {
			c.RetentionOff = true
			return nil
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			return errors.New("config: RETENTION must be a duration like 4320h (180 days), or off")
		}
		c.Retention = d
		return nil
	})
	env.memoryLimit(&c)
	env.gcPercent(&c)
	env.procs(&c)
	env.integer("BROADCAST_CONCURRENCY", &c.BroadcastConcurrency)
	env.duration("BROADCAST_LEASE", &c.BroadcastLease)
	env.duration("BROADCAST_GRACE", &c.BroadcastGrace)
	env.number("TELEGRAM_PAID_RATE", &c.PaidRate)
	env.integer("TELEGRAM_WEBHOOK_MAX_CONNECTIONS", &c.WebhookMaxConnections)
	env.duration("REPLICA_LEASE", &c.ReplicaLease)
	switch v := strings.ToLower(strings.TrimSpace(getenv("TELEGRAM_LIMITS"))); v {
	case "", "on":
	case "off":
		c.LimitsOff = true
	default:
		env.fail(errors.New("config: TELEGRAM_LIMITS must be on or off"))
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("TELEGRAM_PAID_BROADCAST"))); v {
	case "", "false", "0", "no":
	case "true", "1", "yes":
		c.PaidBroadcast = true
	default:
		env.fail(errors.New("config: TELEGRAM_PAID_BROADCAST must be true or false"))
	}
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" && c.LogLevel.UnmarshalText([]byte(v)) != nil {
		env.fail(errors.New("config: LOG_LEVEL must be debug, info, warn or error"))
	}
	if env.err != nil {
		return c, env.err // one clear line
	}
	return c, c.Validate()
}

func or(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}

func parseIDs(s string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("config: ADMIN_IDS must be comma-separated Telegram user ids, %q is not one", f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// parseTimeOfDay reads "08:00" or "08.00" (as Indonesians write it) as
// the time since midnight.
func parseTimeOfDay(v string) (time.Duration, error) {
	hh, mm, ok := strings.Cut(strings.Replace(v, ".", ":", 1), ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	digits := strings.Trim(hh+mm, "0123456789") == ""
	if !ok || !digits || errH != nil || errM != nil || len(hh) > 2 || len(mm) != 2 || h > 23 || m > 59 {
		return 0, fmt.Errorf("not a time of day: %q", v)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// envReader reads settings over their defaults, keeping the first error:
// one clear line about the first bad setting beats a list.
type envReader struct {
	getenv func(string) string
	err    error
}

func (e *envReader) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// read calls parse with the setting's value when it is set.
func (e *envReader) read(name string, parse func(string) error) {
	if v := strings.TrimSpace(e.getenv(name)); v != "" {
		if err := parse(v); err != nil {
			e.fail(err)
		}
	}
}

func (e *envReader) duration(name string, d *time.Duration) {
	e.read(name, func(v string) error {
		n, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("config: %s must be a duration like 24h or 30m", name)
		}
		*d = n
		return nil
	})
}

func (e *envReader) integer(name string, n *int) {
	e.read(name, func(v string) error {
		i, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("config: %s must be a whole number", name)
		}
		*n = i
		return nil
	})
}

func (e *envReader) number(name string, f *float64) {
	e.read(name, func(v string) error {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("config: %s must be a number", name)
		}
		*f = x
		return nil
	})
}
