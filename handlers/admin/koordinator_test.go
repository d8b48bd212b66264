package admin_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

func TestKoordinatorAddAndRemove(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	rina := h.TG.NewUser(4401, "Rina")
	rina.LastName = "Wulandari"

	h.Admin.SendCommand("/koordinator")
	list := apptest.Expect(t, h.Admin, "Koordinator Dinas Sosial", "Belum ada koordinator", "9001")
	apptest.Press(t, h.Admin, list, "➕ Tambah koordinator")
	apptest.Expect(t, h.Admin, "Teruskan")
	h.Admin.SendForwardHidden("Pak Joko", "halo")
	apptest.Expect(t, h.Admin, "menyembunyikan identitasnya (Pak Joko)", "ID Telegram")
	h.Admin.SendText("bukan angka")
	apptest.Expect(t, h.Admin, "ID Telegram berupa angka")
	h.Admin.SendForwardFrom(rina, "Selamat pagi")
	apptest.Expect(t, h.Admin, "Rina Wulandari sekarang koordinator", "Menu koordinator sudah dipasang")
	apptest.Expect(t, rina, "ditunjuk sebagai koordinator")

	if ok, _ := h.Store.IsCoordinator(ctx, 4401); !ok {
		t.Fatal("Rina is not a coordinator")
	}
	menu := h.TG.Commands("chat:4401")
	names := make([]string, len(menu))
	for i, c := range menu {
		names[i] = c.Command
	}
	got := strings.Join(names, " ")
	if !strings.Contains(got, "rekap") || !strings.Contains(got, "verifikasi") || strings.Contains(got, "koordinator") {
		t.Errorf("Rina's menu = %s", got)
	}
	if admin := fmt.Sprint(h.TG.Commands("chat:9001")); !strings.Contains(admin, "{koordinator ") {
		t.Errorf("admin menu = %v", admin)
	}
	rina.SendCommand("/rekap bulan ini")
	apptest.Expect(t, rina, "Rekap")

	// Typed id of someone who never opened the bot. Telegram's "chat not
	// found" to setMyCommands is the only way to learn that they have no
	// chat yet, so this refusal is expected.
	h.AllowRefusal("setMyCommands", "chat not found")
	h.Admin.SendCommand("/koordinator tambah 4402")
	apptest.Expect(t, h.Admin, "ID 4402 sekarang koordinator", "setelah yang bersangkutan membuka bot")

	// The configured admin cannot be removed, typed or forged.
	h.Admin.SendCommand("/koordinator hapus 9001")
	apptest.Expect(t, h.Admin, "tidak dapat dihapus")
	h.Admin.SendCommand("/koordinator")
	list = apptest.Expect(t, h.Admin, "Koordinator Dinas Sosial")
	// The list has no such button: it stays as it is, the refusal comes
	// as a message of its own.
	_, q := h.Admin.PressForged(list.ID, "ko:rmy:9001")
	h.TG.WaitCallbackAnswered(q)
	apptest.Expect(t, h.Admin, "tidak dapat dihapus")
	if m := h.Admin.Message(list.ID); m.Edits != 0 {
		t.Errorf("a forged press rewrote the list: %s", m)
	}

	h.Admin.SendCommand("/koordinator")
	list = apptest.Expect(t, h.Admin, "1. Rina Wulandari (ID 4401)", "2. ID 4402")
	apptest.Press(t, h.Admin, list, "🗑 Hapus Rina Wulandari")
	ask := apptest.Expect(t, h.Admin, "Hapus Rina Wulandari dari daftar koordinator?")
	apptest.Press(t, h.Admin, ask, "Ya, hapus")
	apptest.ExpectEdited(t, h.Admin, ask, "Rina Wulandari sudah dihapus")
	apptest.Expect(t, rina, "tidak lagi menjadi koordinator")
	if menu := h.TG.Commands("chat:4401"); menu != nil {
		t.Errorf("Rina keeps a menu: %v", menu)
	}
	rina.SendCommand("/rekap")
	apptest.Expect(t, rina, "hanya untuk koordinator")

	log, err := h.Store.AuditLog(ctx, storage.SubjectCoordinator, "4401")
	if err != nil || len(log) != 2 {
		t.Fatalf("audit = %+v, %v", log, err)
	}
	if e := log[0]; e.Action != storage.ActionCoordinatorAdd || e.ActorID != apptest.AdminID || e.After != "Rina Wulandari" || e.Before != "" {
		t.Errorf("add entry = %+v", e)
	}
	if e := log[1]; e.Action != storage.ActionCoordinatorRemove || e.ActorID != apptest.AdminID || e.Before != "Rina Wulandari" {
		t.Errorf("remove entry = %+v", e)
	}
	if log, _ := h.Store.AuditLog(ctx, storage.SubjectCoordinator, strconv.Itoa(apptest.AdminID)); len(log) != 0 {
		t.Errorf("the admin has audit entries: %+v", log)
	}
}

// Any client can send any callback data: what no "ko" button carries is
// answered as an expired button and changes nothing.
func TestCoordinatorButtonsRefuseForgedData(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	apptest.AddCoordinator(t, h, 4501, "Budi")
	for _, data := range []string{"ko", "ko:add:1", "ko:rm", "ko:rm:abc", "ko:rmy:-4501", "ko:rmy:04501", "ko:rmy:4501:1", "ko:rmn:1", "ko:zz"} {
		_, q := h.Admin.PressForged(1, data)
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "sudah tidak berlaku") {
			t.Errorf("%s answered %q", data, a.Text)
		}
	}
	if ok, _ := h.Store.IsCoordinator(context.Background(), 4501); !ok {
		t.Error("a forged press removed the coordinator")
	}
}
