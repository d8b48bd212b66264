// Command province is the province-scale load command of issue 15. It
// seeds (or reuses) a scratch database with a province's data
// (storage/province: 50,000 volunteers in 38 kabupaten/kota, 1,000,000
// reports, 5,000 events with 200,000 answers, 1,000,000 old outbox rows)
// and measures the targets through the bot's real code paths: app.Run
// against the in-process fake Bot API for /rekap, /jadwal, /cari, /tinjau
// and /ekspor, and the store functions Kirim and the broadcast runner
// call for the broadcast. It prints a table.
//
//	go run ./handlers/app/province [-reseed]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"pilarbot/handlers/app/procstat"
	"syscall"
	"time"

	"pilarbot/storage/province"
)

// DefaultDB is the scratch database and schema of the set; the bare
// schema beside it holds only volunteers, for the broadcast's claims
// without old outbox rows.
const DefaultDB = "postgres://root@127.0.0.1:5432/pilarbot_province?sslmode=disable"

func main() {
	if len(os.Args) == 2 && os.Args[1] == childFlag {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := runChild(ctx, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "province bot:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "province:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	db       string
	redis    string
	reseed   bool
	samples  int
	seedOnly bool
	skipBot  bool
	memLimit string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fs := flag.NewFlagSet("province", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.db, "db", DefaultDB, "scratch database (its name must contain \"province\")")
	fs.StringVar(&o.redis, "redis", "redis://127.0.0.1:6379/0", "Redis for the bot's state (keys under a fresh prefix)")
	fs.BoolVar(&o.reseed, "reseed", false, "drop the seeded set and write it again")
	fs.IntVar(&o.samples, "samples", 200, "volunteers who ask /jadwal")
	fs.BoolVar(&o.seedOnly, "seed-only", false, "seed (or reuse) and stop")
	fs.BoolVar(&o.skipBot, "skip-bot", false, "measure the broadcast only")
	fs.StringVar(&o.memLimit, "gomemlimit", "", "GOMEMLIMIT of the bot's process (e.g. 40MiB); empty: the Go default, none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t := &table{}
	info, err := seed(ctx, o, stdout, withSchema(o.db, "province"), province.Full())
	if err != nil {
		return err
	}
	if o.seedOnly {
		return nil
	}
	if !o.skipBot {
		if err := measureBot(ctx, o, info, t, stdout); err != nil {
			return err
		}
	}
	if err := measureBroadcast(ctx, o, t, stdout); err != nil {
		return err
	}
	t.rss("load command's own RSS, peak (fake Bot API, driver)", procstat.StatusKB(0, "VmHWM:"), false)
	fmt.Fprintf(stdout, "\nload average before: %s, after: %s\n", info.load, procstat.LoadAverage())
	t.print(stdout)
	return nil
}

// seeded is a seeded set as the measurements use it.
type seeded struct {
	province.Info
	url  string
	load string // uptime's load average when the measurements began
}

// seed opens (or reseeds) the schema at url and seeds it with sizes.
func seed(ctx context.Context, o options, out io.Writer, url string, sizes province.Sizes) (seeded, error) {
	store, err := province.Open(ctx, url, o.reseed)
	if err != nil {
		return seeded{}, err
	}
	defer store.Close()
	fmt.Fprintf(out, "seeding %s (load average %s) …\n", redactURL(url), procstat.LoadAverage())
	info, err := province.Seed(ctx, store, sizes, time.Now())
	if err != nil {
		return seeded{}, err
	}
	verb := "seeded"
	if info.Reused {
		verb = "reused the set seeded"
	}
	fmt.Fprintf(out, "%s at %s in %s (peak month %s)\n", verb, info.SeededAt.Format(time.RFC3339),
		time.Duration(info.Took), info.PeakMonth.Format("2006-01"))
	return seeded{Info: info, url: url, load: procstat.LoadAverage()}, nil
}
