// Package handlers is what PilarBot does: the commands, the callbacks and
// the conversations of volunteers and coordinators. It talks to Telegram
// through a small Sender, to Postgres through storage and keeps flows in
// conversations.
package handlers

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"pilarbot/conversations"
	"pilarbot/handlers/domain"
	"pilarbot/storage"
)

// Sender is the part of the Telegram client that handlers use.
type Sender interface {
	Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error)
	Request(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error)
}

// Deps are what the handlers need; all fields are required except Now and
// Logger.
type Deps struct {
	Sender      Sender
	Store       *storage.Store
	Redis       redis.UniversalClient
	RedisPrefix string
	Engine      *conversations.Engine
	Admins      []int64
	BotUsername string
	Broadcasts  Broadcaster // the broadcast runner, for /umumkan
	Now         func() time.Time
	Logger      *slog.Logger
	// ReportMaxAgeDays is how old an activity date may be; 0 means 30.
	ReportMaxAgeDays int
	// ReportBBox is where a report's map pin may lie; zero means
	// domain.PasuruanBBox.
	ReportBBox domain.BBox
	// CheckinRadius is how near the event's pin a check-in counts, in
	// metres; 0 means DefaultCheckinRadius.
	CheckinRadius float64
}

// Handlers answers updates.
type Handlers struct {
	send    Sender
	store   *storage.Store
	rdb     redis.UniversalClient
	prefix  string
	engine  *conversations.Engine
	admins  map[int64]bool
	botName string
	now     func() time.Time
	log     *slog.Logger

	reportMaxAge  int // days
	reportBBox    domain.BBox
	checkinRadius float64 // metres
	broadcasts    Broadcaster

	commands  map[string]*command
	callbacks map[string]callback

	// background tracks notifications sent after a reply, so shutdown can
	// wait for them.
	background sync.WaitGroup
}

// New wires the handlers and registers their flows with the engine.
func New(d Deps) *Handlers {
	h := &Handlers{
		send:    d.Sender,
		store:   d.Store,
		rdb:     d.Redis,
		prefix:  d.RedisPrefix,
		engine:  d.Engine,
		admins:  map[int64]bool{},
		botName: d.BotUsername,
		now:     d.Now,
		log:     d.Logger,

		checkinRadius: d.CheckinRadius,
		broadcasts:    d.Broadcasts,
	}
	if h.checkinRadius <= 0 {
		h.checkinRadius = DefaultCheckinRadius
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	h.reportMaxAge, h.reportBBox = d.ReportMaxAgeDays, d.ReportBBox
	if h.reportMaxAge <= 0 {
		h.reportMaxAge = defaultMaxAge
	}
	if h.reportBBox == (domain.BBox{}) {
		h.reportBBox = domain.PasuruanBBox
	}
	for _, id := range d.Admins {
		h.admins[id] = true
	}
	h.routes()
	h.engine.Register(h.daftarFlow())
	h.engine.Register(h.tolakFlow())
	h.engine.Register(h.laporFlow())
	h.engine.Register(h.catatanFlow())
	h.engine.Register(h.acaraFlow())
	h.engine.Register(h.checkinFlow())
	h.engine.Register(h.koordinatorFlow())
	h.engine.Register(h.umumkanFlow())
	return h
}

// Wait blocks until background notifications have been sent.
func (h *Handlers) Wait() { h.background.Wait() }

// go runs f in the background with a context that survives the update's.
func (h *Handlers) goBackground(ctx context.Context, f func(ctx context.Context)) {
	h.background.Add(1)
	go func() {
		defer h.background.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		f(ctx)
	}()
}
