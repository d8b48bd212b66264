package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/bot/telegramtest"
	"pilarbot/bot/telegramtest/playground"
	"pilarbot/storage"
	"pilarbot/storage/demo"
	"pilarbot/storage/domain"
)

// The playground's own data, apart from production's whatever the
// settings say: a database of its own on the same server and a Redis
// prefix of its own.
const (
	PlaygroundDatabase    = "pilarbot_playground"
	PlaygroundRedisPrefix = "playground:"
	DefaultPlaygroundAddr = "127.0.0.1:8080"
	// PlaygroundAdminID is the admin of the playground (its ADMIN_IDS).
	PlaygroundAdminID int64 = 1001
	// playgroundFirstPerson is the id of the first person created on the
	// page when no volunteer has a higher one.
	playgroundFirstPerson int64 = 2001
)

// PlaygroundOptions are the choices of `pilarbot playground`.
type PlaygroundOptions struct {
	Demo bool // seed the demo city first
	// Ready is called with the page's URL once the bot polls (tests).
	Ready func(url string)
}

// LoadPlaygroundConfig reads the settings like LoadConfig, for the bot
// the playground runs: no token is needed (the fake's is used), the
// database is PlaygroundDatabase on the server of DATABASE_URL, the
// Redis prefix is PlaygroundRedisPrefix, the playground's admin is the
// only admin, and the address of the page is PLAYGROUND_ADDR.
func LoadPlaygroundConfig(getenv func(string) string) (Config, string, error) {
	env := func(k string) string {
		switch k {
		case "TELEGRAM_BOT_TOKEN":
			return telegramtest.DefaultToken
		case "TELEGRAM_API_ENDPOINT":
			return "http://127.0.0.1/bot%s/%s" // replaced by the fake's
		case "ADMIN_IDS", "REDIS_PREFIX":
			return ""
		}
		return getenv(k)
	}
	cfg, err := LoadConfig(env)
	if err != nil {
		return cfg, "", err
	}
	u, err := url.Parse(cfg.DatabaseURL)
	if err != nil {
		return cfg, "", errors.New("config: DATABASE_URL is not a valid URL")
	}
	u.Path = "/" + PlaygroundDatabase
	cfg.DatabaseURL = u.String()
	cfg.RedisPrefix = PlaygroundRedisPrefix
	addr := or(getenv("PLAYGROUND_ADDR"), DefaultPlaygroundAddr)
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return cfg, "", errors.New("config: PLAYGROUND_ADDR must be host:port, e.g. 127.0.0.1:8080")
	}
	return cfg, addr, nil
}

// RunPlayground runs the real bot, through Run, against the fake Bot API
// served in this process, and serves the playground page at addr, until
// ctx ends. The fake's chats live in memory, so each start begins with
// empty chats, and the Redis state of the last run (flows half done in
// chats that are gone, updates left in the inbox) is dropped first.
func RunPlayground(ctx context.Context, cfg Config, addr string, log *slog.Logger, opts PlaygroundOptions) error {
	rep := &reporter{log: log}
	defer rep.cleanup()
	// Update ids from the clock: above those of any earlier run, and of
	// another playground on the same Redis, whose deduper would skip them.
	first := int(time.Now().UnixMilli() * 1000)
	tg := telegramtest.New(rep, telegramtest.Options{WaitTimeout: time.Minute, FirstUpdateID: first})
	cfg.Token, cfg.APIEndpoint = tg.Token, tg.Endpoint()
	cfg.Admins = []int64{PlaygroundAdminID} // the page's admin
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := resetRedis(ctx, cfg); err != nil {
		return err
	}
	view, err := preparePlayground(ctx, cfg, tg, log, opts.Demo)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("playground: listen on %s (set PLAYGROUND_ADDR to change it): %w", addr, err)
	}
	page := "http://" + ln.Addr().String()
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		log.Warn("playground: the page is reachable from other machines, and anyone who opens it acts as any person, the admin included",
			"addr", ln.Addr().String())
	}
	// One server for the page and the bot's /healthz, /readyz and
	// /metrics: HTTP_ADDR is not used, so the playground needs one port.
	return Run(ctx, cfg, log, Options{
		HTTPClient: tg.Client(),
		Listener:   ln,
		Routes:     func(mux *http.ServeMux) { mux.Handle("/", view.Handler()) },
		Ready: func() {
			log.Info("playground: the real bot against a built-in Telegram stand-in, no token needed; open "+page,
				"url", page, "database", PlaygroundDatabase, "redis_prefix", cfg.RedisPrefix, "demo", opts.Demo)
			if opts.Ready != nil {
				opts.Ready(page)
			}
		},
	})
}

// preparePlayground opens the playground's store (creating and migrating
// its database), seeds the demo city when asked, registers the demo
// photos with the fake, and makes the page with a person for every
// volunteer the database knows.
func preparePlayground(ctx context.Context, cfg Config, tg *telegramtest.Server, log *slog.Logger, seed bool) (*playground.View, error) {
	store, err := storage.Open(ctx, storage.Config{URL: cfg.DatabaseURL})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	if seed {
		wrote, err := demo.Seed(ctx, store, storage.Actor{ID: PlaygroundAdminID, Admin: true}, time.Now())
		if err != nil {
			return nil, err
		}
		log.Info("playground: demo city", "seeded_now", wrote)
	}
	for _, p := range demo.Photos() {
		if err := tg.AddPhoto(p.FileID, p.Data); err != nil {
			return nil, err
		}
	}
	view, err := playground.New(tg, playground.Options{
		Admin:   playground.Person{ID: PlaygroundAdminID, Name: "Admin Dinsos", Phone: "6281100001001", Role: "Admin"},
		Places:  playgroundPlaces(),
		Outside: playground.Place{Name: "Surabaya (di luar Kota Pasuruan)", Lat: -7.2575, Lon: 112.7521},
		FirstID: playgroundFirstPerson,
	})
	if err != nil {
		return nil, err
	}
	coords, err := store.Coordinators(ctx)
	if err != nil {
		return nil, err
	}
	isCoord := map[int64]bool{}
	for _, c := range coords {
		isCoord[c.TelegramID] = true
	}
	var people []playground.Person
	err = store.EachVolunteer(ctx, storage.Scope{}, func(v *storage.Volunteer) error {
		if v.ChatID > 0 && v.ChatID != PlaygroundAdminID {
			people = append(people, playground.Person{ID: v.ChatID, Name: v.FullName, Phone: v.Phone, Role: personRole(v, isCoord[v.TelegramID])})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(people, func(a, b playground.Person) int { return strings.Compare(a.Name, b.Name) })
	for _, p := range people {
		if err := view.AddPerson(p); err != nil {
			return nil, err
		}
	}
	return view, nil
}

// personRole is the label of a volunteer in the page's list.
func personRole(v *storage.Volunteer, coordinator bool) string {
	role := "Relawan " + pilarShort(v.Pilar)
	if coordinator {
		role = "Koordinator, " + pilarShort(v.Pilar)
	}
	switch v.Status {
	case domain.StatusPending:
		role += ", menunggu verifikasi"
	case domain.StatusRejected:
		role += ", ditolak"
	}
	return role
}

// playgroundPlaces are the location picker's known points: the 34
// kelurahan by kecamatan and the ceremony's venue.
func playgroundPlaces() []playground.Place {
	places := []playground.Place{{Name: "GOR Untung Suropati", Group: "Tempat acara", Lat: demo.GOR.Lat, Lon: demo.GOR.Lon}}
	for _, k := range domain.AllKelurahan() {
		p, ok := domain.KelurahanPoint(k.Code)
		kec, _ := domain.KecamatanByCode(k.KecamatanCode)
		if ok {
			places = append(places, playground.Place{Name: k.Name, Group: "Kec. " + kec.Name, Lat: p.Lat, Lon: p.Lon})
		}
	}
	return places
}

func pilarShort(code string) string {
	if p, ok := domain.PilarByCode(code); ok {
		return p.Short
	}
	return code
}

// resetRedis deletes every key under the playground's prefix.
func resetRedis(ctx context.Context, cfg Config) error {
	rdb, err := openRedis(ctx, cfg.RedisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	iter := rdb.Scan(ctx, 0, cfg.RedisPrefix+"*", 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("redis: reset the playground: %w", err)
	}
	if len(keys) > 0 {
		if err := rdb.Del(ctx, keys...).Err(); err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("redis: reset the playground: %w", err)
		}
	}
	return nil
}

// reporter lets the fake, written for tests, run in a program: what
// would fail a test is a programming error here, so it panics (an HTTP
// handler's panic is caught by net/http and logged).
type reporter struct {
	log      *slog.Logger
	cleanups []func()
}

func (r *reporter) Helper() {}
func (r *reporter) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf("playground: "+format, args...))
}
func (r *reporter) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *reporter) cleanup() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}
