package broadcast_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// Places of the scoped tests: Kec. Bugul Kidul with two of its kelurahan,
// and Mayangan and Trajeng of Kec. Panggungrejo.
const (
	kecBugul = "35.75.03"
	kelKepel = "35.75.03.1002"
	kelBugul = "35.75.03.1009"
)

// scopedCoordinator appoints id and gives them scope, as /koordinator does.
func scopedCoordinator(t *testing.T, h *apptest.Harness, id int64, name string, scope storage.Scope) *telegramtest.User {
	t.Helper()
	u := apptest.AddCoordinator(t, h, id, name)
	if err := h.Store.SetCoordinatorScope(context.Background(), id, scope, apptest.AdminID); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestScopedBroadcast: the coordinator of Kec. Bugul Kidul is offered only
// Bugul Kidul's places, is refused a typed one outside, sees a preview
// count of Bugul Kidul's volunteers only, and the sent broadcast reaches
// only them.
func TestScopedBroadcast(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	hadi := scopedCoordinator(t, h, 5801, "Hadi", storage.Scope{Kecamatans: []string{kecBugul}})
	kepel := apptest.SeedUser(t, h, 5811, "psm", kelKepel, true)
	bugul := apptest.SeedUser(t, h, 5812, "tagana", kelBugul, true)
	mayangan := apptest.SeedUser(t, h, 5813, "psm", apptest.KelMayangan, true)
	trajeng := apptest.SeedUser(t, h, 5814, "tagana", apptest.KelTrajeng, true)

	hadi.SendCommand("/umumkan")
	apptest.Expect(t, hadi, "Kepada siapa", "wilayah kerja Bapak/Ibu: Kec. Bugul Kidul · semua pilar")
	hadi.SendText("Per kelurahan")
	ask := apptest.Expect(t, hadi, "Pilih atau ketik kelurahan")
	if kb := fmt.Sprint(ask.Keyboard()); !strings.Contains(kb, "Kepel") || strings.Contains(kb, "Mayangan") || strings.Contains(kb, "Trajeng") {
		t.Errorf("the kelurahan of a Bugul Kidul coordinator: %s", kb)
	}
	hadi.SendText("Mayangan")
	apptest.Expect(t, hadi, "⚠️", "Kel. Mayangan di luar wilayah kerja Bapak/Ibu (Kec. Bugul Kidul)")
	hadi.SendText("Kepel")
	apptest.Expect(t, hadi, "Sudah dipilih: Kel. Kepel")
	hadi.SendText("Selesai")
	apptest.Expect(t, hadi, "Tulis isi pengumuman")
	hadi.SendText("Rapat PSM Kepel")
	_, confirm := apptest.ExpectPreview(t, hadi, "Kel. Kepel · semua pilar, hanya di wilayah kerja Bapak/Ibu (Kec. Bugul Kidul · semua pilar)", "Jumlah: 1 relawan")
	apptest.Press(t, hadi, confirm, "❌ Batal")

	hadi.SendCommand("/umumkan")
	apptest.Expect(t, hadi, "Kepada siapa")
	hadi.SendText("Per kecamatan")
	ask = apptest.Expect(t, hadi, "Pilih kecamatan")
	if kb := fmt.Sprint(ask.Keyboard()); !strings.Contains(kb, "Bugul Kidul") || strings.Contains(kb, "Panggungrejo") {
		t.Errorf("the kecamatan of a Bugul Kidul coordinator: %s", kb)
	}
	hadi.SendText("Panggungrejo")
	apptest.Expect(t, hadi, "⚠️", "di luar wilayah kerja")
	hadi.SendCommand("/batal")
	apptest.Expect(t, hadi, "dibatalkan")

	hadi.SendCommand("/umumkan")
	apptest.Expect(t, hadi, "Kepada siapa")
	hadi.SendText("Semua relawan")
	apptest.Expect(t, hadi, "Tulis isi pengumuman")
	hadi.SendText("Kerja bakti Sabtu pagi")
	_, confirm = apptest.ExpectPreview(t, hadi, "semua relawan, hanya di wilayah kerja Bapak/Ibu (Kec. Bugul Kidul · semua pilar)", "Jumlah: 2 relawan")
	apptest.Press(t, hadi, confirm, "📢 Kirim")
	apptest.Expect(t, hadi, "Laporan pengumuman", "Terkirim: 2")
	for _, u := range []*telegramtest.User{kepel, bugul} {
		if msgs := u.Messages(); len(msgs) != 1 || msgs[0].Plain != "Kerja bakti Sabtu pagi" {
			t.Errorf("chat %d inside the scope got %v", u.ID, msgs)
		}
	}
	for _, u := range []*telegramtest.User{mayangan, trajeng} {
		u.ExpectNoMessage(100 * time.Millisecond)
	}
	hadi.SendCommand("/umumkan riwayat")
	apptest.Expect(t, hadi, "semua relawan, dibatasi wilayah kerja Kec. Bugul Kidul · semua pilar", "Terkirim 2/2")
}

// TestScopeOfKelurahanOffersNoKecamatan: a coordinator of one kelurahan
// is not offered "Per kecamatan", and typing it is refused.
func TestScopeOfKelurahanOffersNoKecamatan(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	sri := scopedCoordinator(t, h, 5901, "Sri", storage.Scope{Kelurahans: []string{kelKepel}, Pilars: []string{"psm"}})
	sri.SendCommand("/umumkan")
	ask := apptest.Expect(t, sri, "Kepada siapa", "Kel. Kepel · PSM")
	if kb := fmt.Sprint(ask.Keyboard()); strings.Contains(kb, "Per kecamatan") || !strings.Contains(kb, "Per kelurahan") {
		t.Errorf("the audience kinds of a kelurahan's coordinator: %s", kb)
	}
	sri.SendText("Per kecamatan")
	apptest.Expect(t, sri, "⚠️", "tidak mencakup satu kecamatan penuh")
	sri.SendText("Per jenis pilar")
	ask = apptest.Expect(t, sri, "Pilih jenis pilar")
	if kb := fmt.Sprint(ask.Keyboard()); !strings.Contains(kb, "PSM") || strings.Contains(kb, "Tagana") {
		t.Errorf("the pilar of a PSM coordinator: %s", kb)
	}
	sri.SendText("Tagana")
	apptest.Expect(t, sri, "⚠️", "Tagana di luar wilayah kerja Bapak/Ibu (PSM)")
	apptest.SeedUser(t, h, 5911, "tagana", kelKepel, true) // inside the place, not the pilar
	apptest.SeedUser(t, h, 5912, "psm", apptest.KelMayangan, true)
	sri.SendText("PSM")
	apptest.Walk(t, sri,
		apptest.Step{"Sudah dipilih: PSM", "Selesai"},
		apptest.Step{"Tulis isi pengumuman", "Rapat PSM"})
	apptest.Expect(t, sri, "Tidak ada relawan terverifikasi di wilayah kerja Bapak/Ibu (Kel. Kepel · PSM) untuk penerima itu (seluruh kota · PSM)")
}
