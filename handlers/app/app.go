// Package app wires PilarBot together: Postgres, Redis, the Telegram client,
// the conversation engine, the handlers, the shared update queue and its
// workers, and the poller or the webhook. main and the end-to-end tests
// run the bot through the same Run.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/bot"
	"pilarbot/conversations"
	"pilarbot/handlers"
	"pilarbot/handlers/broadcast"
	"pilarbot/handlers/digest"
	"pilarbot/handlers/events"
	"pilarbot/handlers/nudge"
	"pilarbot/handlers/retention"
	"pilarbot/handlers/siaga"
	"pilarbot/storage"
)

// Options are the seams tests use; production passes the zero value.
type Options struct {
	HTTPClient *http.Client     // base client for the Bot API (the fake's)
	Now        func() time.Time // clock for flows and records
	// Ready is called once the bot takes updates: its workers run (what
	// the inbox held is queued) and it polls or waits for the polling
	// lease, or its webhook is registered.
	Ready func()
	// Serving is called with the HTTP server's address once it listens
	// (webhook mode), for tests that let it choose a port.
	Serving func(addr string)
	// Handled is called after each update was handled.
	Handled func(updateID int)
	// Version is the build's version, for pilarbot_build_info (main's
	// -ldflags version); empty reads what the Go toolchain recorded.
	Version string
	// Listener, when set, is where the HTTP endpoints are served instead
	// of a new listener on HTTP_ADDR (tests listen on a free port; the
	// playground serves its page and the endpoints on PLAYGROUND_ADDR).
	// Run closes it.
	Listener net.Listener
	// Routes, when set, adds routes to the HTTP server's mux beside
	// /healthz, /readyz and /metrics (the playground's page).
	Routes func(mux *http.ServeMux)
}

// Run starts the bot and blocks until ctx is cancelled, then finishes the
// updates in flight and returns nil. It returns an error when a service
// cannot be reached at start-up or the token is rejected.
func Run(ctx context.Context, cfg Config, log *slog.Logger, opts Options) error {
	if err := cfg.Validate(); err != nil {
		if opts.Listener != nil {
			opts.Listener.Close()
		}
		return err
	}
	applyMemoryLimit(cfg.MemoryLimit)
	applyGCPercent(cfg.GCPercent)
	applyProcs(cfg.Procs)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	ops, err := startOps(ctx, cfg, opts, log)
	if err != nil {
		return err
	}
	defer ops.stop()

	store, err := storage.Open(ctx, storage.Config{URL: cfg.DatabaseURL})
	if err != nil {
		return err
	}
	defer store.Close()
	store.Now = now
	ops.ready.set("postgres", func(ctx context.Context) error { return store.DB().PingContext(ctx) })

	rdb, err := openRedis(ctx, cfg.RedisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	ops.ready.set("redis", func(ctx context.Context) error { return rdb.Ping(ctx).Err() })

	if cfg.LimitsOff {
		log.Warn("flood limits off (TELEGRAM_LIMITS=off): sends are not spaced; only for a Bot API that limits nothing")
	}
	client, err := bot.NewClient(ctx, bot.ClientConfig{
		Token:       cfg.Token,
		Endpoint:    cfg.APIEndpoint,
		PollTimeout: cfg.PollTimeout,
		Limits:      bot.Limits{Global: cfg.GlobalRate, PerChat: cfg.ChatRate, PaidGlobal: cfg.PaidRate, Off: cfg.LimitsOff},
		OnBlocked: func(ctx context.Context, chatID int64) {
			if err := store.MarkUnreachable(ctx, chatID, true); err != nil {
				log.Warn("marking chat unreachable failed", "chat_id", chatID, "error", err)
			}
		},
		Logger:     log,
		HTTPClient: opts.HTTPClient,
		Observer:   ops.metrics,
	})
	if err != nil {
		return err
	}
	log.Info("connected to Telegram", "bot", client.Self().UserName)
	ops.ready.set("telegram", telegramCheck(client))
	ops.metrics.WatchTelegram(client.Health)
	defer bot.InBackground(ctx, func(ctx context.Context) { pingIdle(ctx, client, log) })()

	inbox := &bot.RedisInbox{RDB: rdb, Prefix: cfg.RedisPrefix, TTL: cfg.InboxTTL}
	ops.metrics.WatchQueues(queueReaders{
		Inbox:     inbox.Depth,
		Outbox:    store.CountPendingOutbox,
		Reminders: func(ctx context.Context) (int64, error) { return store.CountDueReminders(ctx, now()) },
	}, log)
	// The workers' steps and the flow states' saves, once an update each,
	// share pipelines (bot.RedisBatch).
	batch := bot.NewRedisBatch(rdb)
	engine := conversations.NewEngine(
		conversations.NewStore(rdb, batch, cfg.RedisPrefix, cfg.FlowTTL),
		client, cfg.FlowTTL)
	engine.Now = now
	runner := broadcast.NewRunner(store, client, broadcast.RunnerConfig{
		Concurrency:   cfg.BroadcastConcurrency,
		Lease:         cfg.BroadcastLease,
		Heartbeat:     cfg.BroadcastLease / 3, // two renewals may fail before a claim is lost
		Poll:          cfg.BroadcastPoll,
		ProgressEvery: cfg.BroadcastProgressEvery,
		MaxAttempts:   cfg.BroadcastMaxAttempts,
		RetryDelay:    cfg.BroadcastRetryDelay,
		Grace:         cfg.BroadcastGrace,
		Paid:          cfg.PaidBroadcast,
	}, log)
	h, err := handlers.New(handlers.Deps{
		Sender:      client,
		Store:       store,
		Redis:       rdb,
		RedisPrefix: cfg.RedisPrefix,
		Engine:      engine,
		Admins:      cfg.Admins,
		BotUsername: client.Self().UserName,
		Broadcasts:  runner,
		PurgeInbox:  inbox.PurgeUser,
		Now:         now,
		Logger:      log,

		UserBurst:        cfg.UserBurst,
		UserWindow:       cfg.UserWindow,
		ReportMaxAgeDays: cfg.ReportMaxAgeDays,
		ReportBBox:       cfg.ReportBBox,
		CheckinRadius:    cfg.CheckinRadiusM,
	})
	if err != nil {
		return err
	}
	defer h.Wait()

	// Event reminders: a durable schedule in Postgres, claimed row by row,
	// so restarts and several instances send each reminder once; a dead
	// instance's reminder is free again within the broadcast lease.
	reminders := &events.Reminders{Sender: client, Store: store, Now: now, Logger: log, Lease: cfg.BroadcastLease}
	defer bot.InBackground(ctx, func(ctx context.Context) { reminders.Run(ctx, cfg.ReminderInterval) })()
	// The morning digest: the same durable schedule, one row a
	// coordinator and day, looked at as often as the reminders.
	if !cfg.DigestOff {
		digests := digest.New(h.Env, digest.Config{At: cfg.DigestAt, Lease: cfg.BroadcastLease})
		defer bot.InBackground(ctx, func(ctx context.Context) { digests.Run(ctx, cfg.ReminderInterval) })()
	}
	// Call-up tallies: one message per call-up, edited at most every
	// progress interval, never to the same text.
	tally := siaga.NewTally(h.Env, cfg.BroadcastProgressEvery)
	defer bot.InBackground(ctx, tally.Run)()
	// The gentle nudge of quiet volunteers: the same durable schedule, one
	// row a volunteer and day.
	if !cfg.NudgeOff {
		nudges := nudge.New(h.Env, nudge.Config{After: cfg.NudgeAfter, Lease: cfg.BroadcastLease})
		defer bot.InBackground(ctx, func(ctx context.Context) { nudges.Run(ctx, cfg.ReminderInterval) })()
	}
	// Retention: handled flow data older than RETENTION ages out, hourly.
	if !cfg.RetentionOff {
		pruner := retention.New(h.Env, retention.Config{Keep: cfg.Retention})
		defer bot.InBackground(ctx, func(ctx context.Context) { pruner.Run(ctx, retention.Every) })()
	}
	if err := h.RegisterCommands(ctx); err != nil {
		log.Warn("registering the command menu failed", "error", err)
	}
	// Erasures a crash or an outage cut short: the coordinators' messages
	// that still show an erased volunteer.
	h.Go(ctx, h.EraseShownLeft)

	// Every instance handles the shared queue's updates, whoever received
	// them: one chat's in order, by one worker of one instance at a time.
	queue := &bot.RedisQueue{RDB: rdb, Prefix: cfg.RedisPrefix, TTL: cfg.InboxTTL,
		MaxPerChat: cfg.ChatQueue, Lease: cfg.ReplicaLease, ReadAhead: h.ReadAhead(), Batch: batch}
	started := make(chan struct{})
	workers := &bot.Workers{Queue: queue, Handler: ops.metrics.Instrument(h.HandleUpdate, h.RouteLabel), Workers: cfg.Workers,
		Handled: opts.Handled, Started: func() { close(started) }, Logger: log}
	defer bot.InBackground(ctx, func(ctx context.Context) { _ = workers.Run(ctx) })()
	// Ready means the workers run: what a crash left in the inbox is queued.
	select {
	case <-started:
	case <-ctx.Done():
		return nil
	}

	// The runner stops with ctx and lets its sends in flight finish.
	runnerDone := make(chan struct{})
	go func() {
		defer close(runnerDone)
		_ = runner.Run(ctx)
	}()
	defer func() { <-runnerDone }()

	if cfg.WebhookURL != "" {
		return serveWebhook(ctx, cfg, client, ops.metrics.CountQueued(queue), ops, log, opts)
	}
	// The poller handles a batch itself only while Redis cannot take it.
	poller := &bot.Poller{
		Source:     client,
		Received:   ops.metrics.UpdateReceived,
		Handler:    ops.metrics.Instrument(h.HandleUpdate, h.RouteLabel),
		Dedup:      &bot.RedisDeduper{RDB: rdb, Prefix: cfg.RedisPrefix},
		Handled:    opts.Handled,
		Workers:    cfg.Workers,
		MaxPerChat: cfg.ChatQueue,
		Allowed:    allowedUpdates,
		Logger:     log,
	}
	if opts.Ready != nil {
		opts.Ready()
	}
	return pollWithLease(ctx, cfg, client, rdb, poller, queue.WithLocal(workers), log)
}

// openRedis connects and pings with a timeout so a wrong REDIS_URL fails
// at start-up with a clear error.
func openRedis(ctx context.Context, url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, errors.New("redis: REDIS_URL is not valid")
	}
	opt.DialTimeout = 3 * time.Second
	opt.ReadTimeout = 3 * time.Second
	opt.WriteTimeout = 3 * time.Second
	opt.PoolSize = 64
	rdb := redis.NewClient(opt)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis: connect to %s: %w", opt.Addr, err)
	}
	return rdb, nil
}
