package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// queueTimeout bounds each query of a scrape: a slow Postgres or Redis
// must leave a gap in a gauge, not hang Prometheus's scrape.
const queueTimeout = time.Second

// queueGauge is one number read from Postgres or Redis at each scrape.
type queueGauge struct {
	name string
	desc *prometheus.Desc
	read func(ctx context.Context) (int64, error)
}

// queueCollector reads the queue gauges when Prometheus scrapes, so they
// are never stale and cost nothing between scrapes. A gauge whose query
// fails is left out of that scrape (and logged); /readyz says why.
type queueCollector struct {
	gauges []queueGauge
	log    *slog.Logger
}

// queueReaders are the queries behind the queue gauges.
type queueReaders struct {
	Inbox     func(ctx context.Context) (int64, error) // updates waiting in the Redis inbox
	Outbox    func(ctx context.Context) (int64, error) // broadcast messages pending in Postgres
	Reminders func(ctx context.Context) (int64, error) // event reminders due and not sent
}

// WatchQueues registers the queue gauges. In a deployment of several
// instances the outbox and reminder gauges are the same shared rows seen
// by each, so alert on their max, not their sum.
func (m *Metrics) WatchQueues(r queueReaders, log *slog.Logger) {
	gauge := func(name, help string, read func(context.Context) (int64, error)) queueGauge {
		return queueGauge{name: name, desc: prometheus.NewDesc(name, help, nil, nil), read: read}
	}
	m.reg.MustRegister(&queueCollector{log: log, gauges: []queueGauge{
		gauge("pilarbot_inbox_updates",
			"Updates received and not yet handled, in the Redis inbox.", r.Inbox),
		gauge("pilarbot_outbox_pending_messages",
			"Broadcast messages waiting to be sent (due or waiting for a retry), in Postgres.", r.Outbox),
		gauge("pilarbot_reminders_due",
			"Event reminders due and not yet sent, in Postgres.", r.Reminders),
	}})
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, g := range c.gauges {
		ch <- g.desc
	}
}

// Collect runs the queries at once, each with queueTimeout.
func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	var wg sync.WaitGroup
	for _, g := range c.gauges {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), queueTimeout)
			defer cancel()
			n, err := g.read(ctx)
			if err != nil {
				c.log.Warn("reading a queue gauge failed", "metric", g.name, "error", err)
				return
			}
			ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, float64(n))
		})
	}
	wg.Wait()
}
