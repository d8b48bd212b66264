package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
	"pilarbot/storage"
)

func TestVerificationApproveAndReject(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	a := h.tg.NewUser(3001, "Ahmad")
	b := h.tg.NewUser(3002, "Bunga")
	va := registerAndSave(t, h, a, "Ahmad Fauzi", nik(31))
	vb := registerAndSave(t, h, b, "Bunga <Citra>", nik(32))
	// One notice per coordinator in a 10-minute window, however many
	// register in it.
	expect(t, h.admin, "Pendaftar baru", "Ahmad Fauzi", "1 pendaftar menunggu")

	h.admin.SendCommand("/verifikasi")
	card := expect(t, h.admin, "Verifikasi pendaftar", "2 menunggu", "Ahmad Fauzi", "3575**********", "laki-laki")
	if strings.Contains(card.Plain, nik(31)) {
		t.Fatalf("the card shows the NIK in full")
	}
	press(t, h.admin, card, "✅ Setujui")
	expect(t, a, "disetujui", "PSM")
	next := expect(t, h.admin, "1 menunggu", "Bunga <Citra>")
	closed := h.admin.Message(card.ID)
	if len(closed.Buttons()) != 0 || !strings.Contains(closed.Plain, "Disetujui oleh Admin Dinsos") {
		t.Errorf("approved card = %q with buttons %v", closed.Plain, closed.Buttons())
	}
	got, _ := h.store.VolunteerByID(ctx, va.ID)
	if got.Status != "verified" || got.DecidedBy == nil || *got.DecidedBy != adminID {
		t.Fatalf("approved volunteer: status %s decided_by %v", got.Status, got.DecidedBy)
	}

	// Pressing Setujui again on the old card (a forged or late press)
	// changes nothing.
	_, q2 := h.admin.PressForged(card.ID, card.CallbackData("✅ Setujui"))
	if a := h.tg.WaitCallbackAnswered(q2); !strings.Contains(a.Text, "sudah diputuskan") {
		t.Errorf("late press answered %q", a.Text)
	}
	h.admin.SendCommand("/bantuan")
	expect(t, h.admin, "/verifikasi") // nothing else was sent before

	press(t, h.admin, next, "❌ Tolak")
	expect(t, h.admin, "alasan penolakan", "Bunga <Citra>")
	h.admin.SendText("oke") // too short
	expect(t, h.admin, "⚠️ Alasan terlalu pendek", "alasan penolakan")
	h.admin.SendText("Alamat KTP <bukan> di Kota Pasuruan & belum ada rekomendasi lurah")
	expect(t, h.admin, "Penolakan tersimpan")
	expect(t, b, "belum dapat disetujui", "Alamat KTP <bukan> di Kota Pasuruan & belum ada rekomendasi lurah", "/daftar")

	got, _ = h.store.VolunteerByID(ctx, vb.ID)
	if got.Status != "rejected" || !strings.HasPrefix(got.StatusNote, "Alamat KTP <bukan>") {
		t.Fatalf("rejected volunteer: status %s note %q", got.Status, got.StatusNote)
	}
	for _, v := range []*storage.Volunteer{va, vb} {
		log, err := h.store.AuditLog(ctx, storage.SubjectVolunteer, fmt.Sprint(v.ID))
		if err != nil || len(log) != 1 || log[0].ActorID != adminID {
			t.Fatalf("audit log of volunteer %d = %+v, %v", v.ID, log, err)
		}
	}

	h.admin.SendCommand("/verifikasi")
	expect(t, h.admin, "Tidak ada pendaftaran")

	// The rejected volunteer corrects the data and is pending again.
	b.SendCommand("/profil")
	expect(t, b, "Ditolak", "Alamat KTP")
	b.SendCommand("/daftar")
	menu := expect(t, b, "Pilih data yang ingin diubah")
	press(t, b, menu, "Kelurahan")
	expect(t, b, "kelurahan")
	b.SendText("Trajeng")
	sum := expect(t, b, "Trajeng")
	press(t, b, sum, "✅ Simpan")
	expect(t, b, "menunggu verifikasi")
	got, _ = h.store.VolunteerByID(ctx, vb.ID)
	if got.Status != "pending" || got.KelurahanCode != "35.75.04.1003" {
		t.Fatalf("corrected volunteer: status %s kelurahan %s", got.Status, got.KelurahanCode)
	}
}

func TestVolunteerCannotVerify(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	a := h.tg.NewUser(3101, "Agus")
	m := h.tg.NewUser(3102, "Mira")
	va := registerAndSave(t, h, a, "Agus Salim", nik(41))
	registerAndSave(t, h, m, "Mira Lestari", nik(42))

	m.SendCommand("/verifikasi")
	expect(t, m, "hanya untuk koordinator")

	// A forged callback with a real volunteer id is refused.
	last := m.Messages()[len(m.Messages())-1]
	_, qid := m.PressForged(last.ID, fmt.Sprintf("vf:ok:%d", va.ID))
	if a := h.tg.WaitCallbackAnswered(qid); !strings.Contains(a.Text, "hanya untuk koordinator") {
		t.Fatalf("forged press answered %q", a.Text)
	}
	m.SendCommand("/profil")
	expect(t, m, "Mira Lestari")
	got, _ := h.store.VolunteerByID(ctx, va.ID)
	if got.Status != "pending" {
		t.Fatalf("a volunteer's forged press changed the status to %s", got.Status)
	}
	for _, msg := range a.Messages() {
		if strings.Contains(msg.Plain, "disetujui") {
			t.Fatalf("the volunteer was told about an approval that did not happen")
		}
	}
}

func TestBlockedVolunteerIsMarkedUnreachable(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(3201, "Yudi")
	v := registerAndSave(t, h, u, "Yudi Hartono", nik(51))
	u.Block()
	expect(t, h.admin, "Pendaftar baru")
	h.admin.SendCommand("/verifikasi")
	card := expect(t, h.admin, "Yudi Hartono")
	press(t, h.admin, card, "✅ Setujui")
	expect(t, h.admin, "Tidak ada pendaftaran")
	got, _ := h.store.VolunteerByID(context.Background(), v.ID)
	if got.Status != "verified" || !got.Unreachable {
		t.Fatalf("status %s unreachable %v; want verified and unreachable", got.Status, got.Unreachable)
	}
}

func TestStaleCardCannotApproveChangedData(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(3301, "Ani")
	v := registerAndSave(t, h, u, "Ani Asli", nik(71))
	expect(t, h.admin, "Pendaftar baru")
	h.admin.SendCommand("/verifikasi")
	card := expect(t, h.admin, "Ani Asli")

	// The volunteer changes the name while the card is open.
	u.SendCommand("/daftar")
	press(t, u, expect(t, u, "sudah terdaftar"), "✏️ Ubah data")
	press(t, u, expect(t, u, "Pilih data"), "Nama lengkap")
	expect(t, u, "nama lengkap")
	u.SendText("Nama Diganti")
	press(t, u, expect(t, u, "Nama Diganti"), "✅ Simpan")
	expect(t, u, "sudah diperbarui")

	if a := press(t, h.admin, card, "✅ Setujui"); !strings.Contains(a.Text, "sudah diubah") {
		t.Fatalf("approving a stale card answered %q", a.Text)
	}
	fresh := expect(t, h.admin, "Nama Diganti")
	if got, _ := h.store.VolunteerByID(context.Background(), v.ID); got.Status != "pending" {
		t.Fatalf("a stale card approved the changed data: %s", got.Status)
	}
	press(t, h.admin, fresh, "✅ Setujui")
	expect(t, u, "disetujui")
}

func TestBlockAndUnblockAreFollowed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(3401, "Dodi")
	v := registerAndSave(t, h, u, "Dodi Santoso", nik(81))
	member := func(status string) int {
		return h.tg.Enqueue(tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{
			Chat:          tgbotapi.Chat{ID: u.ID, Type: "private"},
			From:          tgbotapi.User{ID: u.ID, FirstName: "Dodi"},
			Date:          int(time.Now().Unix()),
			OldChatMember: tgbotapi.ChatMember{User: &tgbotapi.User{ID: telegramtest.BotID, IsBot: true}, Status: "member"},
			NewChatMember: tgbotapi.ChatMember{User: &tgbotapi.User{ID: telegramtest.BotID, IsBot: true}, Status: status},
		}})
	}
	h.waitHandled(member("kicked"))
	if got, _ := h.store.VolunteerByID(context.Background(), v.ID); !got.Unreachable {
		t.Fatalf("blocking the bot did not mark the volunteer unreachable")
	}
	h.waitHandled(member("member"))
	if got, _ := h.store.VolunteerByID(context.Background(), v.ID); got.Unreachable {
		t.Fatalf("unblocking the bot did not make the volunteer reachable again")
	}
}
