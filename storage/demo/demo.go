// Package demo fills a playground database with a believable small city:
// a few dozen volunteers across the four kecamatan of Kota Pasuruan with
// every pilar type among them, the HKSN ceremony at GOR Untung Suropati,
// a bimtek, and a month of activity reports with photos, some reviewed.
// The names are invented; kelurahan are the real ones. It writes through
// the store's own API, so the data obeys every rule the bot's does.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// GOR is the map pin of GOR Untung Suropati, where the HKSN ceremony is
// held (approximate, as the tests use it).
var GOR = domain.Point{Lat: -7.6446, Lon: 112.9054}

// Seed writes the demo city as admin, with times around now, unless it
// is there already; it reports whether it wrote anything. A seed cut
// short is completed by the next call: each step skips what exists.
// It moves store.Now while it writes and puts it back.
func Seed(ctx context.Context, store *storage.Store, admin storage.Actor, now time.Time) (bool, error) {
	last := len(people) - 1
	if _, err := store.VolunteerByTelegramID(ctx, telegramID(last)); err == nil {
		return false, nil
	} else if !errors.Is(err, storage.ErrNotFound) {
		return false, fmt.Errorf("demo: %w", err)
	}
	restore := store.Now
	defer func() { store.Now = restore }()

	vols := make([]*storage.Volunteer, len(people))
	for i := range people[:last] {
		v, err := seedVolunteer(ctx, store, admin, i, now)
		if err != nil {
			return false, err
		}
		vols[i] = v
	}
	if err := seedCoordinator(ctx, store, admin, now); err != nil {
		return false, err
	}
	if err := seedEvents(ctx, store, admin, vols, now); err != nil {
		return false, err
	}
	if err := seedReports(ctx, store, admin, vols, now); err != nil {
		return false, err
	}
	if _, err := seedVolunteer(ctx, store, admin, last, now); err != nil { // the marker
		return false, err
	}
	return true, nil
}

// seedVolunteer registers people[i] some weeks before now and decides
// the registration as admin a day later (pending ones stay pending).
func seedVolunteer(ctx context.Context, store *storage.Store, admin storage.Actor, i int, now time.Time) (*storage.Volunteer, error) {
	p := people[i]
	id := telegramID(i)
	if v, err := store.VolunteerByTelegramID(ctx, id); err == nil {
		return v, nil
	}
	mustKelurahan(p.kelurahanCode())
	registered := now.AddDate(0, 0, -75+i).Add(-time.Duration(i%5) * time.Hour)
	if p.status == domain.StatusPending {
		registered = now.Add(-time.Duration(3+i%4) * time.Hour)
	}
	store.Now = func() time.Time { return registered }
	v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: p.name, Pilar: p.pilar,
		KelurahanCode: p.kelurahanCode(), Phone: phone(i), NIK: nik(i, p)}
	if err := store.CreateVolunteer(ctx, v); err != nil {
		return nil, fmt.Errorf("demo: volunteer %s: %w", p.name, err)
	}
	if p.status == domain.StatusPending {
		return v, nil
	}
	store.Now = func() time.Time { return registered.Add(26 * time.Hour) }
	note := ""
	if p.status == domain.StatusRejected {
		note = "Bukan anggota Tagana Kota Pasuruan; silakan hubungi Dinsos."
	}
	v, err := store.DecideVolunteer(ctx, v.ID, admin, p.status == domain.StatusVerified, note)
	if err != nil {
		return nil, fmt.Errorf("demo: decide %s: %w", p.name, err)
	}
	return v, nil
}

// coordinatorIndex is the TKSK of Panggungrejo, who is also a
// coordinator: the one Dinsos asks to help with verification and review
// in his kecamatan, so his scope is Kecamatan Panggungrejo while the
// admin sees the whole city.
const coordinatorIndex = 3

func seedCoordinator(ctx context.Context, store *storage.Store, admin storage.Actor, now time.Time) error {
	id := telegramID(coordinatorIndex)
	if _, err := store.CoordinatorByID(ctx, id); err == nil {
		return nil
	}
	store.Now = func() time.Time { return now.AddDate(0, 0, -40) }
	err := store.AddCoordinator(ctx, storage.Coordinator{TelegramID: id, Name: people[coordinatorIndex].name}, admin.ID)
	if err != nil {
		return fmt.Errorf("demo: coordinator: %w", err)
	}
	if err := store.SetCoordinatorScope(ctx, id, storage.Scope{Kecamatans: []string{"35.75.04"}}, admin.ID); err != nil {
		return fmt.Errorf("demo: coordinator's scope: %w", err)
	}
	return nil
}
