package apptest

import (
	"context"
	"pilarbot/storage"
	"pilarbot/storage/domain"
	"strconv"
	"testing"
	"time"
)

// The pin of GOR Untung Suropati used by the tests, and points about 100 m
// and 2 km north of it.
const (
	GorLat, GorLon = -7.6446, 112.9054
	NearLat        = GorLat + 0.0009
	FarLat         = GorLat + 0.018
)

// Kelurahan codes used by the tests.
const (
	KelMayangan   = "35.75.04.1006"
	KelTrajeng    = "35.75.04.1003"
	KelKebonsari  = "35.75.04.1005"
	KelGadingrejo = "35.75.01.1009"
	KecPanggung   = "35.75.04"
)

// At returns a WIB wall-clock time.
func At(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, domain.WIB)
}

// SeedReport stores r for v as submitted at created and, when status is
// not "submitted", reviews it as reviewer.
func SeedReport(t testing.TB, h *Harness, v *storage.Volunteer, created time.Time, r storage.Report, status domain.ReportStatus, reviewer int64) *storage.Report {
	t.Helper()
	ctx := context.Background()
	r.VolunteerID, r.Pilar = v.ID, v.Pilar
	r.IdempotencyKey = strconv.FormatInt(v.TelegramID, 10) + ":" + created.Format(time.RFC3339Nano)
	if r.Description == "" {
		r.Description = "Kegiatan berjalan lancar."
	}
	WithStoreClock(h, created, func() {
		if _, err := h.Store.CreateReport(ctx, &r, v.TelegramID, domain.WIB); err != nil {
			t.Fatalf("seed report: %v", err)
		}
	})
	if status != domain.ReportSubmitted {
		WithStoreClock(h, created.Add(time.Hour), func() {
			if _, err := h.Store.ReviewReport(ctx, r.ID, storage.Actor{ID: reviewer, Admin: true}, status, "Mohon dilengkapi."); err != nil {
				t.Fatalf("review: %v", err)
			}
		})
	}
	return &r
}

// SeedEvent stores an event starting at start, with a pin.
func SeedEvent(t testing.TB, h *Harness, title string, start time.Time) *storage.Event {
	t.Helper()
	var e *storage.Event
	WithStoreClock(h, start.AddDate(0, 0, -7), func() { e = StoreEvent(t, h, title, start, nil, nil, nil, true) })
	return e
}

// Answer records v's RSVP a day before the event and, when checkedIn is
// set, a check-in at that time.
func Answer(t testing.TB, h *Harness, e *storage.Event, v *storage.Volunteer, attending bool, checkedIn time.Time, verified bool, distance float64) {
	t.Helper()
	ctx := context.Background()
	before := e.StartsAt.AddDate(0, 0, -1)
	WithStoreClock(h, before, func() {
		if _, err := h.Store.SetRSVP(ctx, e.ID, v.ID, attending, before); err != nil {
			t.Fatalf("rsvp: %v", err)
		}
	})
	if checkedIn.IsZero() {
		return
	}
	WithStoreClock(h, checkedIn, func() {
		if err := h.Store.CheckIn(ctx, e.ID, v.ID, verified, &distance); err != nil {
			t.Fatalf("check in: %v", err)
		}
	})
}

// Ptr returns a pointer to v, for the optional numbers of a report.
func Ptr[T any](v T) *T { return &v }

// StoreEvent saves an event of the admin starting at start directly.
func StoreEvent(t testing.TB, h *Harness, title string, start time.Time, pilars, regions []string, quota *int, pin bool) *storage.Event {
	t.Helper()
	e := &storage.Event{Title: title, Kind: "bimtek", StartsAt: start, Place: "Aula Dinas Sosial", Pilars: pilars, Regions: regions,
		Description: "Membawa alat tulis.", Quota: quota, CreatedBy: AdminID}
	if pin {
		lat, lon := GorLat, GorLon
		e.Latitude, e.Longitude = &lat, &lon
	}
	if err := h.Store.CreateEvent(context.Background(), e, AdminActor); err != nil {
		t.Fatalf("create event: %v", err)
	}
	return e
}

// EightOClock returns 08.00 WIB days after the bot's today.
func EightOClock(h *Harness, days int) time.Time {
	n := h.Clock.Now().In(domain.WIB)
	return time.Date(n.Year(), n.Month(), n.Day()+days, 8, 0, 0, 0, domain.WIB)
}
