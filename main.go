// Command pilarbot is the Telegram bot of the social-welfare volunteers
// ("pilar-pilar sosial") of Dinas Sosial Kota Pasuruan.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"pilarbot/handlers/app"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if err := run(context.Background(), os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pilarbot:", err)
		os.Exit(1)
	}
}

// run reads the configuration, builds the bot and runs it until SIGINT or
// SIGTERM.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 1 && (args[1] == "-version" || args[1] == "--version") {
		fmt.Fprintln(stdout, "pilarbot", version)
		return nil
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg, err := app.LoadConfig(getenv)
	if err != nil {
		return err
	}
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(stderr, opts)
	}
	log := slog.New(h).With("version", version)
	return app.Run(ctx, cfg, log, app.Options{})
}
