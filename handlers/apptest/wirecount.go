package apptest

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"pilarbot/bot/telegramtest"
)

// Wire counts what the bot says to Postgres and Redis: round trips (the
// times the bot sent something and then waited for an answer, however
// many commands it pipelined) and, for Redis, the commands by name. It
// sits between the bot and each server as a TCP proxy on the loopback,
// so it counts the real traffic of the real wiring, background loops
// included; a test subtracts what an idle bot does by reading the
// counts around the updates it sends (Snapshot). WIRE_DEBUG=1 prints
// each Postgres message's type and its first bytes (statement text, never
// parameters, which travel in Bind) to stderr, to see which queries ran.
type Wire struct {
	mu    sync.Mutex
	trips map[string]int // "postgres", "redis"
	cmds  map[string]int // Redis commands by name ("EVALSHA", "GET", ...)
	sql   int            // Postgres statements: Execute and simple Query messages
	preps int            // named Parse messages: a connection preparing a statement
}

// WireCounts is what a Wire counted up to a moment.
type WireCounts struct {
	PostgresTrips, RedisTrips int
	SQL                       int // statements executed
	// Prepares is statements prepared by name, each a round trip of its
	// own: a pooled connection prepares a hot statement the first time
	// it runs it (storage/prepared.go).
	Prepares int
	Redis    map[string]int // commands by name
}

// RedisCommands is the number of Redis commands, all names together.
func (c WireCounts) RedisCommands() int {
	n := 0
	for _, v := range c.Redis {
		n += v
	}
	return n
}

// Sub returns what was counted between o and c.
func (c WireCounts) Sub(o WireCounts) WireCounts {
	d := WireCounts{PostgresTrips: c.PostgresTrips - o.PostgresTrips, RedisTrips: c.RedisTrips - o.RedisTrips,
		SQL: c.SQL - o.SQL, Prepares: c.Prepares - o.Prepares, Redis: map[string]int{}}
	for k, v := range c.Redis {
		if n := v - o.Redis[k]; n != 0 {
			d.Redis[k] = n
		}
	}
	return d
}

// String lists the counts, the Redis commands sorted by name.
func (c WireCounts) String() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(c.Redis)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, c.Redis[k]))
	}
	return fmt.Sprintf("postgres: %d round trips, %d statements, %d prepared; redis: %d round trips, %d commands (%s)",
		c.PostgresTrips, c.SQL, c.Prepares, c.RedisTrips, c.RedisCommands(), strings.Join(parts, ", "))
}

// Snapshot returns the counts so far.
func (w *Wire) Snapshot() WireCounts {
	w.mu.Lock()
	defer w.mu.Unlock()
	return WireCounts{PostgresTrips: w.trips["postgres"], RedisTrips: w.trips["redis"], SQL: w.sql, Prepares: w.preps, Redis: maps.Clone(w.cmds)}
}

// CountWire routes the bot's Postgres and Redis connections through w.
func CountWire(w *Wire) Option {
	return func(c *Config, _ *telegramtest.Options) {
		w.mu.Lock()
		if w.trips == nil {
			w.trips, w.cmds = map[string]int{}, map[string]int{}
		}
		w.mu.Unlock()
		c.DatabaseURL = w.proxyURL(c.DatabaseURL, "postgres")
		c.RedisURL = w.proxyURL(c.RedisURL, "redis")
	}
}

// Quiet makes the bot's background loops (the broadcast poller, the
// reminders, the broadcasts' progress) wait an hour between rounds, so
// that a test counting an update's round trips through CountWire counts
// that update's.
func Quiet() Option {
	return func(c *Config, _ *telegramtest.Options) {
		c.BroadcastPoll = time.Hour
		c.ReminderInterval = time.Hour
		c.BroadcastProgressEvery = time.Hour
	}
}

// proxyURL starts a proxy to the server of rawURL and returns the URL with
// the proxy's address. The proxy runs until the test process ends: the
// bot's pools close their connections at its shutdown.
func (w *Wire) proxyURL(rawURL, kind string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(fmt.Sprintf("apptest: CountWire: %s URL: %v", kind, err))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("apptest: CountWire: listen: %v", err))
	}
	target := u.Host
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go w.relay(c, target, kind)
		}
	}()
	u.Host = ln.Addr().String()
	return u.String()
}

// relay copies one connection both ways, counting a round trip each time
// the client speaks after the server answered (or first).
func (w *Wire) relay(client net.Conn, target, kind string) {
	defer client.Close()
	server, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer server.Close()
	var (
		mu       sync.Mutex
		awaiting bool
	)
	cr, sr := io.Pipe()
	go func() {
		defer sr.Close()
		if kind == "redis" {
			w.parseRedis(bufio.NewReader(cr))
		} else {
			w.parsePostgres(bufio.NewReader(cr))
		}
		_, _ = io.Copy(io.Discard, cr)
	}()
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := server.Read(buf)
			if n > 0 {
				mu.Lock()
				awaiting = false
				mu.Unlock()
				if _, werr := client.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		client.Close()
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 {
			mu.Lock()
			if !awaiting {
				awaiting = true
				w.mu.Lock()
				w.trips[kind]++
				w.mu.Unlock()
			}
			mu.Unlock()
			_, _ = sr.Write(buf[:n])
			if _, werr := server.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	_ = sr.Close()
}

// parseRedis reads the client's RESP commands (arrays of bulk strings)
// and counts them by name.
func (w *Wire) parseRedis(r *bufio.Reader) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if !strings.HasPrefix(line, "*") {
			continue
		}
		n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
		name := ""
		for i := range n {
			head, err := r.ReadString('\n')
			if err != nil {
				return
			}
			size, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(head, "$")))
			arg := make([]byte, size+2)
			if _, err := io.ReadFull(r, arg); err != nil {
				return
			}
			if i == 0 {
				name = strings.ToUpper(string(arg[:size]))
			}
		}
		w.mu.Lock()
		w.cmds[name]++
		w.mu.Unlock()
	}
}

// parsePostgres reads the client's protocol messages and counts the
// statements executed: each Execute of the extended protocol and each
// simple Query.
func (w *Wire) parsePostgres(r *bufio.Reader) {
	// The startup message has no type byte: a length, then the rest.
	var lenBuf [4]byte
	if _, err := io.ReadFull(r, lenBuf[:]); err != nil {
		return
	}
	if _, err := io.CopyN(io.Discard, r, int64(be32(lenBuf[:]))-4); err != nil {
		return
	}
	for {
		typ, err := r.ReadByte()
		if err != nil {
			return
		}
		if _, err := io.ReadFull(r, lenBuf[:]); err != nil {
			return
		}
		body := make([]byte, int(be32(lenBuf[:]))-4)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		if os.Getenv("WIRE_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "PG %c %q\n", typ, body[:min(len(body), 90)])
		}
		switch {
		case typ == 'E' || typ == 'Q':
			w.mu.Lock()
			w.sql++
			w.mu.Unlock()
		case typ == 'P' && len(body) > 0 && body[0] != 0: // Parse with a statement name
			w.mu.Lock()
			w.preps++
			w.mu.Unlock()
		}
	}
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
