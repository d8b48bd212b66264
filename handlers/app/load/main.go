// Command load measures a Telegram bot running as a separate process, the
// way issue 15 asks: the bot's CPU per handled update, its peak RSS, the
// time from an update to the bot's first answer (split into the pickup by
// getUpdates and the handling inside the bot), the time from the final tap
// to the receipt, and Bot API calls per completed flow, with Telegram's
// flood limits off or on.
//
//	go run ./handlers/app/load -flow daftar -users 100 [-limits] [-latency 0ms] [-rate 0] [-runs 1] [-json]
//	go run ./handlers/app/load -flow daftar -users 100 -bot 'node handlers/app/load/peer/bot.js'
//
// It starts the in-repo fake Bot API (bot/telegramtest) on a loopback
// port, a scratch database pilarbot_load_<pid> on DATABASE_URL's server
// (dropped and created again each run, dropped at the end) and a Redis prefix
// load:<pid>:<run>: (deleted at the end), then the bot as a child process.
// Without -bot it builds the in-repo bot (go build from the repository
// root); with -bot it runs that command line (split at spaces, no shell),
// so any bot can be measured the same way. The bot gets this environment,
// on top of the load command's own:
//
//	TELEGRAM_API_ENDPOINT  the fake's URL format, http://127.0.0.1:<port>/bot%s/%s (token, method)
//	TELEGRAM_API_ROOT      the fake's base URL, http://127.0.0.1:<port> (grammY's apiRoot)
//	TELEGRAM_BOT_TOKEN     the fake's token
//	DATABASE_URL           postgres://…/pilarbot_load_<pid> (empty; the bot migrates it)
//	REDIS_URL, REDIS_PREFIX  Redis and the run's key prefix
//	ADMIN_IDS              9001, the admin (a chat that exists at the fake)
//	HTTP_ADDR              a free loopback port
//	LOG_LEVEL              error
//	TELEGRAM_LIMITS        off with limits off, so that the bot spaces no send
//	                       (as the peer, which has no limiter); unset with
//	                       -limits (30 a second, 1 a chat)
//	DIGEST_AT, NUDGE_AFTER off: no background messages in the counts
//
// The bot must long-poll getUpdates; the run starts after its first call.
// The flows are bot-agnostic (flows.go): each user sends its next input as
// soon as the bot's next message or edit in its chat arrives (closed loop).
// -flow lapor and -flow rsvp seed verified volunteers (and an event) into
// the scratch database after the bot has migrated it, so they need the
// in-repo schema.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// options are the command's flags and the environment it reads.
type options struct {
	flow     *flow
	users    int
	limits   bool
	bot      []string // empty: build the in-repo bot
	latency  time.Duration
	rate     float64 // inputs a second over all users; 0: each user at once (closed loop)
	runs     int
	json     bool
	wait     time.Duration
	dbURL    string
	redisURL string
}

func parseOptions(args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flowName := fs.String("flow", "daftar", "flow to run: daftar, lapor or rsvp")
	users := fs.Int("users", 20, "simulated users running the flow at once")
	limits := fs.Bool("limits", false, "enforce Telegram's flood limits at the fake, and leave the bot's rates at their defaults")
	bot := fs.String("bot", "", "command line of the bot to measure (default: build and run the in-repo bot)")
	latency := fs.Duration("latency", 0, "added to every Bot API answer of the fake")
	paced := fs.Float64("rate", 0, "inputs per second over all users (0: each user sends as soon as answered); pace an unlimited run to a limited run's throughput to compare their CPU per update")
	runs := fs.Int("runs", 1, "runs, each with a fresh bot, database and Redis prefix")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	wait := fs.Duration("wait", 2*time.Minute, "longest wait for one answer of the bot")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	o := options{flow: flows[*flowName], users: *users, limits: *limits, bot: strings.Fields(*bot),
		latency: *latency, rate: *paced, runs: *runs, json: *asJSON, wait: *wait,
		dbURL:    or(getenv("DATABASE_URL"), "postgres://root@127.0.0.1:5432/pilarbot?sslmode=disable"),
		redisURL: or(getenv("REDIS_URL"), "redis://127.0.0.1:6379/0")}
	switch {
	case o.flow == nil:
		return o, fmt.Errorf("-flow %q: want daftar, lapor or rsvp", *flowName)
	case o.users < 1 || o.users > 9000:
		return o, fmt.Errorf("-users %d: want 1 to 9000", o.users)
	case o.rate < 0:
		return o, fmt.Errorf("-rate %v: want 0 or more", o.rate)
	case o.runs < 1:
		return o, fmt.Errorf("-runs %d: want at least 1", o.runs)
	}
	return o, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, getenv, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(o.bot) == 0 {
		dir, err := os.MkdirTemp("", "pilarbot-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		fmt.Fprintln(stderr, "load: building the bot")
		if o.bot, err = buildBot(ctx, dir); err != nil {
			return err
		}
	}
	var results []result
	for k := range o.runs {
		fmt.Fprintf(stderr, "load: run %d of %d: %s, %d users, limits %s\n", k+1, o.runs, o.flow.name, o.users, onOff(o.limits))
		r, err := runOnce(ctx, o, k)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	if o.json {
		return writeJSON(stdout, results)
	}
	return writeTable(stdout, results)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
