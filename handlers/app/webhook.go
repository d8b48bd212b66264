package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"pilarbot/bot"
)

// allowedUpdates are the update types the bot asks Telegram for, by
// getUpdates and by webhook alike.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// MountWebhook mounts the webhook handler on mux at POST
// /telegram/webhook (other methods get 405 from the mux).
func MountWebhook(mux *http.ServeMux, wh *bot.Webhook) {
	mux.Handle("POST "+WebhookPath, wh)
}

// serveWebhook takes updates by webhook until ctx ends: it mounts the
// webhook on the instance's HTTP server, which listens on HTTP_ADDR
// already, so that Telegram's first request finds it, then registers the
// webhook (every instance does; it is the same one) and
// logs what getWebhookInfo says about earlier deliveries. No instance
// polls in this mode: the workers of every instance handle what any
// instance received.
func serveWebhook(ctx context.Context, cfg Config, client *bot.Client, queue bot.Enqueuer, o *ops, log *slog.Logger, opts Options) error {
	MountWebhook(o.mux, &bot.Webhook{Secret: cfg.WebhookSecret, Queue: queue, Logger: log})
	if opts.Serving != nil {
		opts.Serving(o.addr)
	}
	err := client.SetWebhook(ctx, bot.WebhookConfig{URL: cfg.WebhookURL, SecretToken: cfg.WebhookSecret,
		AllowedUpdates: allowedUpdates, MaxConnections: cfg.WebhookMaxConnections})
	if err != nil {
		return fmt.Errorf("telegram: setWebhook: %w", err)
	}
	if info, err := client.GetWebhookInfo(ctx); err != nil {
		log.Warn("getWebhookInfo failed", "error", err)
	} else {
		log.Info("webhook registered", "pending_update_count", info.PendingUpdateCount,
			"last_error_message", info.LastErrorMessage, "max_connections", info.MaxConnections)
	}
	if opts.Ready != nil {
		opts.Ready()
	}
	log.Info("taking updates by webhook", "url", cfg.WebhookURL, "http_addr", o.addr, "workers", cfg.Workers)
	<-ctx.Done()
	log.Info("stopped taking updates")
	return nil
}
