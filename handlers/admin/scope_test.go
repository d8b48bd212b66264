package admin_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// kecBugulKidul is the code of Kecamatan Bugul Kidul.
const kecBugulKidul = "35.75.03"

// TestKoordinatorScopeByButtons gives a coordinator the scope Kec. Bugul
// Kidul through the buttons of /koordinator: the flow starts from the
// current scope, the list shows the new one, the change is audited and
// the coordinator is told.
func TestKoordinatorScopeByButtons(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	hadi := apptest.AddCoordinator(t, h, 4601, "Hadi")
	a := h.Admin

	a.SendCommand("/koordinator")
	list := apptest.Expect(t, a, "1. Hadi (ID 4601)", "📍 seluruh kota · semua pilar")
	apptest.Press(t, a, list, "📍 Wilayah Hadi")
	ask := apptest.Expect(t, a, "Wilayah kerja Hadi", "Terpilih: seluruh kota")
	kb := fmt.Sprint(ask.Keyboard())
	for _, b := range []string{"🏙 Seluruh kota", "✅ Selesai", "Kec. Bugul Kidul", "Kec. Panggungrejo", "Kepel", "Mayangan"} {
		if !strings.Contains(kb, b) {
			t.Errorf("the places keyboard %s lacks %q", kb, b)
		}
	}
	a.SendText("Kec. Bugul Kidul")
	apptest.Walk(t, a,
		apptest.Step{"Terpilih: Kec. Bugul Kidul", "Kepel"},
		apptest.Step{"Terpilih: Kec. Bugul Kidul, Kel. Kepel", "Kepel"}, // pressed again: taken back
		apptest.Step{"Terpilih: Kec. Bugul Kidul", "Surabaya"})
	apptest.Expect(t, a, "⚠️", "Terpilih: Kec. Bugul Kidul")
	a.SendText("✅ Selesai")
	apptest.Expect(t, a, "pilar tertentu", "Terpilih: semua pilar")
	a.SendText("✅ Selesai")
	sum := apptest.ExpectSummary(t, a, "Periksa wilayah kerja koordinator", "Wilayah: Kec. Bugul Kidul", "Pilar: semua pilar")
	apptest.Press(t, a, sum, "✅ Simpan")
	apptest.ExpectEdited(t, a, sum, "Wilayah kerja Hadi sekarang: Kec. Bugul Kidul · semua pilar", "sudah diberi tahu")
	apptest.Expect(t, hadi, "Wilayah kerja Bapak/Ibu sebagai koordinator sekarang: Kec. Bugul Kidul · semua pilar")

	c, err := h.Store.CoordinatorByID(ctx, hadi.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := c.Scope(); err != nil || !slices.Equal(g.Kecamatans, []string{kecBugulKidul}) || len(g.Kelurahans)+len(g.Pilars) != 0 {
		t.Fatalf("stored scope = %+v, %v", g, err)
	}
	log, err := h.Store.AuditLog(ctx, storage.SubjectCoordinator, "4601")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(log, func(e storage.AuditEntry) bool { return e.Action == storage.ActionCoordinatorScope })
	if i < 0 || log[i].ActorID != apptest.AdminID || log[i].Before != "{}" || log[i].After != `{"kecamatan":["35.75.03"]}` {
		t.Fatalf("audit log = %+v, want a coordinator.scope row by the admin", log)
	}
	a.SendCommand("/koordinator")
	apptest.Expect(t, a, "1. Hadi (ID 4601)", "📍 Kec. Bugul Kidul · semua pilar")

	// Simpan again from the current scope changes nothing and tells nobody.
	a.SendCommand("/koordinator wilayah 4601")
	apptest.Walk(t, a,
		apptest.Step{"Terpilih: Kec. Bugul Kidul", "Selesai"},
		apptest.Step{"Terpilih: semua pilar", "Selesai"})
	sum = apptest.ExpectSummary(t, a, "Periksa wilayah kerja")
	apptest.Press(t, a, sum, "✅ Simpan")
	apptest.ExpectEdited(t, a, sum, "tidak berubah")
	hadi.ExpectNoMessage(200 * time.Millisecond)
	if log, _ := h.Store.AuditLog(ctx, storage.SubjectCoordinator, "4601"); len(log) != 2 {
		t.Errorf("audit log after an unchanged scope = %+v", log)
	}
}

// TestKoordinatorScopeRefusals: only admins change a scope, whatever a
// client forges; the admins stay city-wide; typed scopes are read or
// refused with the name that is not understood.
func TestKoordinatorScopeRefusals(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	hadi := apptest.AddCoordinator(t, h, 4701, "Hadi")
	vol := apptest.SeedUser(t, h, 4702, "psm", "35.75.03.1002", true)

	for _, u := range []interface {
		PressForged(int, string) (int, string)
	}{hadi, vol} {
		_, q := u.PressForged(1, "ko:sc:4701")
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "hanya untuk admin") {
			t.Errorf("a non-admin's forged scope button answered %q", a.Text)
		}
	}
	hadi.SendText("Kec. Bugul Kidul") // no flow was started for them
	apptest.Expect(t, hadi, "Ketik /bantuan")
	hadi.SendCommand("/koordinator wilayah 4701 Kec. Bugul Kidul")
	apptest.Expect(t, hadi, "hanya untuk admin")

	for data, want := range map[string]string{
		"ko:sc:9001": "tidak dapat dibatasi", "ko:sc:4999": "tidak ada dalam daftar koordinator",
		"ko:sc": "sudah tidak berlaku", "ko:sc:4701:1": "sudah tidak berlaku", "ko:sc:-4701": "sudah tidak berlaku",
	} {
		_, q := h.Admin.PressForged(1, data)
		a := h.TG.WaitCallbackAnswered(q)
		if strings.Contains(want, "berlaku") {
			if !strings.Contains(a.Text, want) {
				t.Errorf("%s answered %q", data, a.Text)
			}
			continue
		}
		apptest.Expect(t, h.Admin, want)
	}

	h.Admin.SendCommand("/koordinator wilayah 4701 Surabaya, PSM")
	apptest.Expect(t, h.Admin, "surabaya tidak dikenal")
	h.Admin.SendCommand("/koordinator wilayah 4701 Kec. Panggungrejo, Mayangan, Tagana, Kepel")
	apptest.Expect(t, h.Admin, "Wilayah kerja Hadi sekarang: Kec. Panggungrejo, Kel. Kepel · Tagana")
	apptest.Expect(t, hadi, "Kec. Panggungrejo, Kel. Kepel · Tagana")
	h.Admin.SendCommand("/koordinator wilayah 4701 seluruh kota")
	apptest.Expect(t, h.Admin, "Wilayah kerja Hadi sekarang: seluruh kota · semua pilar")
	apptest.Expect(t, hadi, "seluruh kota · semua pilar")
	if log, _ := h.Store.AuditLog(ctx, storage.SubjectCoordinator, "4701"); len(log) != 3 {
		t.Errorf("audit log = %+v, want the appointment and two scope changes", log)
	}
}
