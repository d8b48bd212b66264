package volunteers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

func TestVerificationApproveAndReject(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	a := h.TG.NewUser(3001, "Ahmad")
	b := h.TG.NewUser(3002, "Bunga")
	va := apptest.RegisterAndSave(t, h, a, "Ahmad Fauzi", apptest.NIK(31))
	vb := apptest.RegisterAndSave(t, h, b, "Bunga <Citra>", apptest.NIK(32))
	// One notice per coordinator in a 10-minute window, however many
	// register in it.
	apptest.Expect(t, h.Admin, "Pendaftar baru", "Ahmad Fauzi", "1 pendaftar menunggu")

	h.Admin.SendCommand("/verifikasi")
	card := apptest.Expect(t, h.Admin, "Verifikasi pendaftar", "2 menunggu", "Ahmad Fauzi", "3575**********", "laki-laki")
	if strings.Contains(card.Plain, apptest.NIK(31)) {
		t.Fatalf("the card shows the NIK in full")
	}
	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.Expect(t, a, "disetujui", "PSM")
	next := apptest.Expect(t, h.Admin, "1 menunggu", "Bunga <Citra>")
	closed := h.Admin.Message(card.ID)
	if len(closed.Buttons()) != 0 || !strings.Contains(closed.Plain, "Disetujui oleh Admin Dinsos") {
		t.Errorf("approved card = %q with buttons %v", closed.Plain, closed.Buttons())
	}
	got, _ := h.Store.VolunteerByID(ctx, va.ID)
	if got.Status != "verified" || got.DecidedBy == nil || *got.DecidedBy != apptest.AdminID {
		t.Fatalf("approved volunteer: status %s decided_by %v", got.Status, got.DecidedBy)
	}

	// Pressing Setujui again on the old card (a forged or late press)
	// changes nothing.
	_, q2 := h.Admin.PressForged(card.ID, card.CallbackData("✅ Setujui"))
	if a := h.TG.WaitCallbackAnswered(q2); !strings.Contains(a.Text, "sudah diputuskan") {
		t.Errorf("late press answered %q", a.Text)
	}
	h.Admin.SendCommand("/bantuan")
	apptest.Expect(t, h.Admin, "/verifikasi") // nothing else was sent before

	apptest.Press(t, h.Admin, next, "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan", "Bunga <Citra>")
	h.Admin.SendText("oke") // too short
	apptest.Expect(t, h.Admin, "⚠️ Alasan terlalu pendek", "alasan penolakan")
	h.Admin.SendText("Alamat KTP <bukan> di Kota Pasuruan & belum ada rekomendasi lurah")
	apptest.Expect(t, h.Admin, "Penolakan tersimpan")
	apptest.Expect(t, b, "belum dapat disetujui", "Alamat KTP <bukan> di Kota Pasuruan & belum ada rekomendasi lurah", "/daftar")

	got, _ = h.Store.VolunteerByID(ctx, vb.ID)
	if got.Status != "rejected" || !strings.HasPrefix(got.StatusNote, "Alamat KTP <bukan>") {
		t.Fatalf("rejected volunteer: status %s note %q", got.Status, got.StatusNote)
	}
	for _, v := range []*storage.Volunteer{va, vb} {
		log, err := h.Store.AuditLog(ctx, storage.SubjectVolunteer, fmt.Sprint(v.ID))
		if err != nil || len(log) != 1 || log[0].ActorID != apptest.AdminID {
			t.Fatalf("audit log of volunteer %d = %+v, %v", v.ID, log, err)
		}
	}

	h.Admin.SendCommand("/verifikasi")
	apptest.Expect(t, h.Admin, "Tidak ada pendaftaran")

	// The rejected volunteer corrects the data and is pending again.
	b.SendCommand("/profil")
	apptest.Expect(t, b, "Ditolak", "Alamat KTP")
	b.SendCommand("/daftar")
	pickField(t, b, "Kelurahan", "kelurahan")
	apptest.ExpectEdited(t, b, answerAndSave(t, b, "Trajeng", "Trajeng"), "menunggu verifikasi")
	got, _ = h.Store.VolunteerByID(ctx, vb.ID)
	if got.Status != "pending" || got.KelurahanCode != "35.75.04.1003" {
		t.Fatalf("corrected volunteer: status %s kelurahan %s", got.Status, got.KelurahanCode)
	}
}

func TestVolunteerCannotVerify(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	a := h.TG.NewUser(3101, "Agus")
	m := h.TG.NewUser(3102, "Mira")
	va := apptest.RegisterAndSave(t, h, a, "Agus Salim", apptest.NIK(41))
	apptest.RegisterAndSave(t, h, m, "Mira Lestari", apptest.NIK(42))

	m.SendCommand("/verifikasi")
	apptest.Expect(t, m, "hanya untuk koordinator")

	// A forged callback with a real volunteer id is refused.
	last := m.Messages()[len(m.Messages())-1]
	_, qid := m.PressForged(last.ID, fmt.Sprintf("vf:ok:%d", va.ID))
	if a := h.TG.WaitCallbackAnswered(qid); !strings.Contains(a.Text, "hanya untuk koordinator") {
		t.Fatalf("forged press answered %q", a.Text)
	}
	m.SendCommand("/profil")
	apptest.Expect(t, m, "Mira Lestari")
	got, _ := h.Store.VolunteerByID(ctx, va.ID)
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
	h := apptest.New(t)
	u := h.TG.NewUser(3201, "Yudi")
	v := apptest.RegisterAndSave(t, h, u, "Yudi Hartono", apptest.NIK(51))
	u.Block()
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	h.Admin.SendCommand("/verifikasi")
	card := apptest.Expect(t, h.Admin, "Yudi Hartono")
	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.Expect(t, h.Admin, "Tidak ada pendaftaran")
	got, _ := h.Store.VolunteerByID(context.Background(), v.ID)
	if got.Status != "verified" || !got.Unreachable {
		t.Fatalf("status %s unreachable %v; want verified and unreachable", got.Status, got.Unreachable)
	}
}

func TestStaleCardCannotApproveChangedData(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(3301, "Ani")
	v := apptest.RegisterAndSave(t, h, u, "Ani Asli", apptest.NIK(71))
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	h.Admin.SendCommand("/verifikasi")
	card := apptest.Expect(t, h.Admin, "Ani Asli")

	// The volunteer changes the name while the card is open.
	ubahData(t, u, "Nama lengkap", "nama lengkap")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "Nama Diganti", "Nama Diganti"), "sudah diperbarui")

	if a := apptest.Press(t, h.Admin, card, "✅ Setujui"); !strings.Contains(a.Text, "sudah diubah") {
		t.Fatalf("approving a stale card answered %q", a.Text)
	}
	fresh := apptest.Expect(t, h.Admin, "Nama Diganti")
	if got, _ := h.Store.VolunteerByID(context.Background(), v.ID); got.Status != "pending" {
		t.Fatalf("a stale card approved the changed data: %s", got.Status)
	}
	apptest.Press(t, h.Admin, fresh, "✅ Setujui")
	apptest.Expect(t, u, "disetujui")
}

func TestBlockAndUnblockAreFollowed(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(3401, "Dodi")
	v := apptest.RegisterAndSave(t, h, u, "Dodi Santoso", apptest.NIK(81))
	member := func(status string) int {
		return h.TG.Enqueue(tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{
			Chat:          tgbotapi.Chat{ID: u.ID, Type: "private"},
			From:          tgbotapi.User{ID: u.ID, FirstName: "Dodi"},
			Date:          int(time.Now().Unix()),
			OldChatMember: tgbotapi.ChatMember{User: &tgbotapi.User{ID: telegramtest.BotID, IsBot: true}, Status: "member"},
			NewChatMember: tgbotapi.ChatMember{User: &tgbotapi.User{ID: telegramtest.BotID, IsBot: true}, Status: status},
		}})
	}
	h.WaitHandled(member("kicked"))
	if got, _ := h.Store.VolunteerByID(context.Background(), v.ID); !got.Unreachable {
		t.Fatalf("blocking the bot did not mark the volunteer unreachable")
	}
	h.WaitHandled(member("member"))
	if got, _ := h.Store.VolunteerByID(context.Background(), v.ID); got.Unreachable {
		t.Fatalf("unblocking the bot did not make the volunteer reachable again")
	}
}
