package apptest

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Seed stores a volunteer registered at created with the given status
// (decided by the admin), without going through /daftar. nik and phone may
// be empty.
func Seed(t testing.TB, h *Harness, tgID int64, name, pilar, kel, nik, phone string, created time.Time, status domain.Status) *storage.Volunteer {
	t.Helper()
	var v *storage.Volunteer
	WithStoreClock(h, created, func() {
		ctx := context.Background()
		v = &storage.Volunteer{TelegramID: tgID, ChatID: tgID, FullName: name, Pilar: pilar,
			KelurahanCode: kel, NIK: nik, Phone: phone}
		if err := h.Store.CreateVolunteer(ctx, v); err != nil {
			t.Fatalf("seed %s: %v", name, err)
		}
		if status != domain.StatusPending {
			var err error
			if v, err = h.Store.DecideVolunteer(ctx, v.ID, AdminActor, status == domain.StatusVerified, "Data belum lengkap"); err != nil {
				t.Fatalf("decide %s: %v", name, err)
			}
		}
	})
	return v
}

// SeedVerified stores u as a verified volunteer now, with NIK(n) and
// TestPhone.
func SeedVerified(t testing.TB, h *Harness, u *telegramtest.User, name, pilar, kel string, n int) *storage.Volunteer {
	t.Helper()
	return Seed(t, h, u.ID, name, pilar, kel, NIK(n), "+6281234567890", time.Now(), domain.StatusVerified)
}

// WithStoreClock runs fn with the test's store clock at t, so that rows it
// writes carry that time.
func WithStoreClock(h *Harness, t time.Time, fn func()) {
	h.Store.Now = func() time.Time { return t }
	defer func() { h.Store.Now = time.Now }()
	fn()
}

// AddCoordinator appoints a coordinator directly in the store and returns
// their Telegram user.
func AddCoordinator(t testing.TB, h *Harness, id int64, name string) *telegramtest.User {
	t.Helper()
	u := h.TG.NewUser(id, name)
	Appoint(t, h, u)
	return u
}

// Appoint makes an existing user (a registered volunteer, say) a
// coordinator directly in the store.
func Appoint(t testing.TB, h *Harness, u *telegramtest.User) {
	t.Helper()
	if err := h.Store.AddCoordinator(context.Background(), storage.Coordinator{TelegramID: u.ID, Name: u.FirstName}, AdminID); err != nil {
		t.Fatal(err)
	}
}

// ButtonStarting returns the label of m's first button starting with
// prefix.
func ButtonStarting(t testing.TB, m *telegramtest.Message, prefix string) string {
	t.Helper()
	for _, row := range m.Buttons() {
		for _, b := range row {
			if strings.HasPrefix(b, prefix) {
				return b
			}
		}
	}
	t.Fatalf("message %q has no button starting with %q (buttons %v)", m.Plain, prefix, m.Buttons())
	return ""
}
