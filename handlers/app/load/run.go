package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"pilarbot/handlers/app/procstat"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// reporter lets the fake, written for tests, run in a program: a failed
// check of the fake panics with fatal, which the user's goroutine turns
// into its error.
type reporter struct {
	mu       sync.Mutex
	cleanups []func()
}

type fatal string

func (r *reporter) Helper()                           {}
func (r *reporter) Fatalf(format string, args ...any) { panic(fatal(fmt.Sprintf(format, args...))) }
func (r *reporter) Cleanup(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cleanups = append(r.cleanups, f)
}

func (r *reporter) close() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

// runOnce measures one run with a fresh fake, database, Redis prefix and
// bot process.
func runOnce(ctx context.Context, o options, k int) (res result, err error) {
	rep := &reporter{}
	defer rep.close()
	srv := telegramtest.New(rep, telegramtest.Options{EnforceLimits: o.limits, Latency: o.latency, WaitTimeout: o.wait})
	srv.NewUser(apptest.AdminID, "Admin")
	users := make([]*telegramtest.User, o.users)
	for i := range users {
		users[i] = srv.NewUser(firstUserID+int64(i), "Relawan")
	}

	dbURL, adminURL, err := scratchURL(o.dbURL)
	if err != nil {
		return res, err
	}
	if err := recreateDB(ctx, adminURL, false); err != nil {
		return res, err
	}
	defer func() {
		if e := recreateDB(context.Background(), adminURL, true); e != nil && err == nil {
			err = e
		}
	}()
	prefix := fmt.Sprintf("load:%d:%d:", os.Getpid(), k)
	defer func() {
		if e := cleanRedis(context.Background(), o.redisURL, prefix); e != nil && err == nil {
			err = e
		}
	}()

	httpAddr, err := freeAddr()
	if err != nil {
		return res, err
	}
	bot, err := startBot(o.bot, botEnv(o, srv, dbURL, prefix, httpAddr))
	if err != nil {
		return res, err
	}
	defer bot.stop(10 * time.Second)
	if err := waitReady(ctx, srv, bot, o.wait); err != nil {
		return res, err
	}
	if err := seed(ctx, dbURL, o.flow, o.users); err != nil {
		return res, err
	}
	time.Sleep(500 * time.Millisecond) // let start-up work (menus, sweeps) finish outside the window
	return measure(ctx, o, srv, bot, users)
}

// botEnv is the environment contract of the package comment.
func botEnv(o options, srv *telegramtest.Server, dbURL, prefix, httpAddr string) []string {
	env := []string{
		"TELEGRAM_API_ENDPOINT=" + srv.Endpoint(), "TELEGRAM_API_ROOT=" + srv.URL, "TELEGRAM_BOT_TOKEN=" + srv.Token,
		"DATABASE_URL=" + dbURL, "REDIS_URL=" + o.redisURL, "REDIS_PREFIX=" + prefix,
		"ADMIN_IDS=" + strconv.Itoa(apptest.AdminID), "HTTP_ADDR=" + httpAddr, "LOG_LEVEL=error",
		"DIGEST_AT=off", "NUDGE_AFTER=off",
	}
	if !o.limits {
		env = append(env, "TELEGRAM_LIMITS=off")
	}
	return env
}

// measure reads the idle bot's CPU for a second (so that a reader can
// tell waiting from work), runs the users, waits for the bot to be quiet
// and computes the run's figures.
func measure(ctx context.Context, o options, srv *telegramtest.Server, bot *botProcess, users []*telegramtest.User) (result, error) {
	pid := bot.cmd.Process.Pid
	idle, err := readUsage(pid)
	if err != nil {
		return result{}, err
	}
	time.Sleep(time.Second)
	before, err := readUsage(pid)
	if err != nil {
		return result{}, err
	}
	statsBefore, selfBefore, serversBefore, began := srv.Stats(), selfCPU(), readServers(), time.Now()
	out, runErr := runUsers(ctx, o, users)
	wall := time.Since(began)
	quiet := 300 * time.Millisecond
	if o.limits {
		quiet = 2 * time.Second // a send may wait that long for its turn
	}
	settle(srv, quiet, time.Minute)
	driver, servers, window := selfCPU()-selfBefore, readServers(), time.Since(began)
	after, err := readUsage(pid)
	if err != nil {
		_, exitErr := bot.exited()
		return result{}, fmt.Errorf("load: the bot exited during the run (%v):\n%s", exitErr, bot.stderr)
	}
	if runErr != nil {
		return result{}, fmt.Errorf("%w\nbot output:\n%s", runErr, bot.stderr)
	}

	res := result{Flow: o.flow.name, Users: o.users, Limits: o.limits, Bot: strings.Join(o.bot, " "),
		Completed: len(out), WallSeconds: wall.Seconds(), PeakRSSMB: float64(after.PeakRSS) / (1 << 20), LoadAvg: procstat.LoadAverage(),
		DriverCPU: ms(driver), IdleCPU: ms(before.CPU - idle.CPU), WindowSeconds: window.Seconds()}
	var ids []int
	var taps []time.Duration
	for _, u := range out {
		ids = append(ids, u.updates...)
		taps = append(taps, u.tap)
	}
	res.Updates = len(ids)
	res.Throughput = float64(res.Updates) / wall.Seconds()
	res.CPUTotal = ms(after.CPU - before.CPU)
	res.CPUPerUpdate = res.CPUTotal / float64(max(res.Updates, 1))
	res.WakesPerUpdate = float64(after.Slices-before.Slices) / float64(max(res.Updates, 1))
	res.RedisCPU = ms(servers.Redis-serversBefore.Redis) / float64(max(res.Updates, 1))
	res.PostgresCPU = ms(servers.Postgres-serversBefore.Postgres) / float64(max(res.Updates, 1))
	res.latencies(srv, ids, taps)
	res.calls(statsBefore, srv.Stats())
	return res, nil
}

// settle waits until the bot has made no Bot API call (getUpdates aside)
// for quiet and no update is pending, at most limit: a receipt may reach
// the user before the bot answers the press or tells the coordinators,
// and those calls belong to the flow.
func settle(srv *telegramtest.Server, quiet, limit time.Duration) {
	calls := func() int {
		n := 0
		for m, c := range srv.Stats().Methods {
			if m != "getUpdates" {
				n += c.OK + c.Errors
			}
		}
		return n
	}
	deadline := time.Now().Add(limit)
	last, since := calls(), time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if n := calls(); n != last || srv.Pending() > 0 {
			last, since = n, time.Now()
		} else if time.Since(since) >= quiet {
			return
		}
	}
}

// waitReady waits for the bot's first getUpdates call.
func waitReady(ctx context.Context, srv *telegramtest.Server, bot *botProcess, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for srv.Calls("getUpdates") == 0 {
		if done, err := bot.exited(); done {
			return fmt.Errorf("load: the bot exited before polling (%v):\n%s", err, bot.stderr)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("load: the bot did not call getUpdates within %v:\n%s", wait, bot.stderr)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}

// runUsers plays the flow for every user at once and returns what each
// measured; the first failure cancels the others.
func runUsers(ctx context.Context, o options, users []*telegramtest.User) ([]userResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]userResult, len(users))
	errs := make([]error, len(users))
	start := make(chan struct{})
	var pace *rate.Limiter // nil: a closed loop
	if o.rate > 0 {
		pace = rate.NewLimiter(rate.Limit(o.rate), 1)
	}
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					f, ok := p.(fatal)
					if !ok {
						panic(p)
					}
					errs[i] = fmt.Errorf("user %d: %s", i, f)
				}
				if errs[i] != nil {
					cancel()
				}
			}()
			<-start
			out[i], errs[i] = runUser(ctx, u, o.flow, i, o.wait, pace)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
