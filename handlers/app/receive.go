package app

import (
	"context"
	"log/slog"

	"github.com/redis/go-redis/v9"

	"pilarbot/bot"
)

// pollWithLease polls Telegram while this instance holds the polling
// lease, and waits for it otherwise: Telegram allows one getUpdates at a
// time per token, so of several instances exactly one polls, and another
// takes over within REPLICA_LEASE (plus a third of it) when that one
// dies. The others go on sending broadcasts and reminders meanwhile.
//
// Each batch goes to the shared queue fenced with the lease's token: an
// instance that lost the lease without noticing yet stores nothing and
// stops.
func pollWithLease(ctx context.Context, cfg Config, client *bot.Client, rdb redis.UniversalClient,
	poller *bot.Poller, queue *bot.RedisQueue, log *slog.Logger) error {
	lease := &bot.Lease{RDB: rdb, Key: cfg.RedisPrefix + "poller:lease", TTL: cfg.ReplicaLease, Logger: log}
	log.Info("started; polling whenever this instance holds the polling lease", "lease", cfg.ReplicaLease)
	return lease.Run(ctx, func(ctx context.Context, token int64) error {
		// A webhook left by an earlier deployment would make every
		// getUpdates fail with 409; the updates Telegram holds for it
		// are kept.
		if err := client.DeleteWebhook(ctx, false); err != nil {
			log.Warn("deleting the webhook before polling failed", "error", err)
		}
		log.Info("polling for updates", "workers", cfg.Workers, "lease_token", token)
		p := *poller
		p.Queue = queue.Fenced(lease.Key, token)
		err := p.Run(ctx)
		log.Info("stopped polling")
		return err
	})
}
