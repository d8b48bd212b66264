package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// demoEvent is an event of the demo city; answer picks, by index into
// people, who answered Hadir, and checkedIn who checked in (past events).
type demoEvent struct {
	title, kind, place, desc string
	start                    time.Time
	hours                    int
	pin                      *domain.Point
	pilars                   []string
	quota                    int
	hadir, tidak, checkedIn  []int
}

// events are the HKSN ceremony on the next 20 December, a bimtek next
// week and a Tagana flood drill held twelve days ago.
func events(now time.Time) []demoEvent {
	n := now.In(domain.WIB)
	hksn := time.Date(n.Year(), time.December, 20, 8, 0, 0, 0, domain.WIB)
	if !hksn.After(now) {
		hksn = hksn.AddDate(1, 0, 0)
	}
	day := func(d, hh int) time.Time { return time.Date(n.Year(), n.Month(), n.Day()+d, hh, 0, 0, 0, domain.WIB) }
	trajeng, _ := domain.KelurahanPoint("35.75.04.1003")
	return []demoEvent{
		{title: fmt.Sprintf("Upacara Peringatan HKSN %d", hksn.Year()), kind: "upacara", place: "GOR Untung Suropati",
			desc:  "Upacara Hari Kesetiakawanan Sosial Nasional bersama Wali Kota. Seragam pilar masing-masing, hadir pukul 07.30.",
			start: hksn, hours: 3, pin: &GOR, hadir: []int{0, 1, 2, 3, 4, 6, 8, 10, 11, 12, 18, 19, 26, 27, 28}, tidak: []int{5, 13}},
		{title: "Bimtek Pelaporan Kegiatan lewat PilarBot", kind: "bimtek", place: "Aula Dinas Sosial Kota Pasuruan",
			desc:  "Praktik /lapor: foto, titik lokasi dan uraian kegiatan. Membawa HP yang sudah terpasang Telegram.",
			start: day(6, 9), hours: 4, pilars: []string{"psm", "tksk", "pkh"}, quota: 30, hadir: []int{0, 2, 10, 19, 24, 27}},
		{title: "Simulasi Tanggap Banjir Kali Gembong", kind: "siaga_bencana", place: "Bantaran Kali Gembong, Trajeng",
			desc:  "Latihan evakuasi warga dan pendirian dapur umum bersama BPBD.",
			start: day(-12, 7), hours: 5, pin: &trajeng, pilars: []string{"tagana"},
			hadir: []int{1, 7, 12, 20, 28}, checkedIn: []int{1, 7, 12, 28}},
	}
}

// seedEvents stores the events with their answers; an event with its
// title already stored by admin is skipped.
func seedEvents(ctx context.Context, store *storage.Store, admin storage.Actor, vols []*storage.Volunteer, now time.Time) error {
	have := map[string]bool{}
	recent, err := store.RecentEvents(ctx, storage.Scope{}, now.AddDate(1, 1, 0), 50)
	if err != nil {
		return fmt.Errorf("demo: events: %w", err)
	}
	for _, e := range recent {
		have[e.Title] = true
	}
	for _, d := range events(now) {
		if have[d.title] {
			continue
		}
		if err := seedEvent(ctx, store, admin, vols, d); err != nil {
			return fmt.Errorf("demo: event %s: %w", d.title, err)
		}
	}
	return nil
}

func seedEvent(ctx context.Context, store *storage.Store, admin storage.Actor, vols []*storage.Volunteer, d demoEvent) error {
	created := d.start.AddDate(0, 0, -20)
	store.Now = func() time.Time { return created }
	end := d.start.Add(time.Duration(d.hours) * time.Hour)
	e := &storage.Event{Title: d.title, Kind: d.kind, StartsAt: d.start, EndsAt: &end, Place: d.place,
		Pilars: d.pilars, Description: d.desc}
	if d.pin != nil {
		e.Latitude, e.Longitude = &d.pin.Lat, &d.pin.Lon
	}
	if d.quota > 0 {
		e.Quota = &d.quota
	}
	if err := store.CreateEvent(ctx, e, admin); err != nil {
		return err
	}
	answer := func(list []int, attending bool) error {
		for k, i := range list {
			at := created.Add(time.Duration(10+k*7) * time.Hour)
			store.Now = func() time.Time { return at }
			if _, err := store.SetRSVP(ctx, e.ID, vols[i].ID, attending, at); err != nil {
				return err
			}
		}
		return nil
	}
	if err := answer(d.hadir, true); err != nil {
		return err
	}
	if err := answer(d.tidak, false); err != nil {
		return err
	}
	for k, i := range d.checkedIn {
		store.Now = func() time.Time { return d.start.Add(time.Duration(k*4-10) * time.Minute) }
		dist := float64(40 + 35*k)
		if err := store.CheckIn(ctx, e.ID, vols[i].ID, true, &dist); err != nil {
			return err
		}
	}
	return nil
}

// seedReports stores a month of reports: about one and a half a day,
// from the verified volunteers in turn, each with one to three photos and
// half with a map pin; the older ones mostly reviewed.
func seedReports(ctx context.Context, store *storage.Store, admin storage.Actor, vols []*storage.Volunteer, now time.Time) error {
	var reporters []int
	for i, v := range vols {
		if v != nil && v.Status == domain.StatusVerified {
			reporters = append(reporters, i)
		}
	}
	if len(reporters) == 0 {
		return errors.New("demo: no verified volunteers to report")
	}
	for n, age := range reportAges(now) {
		i := reporters[(n*7)%len(reporters)]
		if err := seedReport(ctx, store, admin, vols[i], n, now, age); err != nil {
			return fmt.Errorf("demo: report %d: %w", n, err)
		}
	}
	return nil
}

// reportAges returns how many days before now each demo report's
// activity took place, oldest first: 45 over the last 30 days, and
// early in a month 8 more in its first days, so that the rekap of this
// month shows something too.
func reportAges(now time.Time) []int {
	var ages []int
	for n := 0; n < monthReports; n++ {
		ages = append(ages, 29-n*29/monthReports)
	}
	if elapsed := now.In(domain.WIB).Day() - 1; elapsed < 7 {
		for n := 0; n < earlyReports; n++ {
			ages = append(ages, elapsed-n*elapsed/earlyReports)
		}
	}
	return ages
}

// The number of demo reports, and the one that recycles a photo: the
// month's newest, still waiting for review.
const (
	monthReports   = 45
	earlyReports   = 8
	maxReports     = monthReports + earlyReports
	recycledReport = monthReports - 1
)
