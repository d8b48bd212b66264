package volunteers_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// ubahData opens field of u's profile through the "✏️ Ubah data" offer
// of /daftar and waits for its question.
func ubahData(t *testing.T, u *telegramtest.User, field, question string) {
	t.Helper()
	u.SendCommand("/daftar")
	offer := apptest.Expect(t, u, "sudah terdaftar")
	apptest.Press(t, u, offer, "✏️ Ubah data")
	// The offer becomes the data with its menu.
	apptest.PickField(t, u, apptest.ExpectEdited(t, u, offer, "Pilih data yang ingin diubah"), field, question)
}

// ubahProfil opens field of u's profile through /ubahprofil and waits for
// its question.
func ubahProfil(t *testing.T, u *telegramtest.User, field, question string) {
	t.Helper()
	u.SendCommand("/ubahprofil")
	pickField(t, u, field, question)
}

// pickField chooses field on the menu of a profile's data, which comes
// next in u's chat, and waits for its question.
func pickField(t *testing.T, u *telegramtest.User, field, question string) {
	t.Helper()
	apptest.PickField(t, u, apptest.Expect(t, u, "Pilih data yang ingin diubah"), field, question)
}

// ubahSummary opens field from the registration summary sum by "✏️ Ubah"
// and waits for its question.
func ubahSummary(t *testing.T, u *telegramtest.User, sum *telegramtest.Message, field, question string) {
	t.Helper()
	apptest.Press(t, u, sum, "✏️ Ubah")
	apptest.PickField(t, u, u.Message(sum.ID), field, question)
}

// answerAndSave answers the open question, waits for the summary showing
// shown and presses Simpan; the test then expects the outcome, which the
// summary is edited into, on the message it returns.
func answerAndSave(t *testing.T, u *telegramtest.User, answer, shown string) *telegramtest.Message {
	t.Helper()
	u.SendText(answer)
	sum := apptest.ExpectSummary(t, u, shown)
	apptest.Press(t, u, sum, "✅ Simpan")
	return sum
}

func TestUbahProfil(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4501, "Dewi")
	apptest.Seed(t, h, 4501, "Dewi Lestari", "psm", "35.75.04.1006", apptest.NIK(51), "+6281234560051", time.Now(), domain.StatusVerified)

	ubahProfil(t, u, "Nomor HP", "nomor HP")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "0813-1111-2222", "+62813*****222"), "sudah diperbarui")
	v, _ := h.Store.VolunteerByTelegramID(context.Background(), 4501)
	if v.Phone != "+6281311112222" || v.Status != domain.StatusVerified {
		t.Fatalf("after phone change: %s %s", kit.MaskPhone(v.Phone), v.Status)
	}

	// A new pilar needs verification again.
	ubahProfil(t, u, "Jenis pilar", "jenis pilar")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "Tagana", "Tagana"), "menunggu verifikasi")
	v, _ = h.Store.VolunteerByTelegramID(context.Background(), 4501)
	if v.Pilar != "tagana" || v.Status != domain.StatusPending {
		t.Fatalf("after pilar change: %s %s", v.Pilar, v.Status)
	}

	stranger := h.TG.NewUser(4502, "Asing")
	stranger.SendCommand("/ubahprofil")
	apptest.Expect(t, stranger, "belum terdaftar")
}

func TestHapusData(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	// A Telegram id no serial number or message id of the test reaches, so
	// that finding it in a numeric column means it was kept.
	const tgID = 760004601
	u := h.TG.NewUser(tgID, "Siti")
	u.Username = "siti_psm_4601"
	const name = "Sitinurbaya Hapuskan"
	theNIK := apptest.NIK(61)
	v := apptest.RegisterAndSave(t, h, u, name, theNIK)
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	// A rejection reason that quotes the name, then a correction.
	if _, err := h.Store.DecideVolunteer(ctx, v.ID, apptest.AdminActor, false, "KTP "+name+" tidak terbaca"); err != nil {
		t.Fatal(err)
	}
	phone := v.Phone // +6281234567861
	local := "0" + strings.TrimPrefix(phone, "+62")
	act := seedErasable(t, h, v, name)

	u.SendCommand("/hapusdata")
	ask := apptest.Expect(t, u, "Hapus data pribadi", "dihapus permanen", "tetap disimpan")
	apptest.Press(t, u, ask, "Tidak")
	apptest.ExpectEdited(t, u, ask, "tidak dihapus")
	if _, err := h.Store.VolunteerByTelegramID(ctx, u.ID); err != nil {
		t.Fatal("Tidak erased the data")
	}

	u.SendCommand("/hapusdata")
	ask = apptest.Expect(t, u, "Hapus data pribadi")
	// A flow in progress holds personal data in Redis.
	u.SendCommand("/ubahprofil")
	apptest.Expect(t, u, "Pilih data yang ingin diubah", name)
	apptest.Press(t, u, ask, "Ya, hapus data saya")
	apptest.Expect(t, u, "sudah dihapus", "Yang tetap disimpan")

	// No text column of any table holds the name, phone or NIK.
	db := h.Store.DB()
	var cols []struct {
		Table  string `db:"table_name"`
		Column string `db:"column_name"`
	}
	err := db.SelectContext(ctx, &cols, `
		SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')`)
	if err != nil || len(cols) < 5 {
		t.Fatalf("columns = %v, %v", cols, err)
	}
	for _, c := range cols {
		for _, secret := range []string{name, "Sitinurbaya", theNIK, phone, local, u.Username, strconv.Itoa(tgID)} {
			var n int
			q := fmt.Sprintf(`SELECT count(*) FROM %q WHERE strpos(lower(%q), lower($1)) > 0`, c.Table, c.Column)
			if err := db.GetContext(ctx, &n, q, secret); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%s.%s still holds personal data (%d rows)", c.Table, c.Column, n)
			}
		}
	}
	// No numeric column holds the raw Telegram id (a chat id).
	noNumber(t, h, tgID)
	act.checkErased(t, h)
	// Nor does any Redis key of the bot.
	if _, ok := h.RedisContents(t)[h.Cfg.RedisPrefix+"conv:"+strconv.Itoa(tgID)]; ok {
		t.Errorf("the flow state survived")
	}
	h.NoSecretsInRedis(t, "after the erasure", name, theNIK, phone)
	// The statistics keep the row.
	var pilar, kel, status string
	if err := db.QueryRowxContext(ctx, `SELECT pilar, kelurahan_code, status FROM volunteers WHERE id = $1`, v.ID).Scan(&pilar, &kel, &status); err != nil ||
		pilar != "psm" || kel != "35.75.04.1006" || status != "erased" {
		t.Fatalf("anonymous row: %s %s %s, %v", pilar, kel, status, err)
	}
	log, _ := h.Store.AuditLog(ctx, storage.SubjectVolunteer, strconv.FormatInt(v.ID, 10))
	if len(log) != 2 || log[1].Action != storage.ActionVolunteerErase || log[0].Note != "KTP [dihapus] tidak terbaca" {
		t.Errorf("audit = %+v", log)
	}

	u.SendCommand("/profil")
	apptest.Expect(t, u, "belum terdaftar")
	// Registering again with the same NIK is a new registration.
	v2 := apptest.RegisterAndSave(t, h, u, "Siti Baru", theNIK)
	if v2.ID == v.ID || v2.Status != domain.StatusPending {
		t.Fatalf("re-registration = id %d status %s", v2.ID, v2.Status)
	}
}
