package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

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

// serveWebhook takes updates by webhook until ctx ends: it listens on
// HTTP_ADDR first, so that Telegram's first request finds it, then
// registers the webhook (every instance does; it is the same one) and
// logs what getWebhookInfo says about earlier deliveries. No instance
// polls in this mode: the workers of every instance handle what any
// instance received.
func serveWebhook(ctx context.Context, cfg Config, client *bot.Client, queue bot.Enqueuer, log *slog.Logger, opts Options) error {
	mux := http.NewServeMux()
	MountWebhook(mux, &bot.Webhook{Secret: cfg.WebhookSecret, Queue: queue, Logger: log})
	stop, addr, err := startHTTP(cfg.HTTPAddr, mux, log)
	if err != nil {
		return err
	}
	defer stop()
	if opts.Serving != nil {
		opts.Serving(addr)
	}
	err = client.SetWebhook(ctx, bot.WebhookConfig{URL: cfg.WebhookURL, SecretToken: cfg.WebhookSecret,
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
	log.Info("taking updates by webhook", "url", cfg.WebhookURL, "http_addr", addr, "workers", cfg.Workers)
	<-ctx.Done()
	log.Info("stopped taking updates")
	return nil
}

// startHTTP serves handler on addr until the returned stop, which lets
// requests in flight finish for a few seconds.
//
// MERGE(i13-ops): the HTTP server of issue 13 (health, readiness,
// metrics) is built on another branch. Until the merge this minimal one
// serves the webhook alone; at the merge, serveWebhook mounts the webhook
// on the shared server's mux with MountWebhook and this function goes.
func startHTTP(addr string, handler http.Handler, log *slog.Logger) (stop func(), bound string, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("http: listen on %s (HTTP_ADDR): %w", addr, err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server failed", "error", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}, ln.Addr().String(), nil
}
