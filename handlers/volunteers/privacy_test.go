package volunteers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// eraseData runs /hapusdata with Ya for u.
func eraseData(t *testing.T, u *telegramtest.User) {
	t.Helper()
	u.SendCommand("/hapusdata")
	apptest.Press(t, u, apptest.Expect(t, u, "Hapus data pribadi"), "Ya, hapus data saya")
	apptest.Expect(t, u, "sudah dihapus")
}

// TestHapusDataPurgesInbox: updates the inbox still holds for the volunteer
// (a typed NIK a crash left there) go with the erasure; other people's
// stay to be handled.
func TestHapusDataPurgesInbox(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(4811, "Wati")
	nik := apptest.NIK(81)
	apptest.Seed(t, h, u.ID, "Wati Purnama", "psm", apptest.KelMayangan, nik, "+6281234560081", time.Now(), domain.StatusVerified)
	inbox := &bot.RedisInbox{RDB: h.RDB, Prefix: h.Cfg.RedisPrefix}
	const mine, theirs = 990101, 990102
	if err := inbox.Put(ctx, map[int]json.RawMessage{
		mine:   apptest.PrivateUpdate(mine, u.ID, "Wati", nik),
		theirs: apptest.PrivateUpdate(theirs, 4812, "Yuni", "halo"),
	}); err != nil {
		t.Fatal(err)
	}

	eraseData(t, u)
	h.NoSecretsInRedis(t, "after the erasure", nik, "Wati Purnama")
	raws, err := inbox.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	left := map[int]bool{}
	for _, raw := range raws {
		var upd struct {
			ID int `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &upd)
		left[upd.ID] = true
	}
	if left[mine] || !left[theirs] {
		t.Fatalf("inbox after the erasure holds %v; want only %d", left, theirs)
	}
}

// TestUbahProfilKeepsNumbersOutOfRedis: changing a profile shows the NIK
// and phone masked and keeps only the masked copies in the flow state;
// an unchanged number is saved as it is in Postgres, a changed one as
// typed.
func TestUbahProfilKeepsNumbersOutOfRedis(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(4821, "Wulan")
	nik, phone := apptest.NIK(82), "+6281234560082"
	secrets := []string{nik, phone, "081234560082", "81234560082"}
	apptest.Seed(t, h, u.ID, "Wulan Sari", "psm", apptest.KelMayangan, nik, phone, time.Now(), domain.StatusVerified)
	stored := func() *storage.Volunteer {
		t.Helper()
		v, err := h.Store.VolunteerByTelegramID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	u.SendCommand("/ubahprofil")
	menu := apptest.Expect(t, u, "Pilih data yang ingin diubah", "+62812*****082", "3575**********82")
	h.NoSecretsInRedis(t, "profile summary", secrets...)
	apptest.Press(t, u, menu, "Kelurahan")
	apptest.Expect(t, u, "kelurahan")
	h.NoSecretsInRedis(t, "changing the kelurahan", secrets...)
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "Trajeng", "+62812*****082"), "sudah diperbarui")
	if v := stored(); v.Phone != phone || v.NIK != nik || v.KelurahanCode != apptest.KelTrajeng || v.Status != domain.StatusVerified {
		t.Fatalf("after a new kelurahan: phone kept %t, NIK kept %t, kelurahan %s, status %s",
			v.Phone == phone, v.NIK == nik, v.KelurahanCode, v.Status)
	}

	ubahData(t, u, "Nomor HP", "nomor HP")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "0813 2222 0082", "+62813*****082"), "sudah diperbarui")
	if v := stored(); v.Phone != "+6281322220082" || v.NIK != nik || v.Status != domain.StatusVerified {
		t.Fatalf("after a new phone: phone changed %t, NIK kept %t, status %s", v.Phone == "+6281322220082", v.NIK == nik, v.Status)
	}

	// A rejected registration corrected through /daftar keeps its numbers.
	w := h.TG.NewUser(4822, "Yanti")
	wNIK := apptest.NIK(83)
	apptest.Seed(t, h, w.ID, "Yanti Salah", "psm", apptest.KelMayangan, wNIK, "+6281234560083", time.Now(), domain.StatusRejected)
	w.SendCommand("/daftar")
	apptest.Expect(t, w, "Pilih data yang ingin diubah")
	h.NoSecretsInRedis(t, "correcting a rejected registration", wNIK, "+6281234560083")
	pickFieldOnLast(t, w, "Nama lengkap", "nama lengkap")
	apptest.ExpectEdited(t, w, answerAndSave(t, w, "Yanti Benar", "Yanti Benar"), "menunggu verifikasi")
	v, err := h.Store.VolunteerByTelegramID(ctx, w.ID)
	if err != nil || v.NIK != wNIK || v.Phone != "+6281234560083" || v.FullName != "Yanti Benar" || v.Status != domain.StatusPending {
		t.Fatalf("corrected registration: %v, NIK kept %t, phone kept %t, %s", err, v.NIK == wNIK, v.Phone == "+6281234560083", v.Status)
	}
}

// pickFieldOnLast presses field on the last message of u's chat (the menu
// just expected) and waits for its question.
func pickFieldOnLast(t *testing.T, u *telegramtest.User, field, question string) {
	t.Helper()
	apptest.PickField(t, u, u.Last(), field, question)
}

// secretsInNotes fails the test if a free text of the audit log or the
// reports' history still holds the phone (in any form), the NIK or the
// first name.
func secretsInNotes(t *testing.T, h *apptest.Harness, nsn, nik, firstName string) {
	t.Helper()
	digits := regexp.MustCompile(`\D`)
	var texts []string
	if err := h.Store.DB().SelectContext(context.Background(), &texts, `SELECT note || ' ' || before || ' ' || after FROM audit_log
		UNION ALL SELECT note FROM report_status_history`); err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		flat := digits.ReplaceAllString(s, "")
		if strings.Contains(flat, nsn) || strings.Contains(flat, nik) || strings.Contains(strings.ToLower(s), strings.ToLower(firstName)) {
			t.Errorf("a note still holds personal data: %q", s)
		}
	}
}

// TestHapusDataRedactsNotesInEveryForm: the erasure finds the phone in
// every way people write it, the NIK with separators and the name in any
// case and spacing.
func TestHapusDataRedactsNotesInEveryForm(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(4831, "Sitin")
	nik := apptest.NIK(93)
	v := apptest.Seed(t, h, u.ID, "Sitinurbaya Hapuskan", "psm", apptest.KelMayangan, nik, "+6281234560093", time.Now(), domain.StatusPending)
	notes := []string{
		"HP 0812 3456 0093 tidak aktif", "wa 62812-3456-0093", "telp +62 812.3456.0093", "081234560093.",
		"(0812) 3456-0093", "NIK 3575 0401 0190 0093 salah", "NIK 3575-0401-0190-0093", "nama SITINURBAYA HAPUSKAN beda",
		"ditulis sitinurbaya  hapuskan",
	}
	for _, n := range notes {
		_, err := h.Store.DB().ExecContext(ctx, `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, before, after, note, created_at)
			VALUES ($1, 'volunteer.note', $2, $3, '', '', $4, now())`, apptest.AdminID, storage.SubjectVolunteer, strconv.FormatInt(v.ID, 10), n)
		if err != nil {
			t.Fatal(err)
		}
	}
	eraseData(t, u)
	secretsInNotes(t, h, "81234560093", nik, "Sitinurbaya")
}

// TestNotesTypedAfterErasureAreDropped: a rejection reason or a report
// note that a coordinator types after the volunteer erased their data, in
// a flow opened before, does not write the data back, nor does the
// coordinators' open flow keep the name in Redis; the coordinator is told,
// and nothing is sent to the erased volunteer.
func TestNotesTypedAfterErasureAreDropped(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4832, "Sitin")
	k := apptest.AddCoordinator(t, h, 4839, "Koordinator Rani")
	const name = "Sitinurbaya Terlambat"
	nik, phone := apptest.NIK(92), "+6281234560092"
	v := apptest.Seed(t, h, u.ID, name, "psm", apptest.KelMayangan, nik, phone, time.Now(), domain.StatusPending)
	rep := apptest.SeedReport(t, h, v, time.Now(), storage.Report{Activity: "penyuluhan", ActivityDate: time.Now(),
		KelurahanCode: apptest.KelMayangan, Description: "Penyuluhan bansos."}, domain.ReportSubmitted, 0)

	h.Admin.SendCommand("/verifikasi")
	apptest.Press(t, h.Admin, apptest.Expect(t, h.Admin, name), "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan")
	_, q := k.PressForged(1, fmt.Sprintf("rv:fix:%d", rep.ID))
	h.TG.WaitCallbackAnswered(q)
	apptest.Expect(t, k, "catatan perbaikan")

	eraseData(t, u)
	h.NoSecretsInRedis(t, "after the erasure", name, nik, phone)
	h.Admin.SendText("HP 0812-3456-0092 tidak aktif, NIK " + nik)
	apptest.Expect(t, h.Admin, "tidak ditemukan")
	k.SendText("Bu Sitinurbaya Terlambat, hubungi 0812 3456 0092")
	apptest.Expect(t, k, rep.Number, "tidak disimpan")
	secretsInNotes(t, h, "81234560092", nik, "Sitinurbaya")
	if n := h.TG.Stats().Methods["sendMessage"].Errors; n != 0 {
		t.Errorf("%d sendMessage calls refused (a notice to the erased volunteer?)", n)
	}
}

// lapor sends a PSM "Penyuluhan" report with one photo and returns its
// number.
func lapor(t *testing.T, u *telegramtest.User, uraian string) string {
	t.Helper()
	apptest.ToReportPhotos(t, u, uraian)
	u.SendPhoto("")
	apptest.Expect(t, u, "Foto diterima")
	u.SendText("Selesai")
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan")
	apptest.Press(t, u, sum, "✅ Kirim")
	receipt := apptest.ExpectEdited(t, u, sum, "sudah diterima dengan nomor")
	number := regexp.MustCompile(`LAP-\d{4}-\d{6}`).FindString(receipt.Plain)
	if number == "" {
		t.Fatalf("no report number in %q", receipt.Plain)
	}
	return number
}

// TestHapusDataScrubsCoordinatorCards: what showed the volunteer to
// coordinators (the new-registration notice, the verification card, the
// report card with its photo, /laporan and /cari) no longer does after the
// erasure: a text is edited to say the data was erased, a photo is deleted
// while Telegram allows it (48 hours) and loses its caption after that.
func TestHapusDataScrubsCoordinatorCards(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4841, "Ratna")
	k := apptest.AddCoordinator(t, h, 4849, "Koordinator Dani")
	const name = "Ratna Tersembunyi"
	apptest.RegisterAndSave(t, h, u, name, apptest.NIK(94))
	notices := []*telegramtest.Message{apptest.Expect(t, h.Admin, "Pendaftar baru", name), apptest.Expect(t, k, "Pendaftar baru", name)}
	h.Admin.SendCommand("/verifikasi")
	card := apptest.Expect(t, h.Admin, "Verifikasi pendaftar", name)
	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.Expect(t, h.Admin, "Tidak ada pendaftaran")
	apptest.Expect(t, u, "disetujui")

	number := lapor(t, u, "Penyuluhan bansos bersama Ratna Tersembunyi.")
	reportCards := []*telegramtest.Message{apptest.Expect(t, h.Admin, "Laporan baru", name), apptest.Expect(t, k, "Laporan baru", name)}
	// Two days later the report cards can no longer be deleted.
	h.TG.Advance(49 * time.Hour)
	h.Clock.Advance(49 * time.Hour)
	h.Admin.SendCommand("/laporan " + number)
	laporan := apptest.Expect(t, h.Admin, "Laporan "+number, name)
	photo := h.Admin.WaitNext()
	k.SendCommand("/cari Ratna")
	profile := apptest.Expect(t, k, "Profil relawan", name)

	eraseData(t, u)
	erasedText := func(m *telegramtest.Message) bool {
		return strings.Contains(m.Plain, "sudah dihapus") && !strings.Contains(m.Plain, "Ratna") && m.Buttons() == nil
	}
	for _, m := range []*telegramtest.Message{notices[0], card, laporan} {
		h.Admin.WaitMessage(m.ID, "erased", erasedText)
	}
	for _, m := range []*telegramtest.Message{notices[1], profile} {
		k.WaitMessage(m.ID, "erased", erasedText)
	}
	h.Admin.WaitMessage(reportCards[0].ID, "erased", erasedText)
	k.WaitMessage(reportCards[1].ID, "erased", erasedText)
	h.Admin.WaitMessage(photo.ID, "deleted", func(m *telegramtest.Message) bool { return m.Deleted })

	for _, chat := range []*telegramtest.User{h.Admin, k} {
		for _, m := range chat.Messages() {
			if !m.Deleted && strings.Contains(m.Plain, "Ratna") {
				t.Errorf("chat %d still shows the volunteer: %s", chat.ID, m)
			}
		}
	}
	for _, method := range []string{"editMessageText", "editMessageCaption", "deleteMessage"} {
		if n := h.TG.Stats().Methods[method].Errors; n != 0 {
			t.Errorf("%d %s calls refused", n, method)
		}
	}
}

// TestHapusDataScrubsASplitReportCard: a report card too long for a photo
// caption arrives as the photo with a short caption and the whole card in
// a reply; after the erasure neither is left showing the volunteer.
func TestHapusDataScrubsASplitReportCard(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4851, "Sekar")
	const name = "Sekar Tersembunyi"
	v := apptest.RegisterAndSave(t, h, u, name, apptest.NIK(95))
	apptest.Expect(t, h.Admin, "Pendaftar baru", name)
	if _, err := h.Store.DecideVolunteer(context.Background(), v.ID, storage.Actor{ID: apptest.AdminID, Admin: true}, true, ""); err != nil {
		t.Fatal(err)
	}
	lapor(t, u, "Penyuluhan bersama warga "+strings.Repeat("🌊", 600))
	photo := apptest.Expect(t, h.Admin, "Laporan baru")
	full := apptest.Expect(t, h.Admin, "Laporan baru", name)
	if photo.PhotoFileID == "" || full.ReplyToMessageID != photo.ID {
		t.Fatalf("want the photo, then the card replying to it; got %+v then %+v", photo, full)
	}

	eraseData(t, u)
	h.Admin.WaitMessage(photo.ID, "deleted", func(m *telegramtest.Message) bool { return m.Deleted })
	h.Admin.WaitMessage(full.ID, "erased", func(m *telegramtest.Message) bool {
		return m.Deleted || (strings.Contains(m.Plain, "sudah dihapus") && !strings.Contains(m.Plain, "Sekar"))
	})
}
