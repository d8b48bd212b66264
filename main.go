// Command pilarbot is the Telegram bot of the social-welfare volunteers
// ("pilar-pilar sosial") of Dinas Sosial Kota Pasuruan.
package main

import (
	"context"
	"errors"
	"flag"
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
	if len(args) > 1 && args[1] == "healthcheck" {
		return healthcheck(ctx, getenv, stdout)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(args) > 1 && args[1] == "playground" {
		return playground(ctx, args[2:], getenv, stderr)
	}

	cfg, err := app.LoadConfig(getenv)
	if err != nil {
		return err
	}
	return app.Run(ctx, cfg, newLogger(cfg, stderr), app.Options{Version: version})
}

// playground runs `pilarbot playground [--demo]`: the bot against the
// built-in fake Bot API, with a web page to chat with it.
func playground(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("playground", flag.ContinueOnError)
	fs.SetOutput(stderr)
	demo := fs.Bool("demo", false, "fill the playground with a demo city first (skipped when it is there)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: pilarbot playground [--demo]\n\nTry the bot in your browser, no token needed (PLAYGROUND_ADDR, default "+app.DefaultPlaygroundAddr+").")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	cfg, addr, err := app.LoadPlaygroundConfig(getenv)
	if err != nil {
		return err
	}
	return app.RunPlayground(ctx, cfg, addr, newLogger(cfg, stderr), app.PlaygroundOptions{Demo: *demo})
}

// newLogger builds the one logger of the process from the settings.
func newLogger(cfg app.Config, stderr io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(stderr, opts)
	}
	return slog.New(h).With("version", version)
}
