package apptest

import (
	"context"
	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
	"strconv"
	"testing"
)

// KelKarangketu is a kelurahan of Kecamatan Gadingrejo.
const KelKarangketu = "35.75.01.1001"

// SeedUser stores a verified volunteer (unless pending) with a chat
// in the fake and returns the user.
func SeedUser(t testing.TB, h *Harness, id int64, pilar, kel string, verified bool) *telegramtest.User {
	t.Helper()
	ctx := context.Background()
	u := h.TG.NewUser(id, "Relawan "+strconv.FormatInt(id, 10))
	v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: u.FirstName, Pilar: pilar, KelurahanCode: kel}
	if err := h.Store.CreateVolunteer(ctx, v); err != nil {
		t.Fatalf("seed volunteer %d: %v", id, err)
	}
	if verified {
		if _, err := h.Store.DecideVolunteer(ctx, v.ID, AdminActor, true, ""); err != nil {
			t.Fatalf("verify volunteer %d: %v", id, err)
		}
	}
	return u
}

// Announce walks the admin through /umumkan up to Kirim / Batal: audience,
// the picks of a multi-select, then send() sends the message. It returns
// the preview and the question with the buttons.
func Announce(t testing.TB, h *Harness, audience string, picks []string, send func(u *telegramtest.User)) (preview, confirm *telegramtest.Message) {
	t.Helper()
	a := h.Admin
	a.SendCommand("/umumkan")
	Expect(t, a, "Kepada siapa")
	a.SendText(audience)
	if len(picks) > 0 {
		Expect(t, a, "Selesai")
		for _, p := range picks {
			a.SendText(p)
			Expect(t, a, "Sudah dipilih")
		}
		a.SendText("Selesai")
	}
	Expect(t, a, "Tulis isi pengumuman")
	send(a)
	return ExpectPreview(t, a)
}

// ExpectPreview waits for what ends /umumkan: the preview as recipients
// will get it, and the question with Kirim / Ubah pesan / Batal, which must
// contain want.
func ExpectPreview(t testing.TB, a *telegramtest.User, want ...string) (preview, confirm *telegramtest.Message) {
	t.Helper()
	Expect(t, a, "Pratinjau")
	preview = a.WaitNext()
	confirm = Expect(t, a, append([]string{"Kirim pengumuman?"}, want...)...)
	return preview, confirm
}

// WaitReport waits for the final report of a broadcast.
func WaitReport(t testing.TB, h *Harness) *telegramtest.Message {
	t.Helper()
	return Expect(t, h.Admin, "Laporan pengumuman")
}
