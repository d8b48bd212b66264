package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// httpGrace is how long requests in flight get at shutdown before the
// server closes their connections.
const httpGrace = 2 * time.Second

// ops is the HTTP side of one instance: a single server on HTTP_ADDR
// (or the listener Options gives) around one mux, which holds
//
//   - GET /healthz: 200 while the process runs (liveness);
//   - GET /readyz: 200 when Postgres, Redis and Telegram answer, else 503
//     with a JSON body naming what fails (readiness);
//   - GET /metrics: the Prometheus text of this instance's registry;
//   - whatever Options.Routes adds (the playground's page), and, in
//     webhook mode, POST /telegram/webhook, which Run mounts on mux.
//
// The server starts first in Run, so /healthz answers while the instance
// waits for Postgres, the migration lock or Telegram, and stops last, so
// /metrics is there until the end; /readyz says 503 until every service
// is attached and again once the shutdown begins.
type ops struct {
	mux     *http.ServeMux
	addr    string // where the server listens (HTTP_ADDR, or the port picked for :0)
	metrics *Metrics
	ready   *readiness
	stop    func()
}

// startOps builds the mux with the operator's routes and serves it.
func startOps(ctx context.Context, cfg Config, opts Options, log *slog.Logger) (*ops, error) {
	o := &ops{
		mux:     http.NewServeMux(),
		metrics: newMetrics(opts.Version),
		ready:   newReadiness(ctx),
	}
	o.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
	o.mux.Handle("GET /readyz", o.ready)
	o.mux.Handle("GET /metrics", o.metrics.Handler())
	if opts.Routes != nil {
		opts.Routes(o.mux)
	}
	stop, addr, err := serveHTTP(cfg.HTTPAddr, opts.Listener, o.mux, log)
	if err != nil {
		return nil, err
	}
	o.stop, o.addr = stop, addr
	return o, nil
}

// serveHTTP serves h on ln, or on a new listener on addr when ln is nil,
// until the returned stop is called.
func serveHTTP(addr string, ln net.Listener, h http.Handler, log *slog.Logger) (stop func(), bound string, err error) {
	if ln == nil {
		if ln, err = net.Listen("tcp", addr); err != nil {
			return nil, "", fmt.Errorf("http: listen on %s (set HTTP_ADDR to change it): %w", addr, err)
		}
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		// No ReadTimeout nor WriteTimeout: either would cut the
		// playground's event stream (a ReadTimeout cancels the request's
		// context once it passes). Handlers bound their own bodies.
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("the HTTP server stopped", "error", err)
		}
	}()
	log.Info("serving /healthz, /readyz and /metrics", "addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), httpGrace)
		defer cancel()
		_ = hs.Shutdown(ctx)
		_ = hs.Close() // streams that never end by themselves
		<-done
	}, ln.Addr().String(), nil
}
