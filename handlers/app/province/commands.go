package main

import (
	"context"
	"fmt"
	"io"
	"pilarbot/handlers/app/procstat"
	"strings"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
	"pilarbot/storage/province"
)

// measureBot runs the bot on the seeded set and times the commands of
// the targets as the city-wide admin, a coordinator scoped to Kota
// Pasuruan and sampled volunteers.
func measureBot(ctx context.Context, o options, s seeded, t *table, out io.Writer) error {
	store, err := storage.Open(ctx, storage.Config{URL: s.url})
	if err != nil {
		return err
	}
	defer store.Close()
	b, err := startBot(ctx, o, s.url, out)
	if err != nil {
		return err
	}
	defer b.stop()
	pasIdx := 0
	for i, r := range province.Regions() {
		if r.Code == province.PasuruanCode {
			pasIdx = i
		}
	}
	pas := province.Regions()[pasIdx]
	if err := b.addQueuePhotos(ctx, store, 0, storage.Scope{}, pas.Scope()); err != nil {
		return err
	}
	admin := b.admin
	coord := b.coords[pasIdx]
	if _, err := b.ask(admin, "/bantuan"); err != nil { // warm-up: connections, command menu
		return err
	}
	month := s.PeakMonth.Format("2006-01")
	fmt.Fprintf(out, "measuring on the bot (load average %s) …\n", procstat.LoadAverage())

	for _, c := range []struct {
		label, text, target string
		limit               time.Duration
		n                   int
	}{
		{"/rekap " + month, "/rekap " + month, "under 1 s", time.Second, 5},
		{"/cari Rahayu", "/cari Rahayu", "under 100 ms", 100 * time.Millisecond, 10},
		{"/tinjau", "/tinjau", "under 50 ms", 50 * time.Millisecond, 10},
	} {
		for _, who := range []struct {
			name string
			u    *telegramtest.User
		}{{"admin, province", admin}, {"coordinator, Kota Pasuruan", coord}} {
			d, err := b.repeat(who.u, c.text, c.n)
			if err != nil {
				return err
			}
			// The first run meets cold caches (and the chart's fonts);
			// the verdict is on the worst of all.
			worst := d.quantile(1)
			t.add(fmt.Sprintf("%s (%s): first %s, median %s, worst of %d", c.label, who.name, ms(d[0]),
				ms(d.quantile(0.5)), c.n), ms(worst), c.target, worst < c.limit)
		}
	}

	ids, err := sampleVolunteers(ctx, store, o.samples)
	if err != nil {
		return err
	}
	var jadwal durations
	for i, id := range ids {
		u := b.tg.NewUser(id, fmt.Sprintf("Relawan %d", i))
		took, err := b.ask(u, "/jadwal")
		if err != nil {
			return err
		}
		jadwal = append(jadwal, took)
	}
	t.add(fmt.Sprintf("/jadwal, %d volunteers: p50 %s, p99", len(jadwal), ms(jadwal.quantile(0.5))),
		ms(jadwal.quantile(0.99)), "p99 under 50 ms", jadwal.quantile(0.99) < 50*time.Millisecond)

	t.rss("bot RSS, peak before the exports (VmHWM: start, /rekap, /cari, /tinjau, /jadwal)", b.vmHWM(), true)
	if err := measureExport(b, t, out, month, admin, coord); err != nil {
		return err
	}
	t.rss("bot RSS, peak with the exports (VmHWM of the bot's own process, all of the above)", b.vmHWM(), true)
	return nil
}

// measureExport times /ekspor laporan of the peak month and samples the
// heap while it runs.
func measureExport(b *liveBot, t *table, out io.Writer, month string, admin, coord *telegramtest.User) error {
	for _, who := range []struct {
		name string
		u    *telegramtest.User
	}{{"admin, province", admin}, {"coordinator, Kota Pasuruan", coord}} {
		var took time.Duration
		peak, err := b.heapPeak(func() error {
			var err error
			took, err = b.ask(who.u, "/ekspor laporan "+month)
			return err
		})
		if err != nil {
			return err
		}
		last := who.u.Last()
		rows := ""
		if last != nil && last.Document != nil {
			rows = fmt.Sprintf(", %d KB file", len(last.Document.Data)/1024)
		}
		caption := ""
		if last != nil {
			caption = strings.ReplaceAll(last.Plain, "\n", " ")
		}
		fmt.Fprintf(out, "export (%s): %s%s: %.80s\n", who.name, ms(took), rows, caption)
		t.add(fmt.Sprintf("/ekspor laporan %s (%s)", month, who.name), ms(took), "under 15 s", took < 15*time.Second)
		t.add(fmt.Sprintf("  extra heap, peak (%s)", who.name), fmt.Sprintf("%.1f MB", float64(peak)/(1<<20)),
			"under 80 MB", peak < 80<<20)
	}
	return nil
}
