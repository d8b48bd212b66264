package app

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime"
	"runtime/debug"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"pilarbot/bot"
)

// Metrics are the Prometheus metrics of one running bot, every one of them
// defined in this file. Each Run has a registry of its own (tests run
// several bots in one process), and the rest of the bot reports to it
// through small hooks (bot.Observer, the handler wrapper, the update
// source wrapper) without importing Prometheus.
//
// No label holds personal data: update kinds, routes from the routes
// table, Bot API methods and results, send priorities.
type Metrics struct {
	reg *prometheus.Registry

	received      *prometheus.CounterVec   // kind
	handled       *prometheus.CounterVec   // kind
	handleSeconds *prometheus.HistogramVec // command
	apiRequests   *prometheus.CounterVec   // method, result
	pauses        prometheus.Counter
	pauseSeconds  prometheus.Counter
	limiterWait   *prometheus.HistogramVec // priority
}

var _ bot.Observer = (*Metrics)(nil)

// Update kinds, the label of the update counters.
const (
	kindMessage  = "message"
	kindCallback = "callback"
	kindOther    = "other"
)

// newMetrics makes the metrics and their registry, with the Go runtime's
// and the process's collectors and pilarbot_build_info.
func newMetrics(version string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pilarbot_updates_received_total",
			Help: "Updates received from Telegram (getUpdates or the webhook), by kind, before deduplication.",
		}, []string{"kind"}),
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pilarbot_updates_handled_total",
			Help: "Updates handled (not skipped as a duplicate, not dropped), by kind.",
		}, []string{"kind"}),
		handleSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pilarbot_update_handle_duration_seconds",
			Help:    "Time to handle one update, by route: a command of the routes table, button:<prefix>, text or other.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"command"}),
		apiRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pilarbot_telegram_requests_total",
			Help: "Bot API requests (each attempt of a retried one), by method and result: ok, 429, 403, other_4xx, 5xx, network.",
		}, []string{"method", "result"}),
		pauses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pilarbot_telegram_flood_pauses_total",
			Help: "429 answers, each of which paused every send for its retry_after.",
		}),
		pauseSeconds: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pilarbot_telegram_flood_pause_seconds_total",
			Help: "Seconds of retry_after asked by 429 answers.",
		}),
		limiterWait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pilarbot_telegram_limiter_wait_seconds",
			Help:    "Time a send waited for the flood limiter, by priority: interactive, bulk, paid.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"priority"}),
	}
	for _, k := range []string{kindMessage, kindCallback, kindOther} {
		m.received.WithLabelValues(k)
		m.handled.WithLabelValues(k)
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "pilarbot_build_info",
		Help:        "Always 1; the labels are the version of the bot and of Go.",
		ConstLabels: prometheus.Labels{"version": buildVersion(version), "goversion": runtime.Version()},
	})
	build.Set(1)
	m.reg.MustRegister(m.received, m.handled, m.handleSeconds, m.apiRequests,
		m.pauses, m.pauseSeconds, m.limiterWait, build,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// buildVersion is the version main was built with, or what the Go
// toolchain recorded (a module version, a VCS revision), or "dev".
func buildVersion(v string) string {
	if v != "" {
		return v
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && s.Value != "" {
				return s.Value
			}
		}
		if info.Main.Version != "" && info.Main.Version != "(devel)" {
			return info.Main.Version
		}
	}
	return "dev"
}

// Handler serves the registry as Prometheus text.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// WatchTelegram registers the time of Telegram's last answer to the
// client, read at each scrape: the age of it is what to alert on.
func (m *Metrics) WatchTelegram(health func() bot.Health) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "pilarbot_telegram_last_answer_timestamp_seconds",
		Help: "Unix time of the last answer from the Bot API (an error answer counts; a network error or a 5xx does not); 0 before the first.",
	}, func() float64 {
		if t := health().LastAnswer; !t.IsZero() {
			return float64(t.UnixNano()) / 1e9
		}
		return 0
	}))
}

// BotAPICall implements bot.Observer.
func (m *Metrics) BotAPICall(method, result string) {
	m.apiRequests.WithLabelValues(methodLabel(method), result).Inc()
}

// FloodPause implements bot.Observer.
func (m *Metrics) FloodPause(retryAfter time.Duration) {
	m.pauses.Inc()
	m.pauseSeconds.Add(retryAfter.Seconds())
}

// LimiterWait implements bot.Observer.
func (m *Metrics) LimiterWait(priority string, waited time.Duration) {
	m.limiterWait.WithLabelValues(priority).Observe(waited.Seconds())
}

// methodLabel keeps a Bot API method name as it is ("sendMessage") and
// turns anything else into "other", so that no label can carry more than
// a method name.
func methodLabel(method string) string {
	if method == "" || len(method) > 40 {
		return "other"
	}
	for _, r := range method {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return "other"
		}
	}
	return method
}

// UpdateReceived counts one update as it arrives, by its kind: the
// poller tells it of each update getUpdates returned, the webhook's
// queue of each it stored. u is raw decoded, nil when the receiver could
// not decode it.
func (m *Metrics) UpdateReceived(raw json.RawMessage, u *tgbotapi.Update) {
	m.received.WithLabelValues(receivedKind(raw, u)).Inc()
}

// receivedKind is the kind of u, or, for an update the library could not
// decode, read from raw without decoding the rest.
func receivedKind(raw json.RawMessage, u *tgbotapi.Update) string {
	if u != nil {
		return updateKind(u)
	}
	var peek struct {
		Message       *struct{} `json:"message"`
		CallbackQuery *struct{} `json:"callback_query"`
	}
	_ = json.Unmarshal(raw, &peek)
	switch {
	case peek.Message != nil:
		return kindMessage
	case peek.CallbackQuery != nil:
		return kindCallback
	}
	return kindOther
}

func updateKind(u *tgbotapi.Update) string {
	switch {
	case u.Message != nil:
		return kindMessage
	case u.CallbackQuery != nil:
		return kindCallback
	}
	return kindOther
}

// Instrument wraps the bot's handler: it counts each update handled, by
// kind, and times it by the route that route names.
func (m *Metrics) Instrument(next bot.HandlerFunc, route func(*tgbotapi.Update) string) bot.HandlerFunc {
	return func(ctx context.Context, u *tgbotapi.Update) {
		start := time.Now()
		defer func() {
			m.handleSeconds.WithLabelValues(route(u)).Observe(time.Since(start).Seconds())
			m.handled.WithLabelValues(updateKind(u)).Inc()
		}()
		next(ctx, u)
	}
}

// CountQueued counts, as received, the updates the webhook stores in q:
// in webhook mode they arrive there instead of through getUpdates.
func (m *Metrics) CountQueued(q bot.Enqueuer) bot.Enqueuer {
	return countingQueue{Enqueuer: q, m: m}
}

type countingQueue struct {
	bot.Enqueuer
	m *Metrics
}

func (q countingQueue) Enqueue(ctx context.Context, ups []bot.Incoming) ([]bot.Admission, error) {
	// The kinds are read first: once stored, a decoded update may belong
	// to a handler (bot.Incoming.Update).
	var buf [4]string
	kinds := buf[:0]
	for _, u := range ups {
		kinds = append(kinds, receivedKind(u.Raw, u.Update))
	}
	adm, err := q.Enqueuer.Enqueue(ctx, ups)
	if err == nil {
		for _, k := range kinds {
			q.m.received.WithLabelValues(k).Inc()
		}
	}
	return adm, err
}
