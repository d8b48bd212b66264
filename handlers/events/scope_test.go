package events_test

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

// Places of the scoped tests: Kec. Bugul Kidul and two of its kelurahan.
const (
	kecBugul = "35.75.03"
	kelKepel = "35.75.03.1002"
	kelBugul = "35.75.03.1009"
)

// setScope gives coordinator id the scope, as /koordinator does.
func setScope(t *testing.T, h *apptest.Harness, id int64, scope storage.Scope) {
	t.Helper()
	if err := h.Store.SetCoordinatorScope(context.Background(), id, scope, apptest.AdminID); err != nil {
		t.Fatal(err)
	}
}

// walkToRegions walks u through /acara baru up to the wilayah question.
func walkToRegions(t *testing.T, h *apptest.Harness, u *telegramtest.User, title string) *telegramtest.Message {
	t.Helper()
	u.SendCommand("/acara baru")
	apptest.Walk(t, u,
		apptest.Step{"judul acara", title},
		apptest.Step{"jenis acara", "Rapat"},
		apptest.Step{"dimulai", apptest.EightOClock(h, 2).Format("02-01-2006") + " 08.00"},
		apptest.Step{"selesai", "Lewati"},
		apptest.Step{"tempat acara", "Kantor Kelurahan Kepel"},
		apptest.Step{"titik lokasi", "Lewati"},
		apptest.Step{"Pilar mana", "Semua pilar"})
	return apptest.Expect(t, u, "wilayah mana", "Wilayah kerja Bapak/Ibu: Kec. Bugul Kidul")
}

// TestScopedCoordinatorCreatesEvent: the coordinator of Kec. Bugul Kidul
// is offered Bugul Kidul's places only, typed places outside are refused,
// "Semua wilayah" is the scope, and the event reaches Bugul Kidul only.
func TestScopedCoordinatorCreatesEvent(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	hadi := apptest.AddCoordinator(t, h, 6101, "Hadi")
	setScope(t, h, hadi.ID, storage.Scope{Kecamatans: []string{kecBugul}})
	kepel := h.TG.NewUser(6111, "Kiki")
	mayangan := h.TG.NewUser(6112, "Maya")
	apptest.SeedVerified(t, h, kepel, "Kiki Amalia", "psm", kelKepel, 611)
	apptest.SeedVerified(t, h, mayangan, "Maya Sari", "psm", apptest.KelMayangan, 612)

	ask := walkToRegions(t, h, hadi, "Rapat PSM Bugul Kidul")
	kb := fmt.Sprint(ask.Keyboard())
	if !strings.Contains(kb, "Kec. Bugul Kidul") || !strings.Contains(kb, "Kepel") ||
		strings.Contains(kb, "Panggungrejo") || strings.Contains(kb, "Mayangan") {
		t.Errorf("the wilayah keyboard of a Bugul Kidul coordinator: %s", kb)
	}
	hadi.SendText("Kec. Panggungrejo")
	apptest.Expect(t, hadi, "⚠️", "Kec. Panggungrejo di luar wilayah kerja Bapak/Ibu (Kec. Bugul Kidul)")
	hadi.SendText("Mayangan")
	apptest.Expect(t, hadi, "⚠️", "Mayangan di luar wilayah kerja")
	hadi.SendText("Semua wilayah")
	apptest.Walk(t, hadi,
		apptest.Step{"keterangan", "Membahas data PMKS."},
		apptest.Step{"kuota", "Lewati"})
	sum := apptest.ExpectSummary(t, hadi, "Periksa data acara", "Pilar diundang: Semua pilar", "Wilayah diundang: Kec. Bugul Kidul")
	apptest.Press(t, hadi, sum, "✅ Simpan")
	offer := apptest.ExpectEdited(t, hadi, sum, "Acara sudah disimpan", "Umumkan acara ini")

	es, err := h.Store.UpcomingEventsBy(ctx, hadi.ID, h.Clock.Now(), 10)
	if err != nil || len(es) != 1 || fmt.Sprint(es[0].Regions) != "["+kecBugul+"]" || len(es[0].Pilars) != 0 {
		t.Fatalf("stored events = %+v, %v", es, err)
	}
	apptest.Press(t, hadi, offer, "📢 Umumkan sekarang")
	_, confirm := apptest.ExpectPreview(t, hadi, "Kec. Bugul Kidul · semua pilar", "Jumlah: 1 relawan")
	apptest.Press(t, hadi, confirm, "📢 Kirim")
	apptest.Expect(t, hadi, "Laporan pengumuman", "Terkirim: 1")
	apptest.Expect(t, kepel, "Rapat PSM Bugul Kidul")
	mayangan.ExpectNoMessage(100 * time.Millisecond)
}

// TestScopeNarrowedBeforeSimpan: the store refuses, when Simpan is
// pressed, an event whose targets left the scope while the flow waited;
// the summary comes back and nothing is stored.
func TestScopeNarrowedBeforeSimpan(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	hadi := apptest.AddCoordinator(t, h, 6201, "Hadi")
	setScope(t, h, hadi.ID, storage.Scope{Kecamatans: []string{kecBugul}})
	walkToRegions(t, h, hadi, "Rapat Kepel")
	hadi.SendText("Kepel")
	apptest.Walk(t, hadi,
		apptest.Step{"Terpilih: Kepel", "✅ Selesai"},
		apptest.Step{"keterangan", "Membahas data PMKS."},
		apptest.Step{"kuota", "Lewati"})
	sum := apptest.ExpectSummary(t, hadi, "Periksa data acara", "Wilayah diundang: Kepel")
	setScope(t, h, hadi.ID, storage.Scope{Kelurahans: []string{kelBugul}})
	apptest.Press(t, hadi, sum, "✅ Simpan")
	apptest.ExpectEdited(t, hadi, sum, "⚠️", "di luar wilayah kerja Bapak/Ibu (Kel. Bugul Kidul · semua pilar)", "Apakah data sudah benar?")
	if es, _ := h.Store.UpcomingEventsBy(ctx, hadi.ID, h.Clock.Now(), 10); len(es) != 0 {
		t.Fatalf("the refused event was stored: %+v", es)
	}
}

// TestOldEventOfAWiderScope: an event made before its coordinator was
// scoped is announced to the scope only, and saving a change to it needs
// targets inside the scope.
func TestOldEventOfAWiderScope(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	hadi := apptest.AddCoordinator(t, h, 6301, "Hadi")
	kepel := apptest.SeedUser(t, h, 6311, "psm", kelKepel, true)
	mayangan := apptest.SeedUser(t, h, 6312, "psm", apptest.KelMayangan, true)
	e := &storage.Event{Title: "Bimtek PSM", Kind: "bimtek", StartsAt: apptest.EightOClock(h, 3), Place: "Aula Dinsos"}
	if err := h.Store.CreateEvent(ctx, e, storage.Actor{ID: hadi.ID}); err != nil {
		t.Fatal(err)
	}
	setScope(t, h, hadi.ID, storage.Scope{Kecamatans: []string{kecBugul}})

	hadi.SendCommand("/acara")
	apptest.Expect(t, hadi, "Acara mendatang")
	card := apptest.Expect(t, hadi, "Bimtek PSM")
	apptest.Expect(t, hadi, "Ingin membuat acara baru")
	apptest.Press(t, hadi, card, "📢 Umumkan sekarang")
	_, confirm := apptest.ExpectPreview(t, hadi, "semua relawan, hanya di wilayah kerja Bapak/Ibu (Kec. Bugul Kidul · semua pilar)", "Jumlah: 1 relawan")
	apptest.Press(t, hadi, confirm, "📢 Kirim")
	apptest.Expect(t, hadi, "Laporan pengumuman", "Terkirim: 1")
	apptest.Expect(t, kepel, "Bimtek PSM")
	mayangan.ExpectNoMessage(100 * time.Millisecond)

	apptest.Press(t, hadi, card, "✏️ Ubah")
	menu := apptest.ExpectSummary(t, hadi, "Periksa data acara", "Seluruh Kota Pasuruan")
	apptest.Press(t, hadi, menu, "« Kembali") // the same message, now with Simpan
	apptest.Press(t, hadi, hadi.Message(menu.ID), "✅ Simpan")
	sum := apptest.ExpectEdited(t, hadi, hadi.Message(menu.ID), "⚠️", "di luar wilayah kerja Bapak/Ibu (Kec. Bugul Kidul · semua pilar)")
	apptest.Press(t, hadi, sum, "✏️ Ubah") // the fields, on the same message
	apptest.PickField(t, hadi, hadi.Message(sum.ID), "Wilayah diundang", "wilayah mana", "Wilayah kerja Bapak/Ibu: Kec. Bugul Kidul")
	hadi.SendText("Semua wilayah")
	sum = apptest.ExpectSummary(t, hadi, "Periksa data acara", "Wilayah diundang: Kec. Bugul Kidul")
	apptest.Press(t, hadi, sum, "✅ Simpan")
	apptest.ExpectEdited(t, hadi, sum, "Perubahan acara sudah disimpan")
	if got, err := h.Store.EventByID(ctx, e.ID); err != nil || fmt.Sprint(got.Regions) != "["+kecBugul+"]" {
		t.Errorf("changed event = %+v, %v", got, err)
	}
}
