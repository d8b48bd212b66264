package volunteers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

func TestRegistrationFullFlow(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1001, "Sri")

	u.SendCommand("/start")
	apptest.Expect(t, u, "Selamat datang", "/daftar")

	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")
	u.SendText(`<Budi> & "Sri"`)
	m := apptest.Expect(t, u, "jenis pilar")
	if kb := m.Keyboard(); len(kb) == 0 || !strings.Contains(fmt.Sprint(kb), "PSM") || !strings.Contains(fmt.Sprint(kb), "Tagana") {
		t.Fatalf("pilar keyboard = %v", kb)
	}
	u.SendText("psm")
	m = apptest.Expect(t, u, "kecamatan")
	if got := fmt.Sprint(m.Keyboard()); !strings.Contains(got, "Bugul Kidul") || !strings.Contains(got, "Panggungrejo") {
		t.Fatalf("kecamatan keyboard = %s", got)
	}
	u.SendText("Panggungrejo")
	m = apptest.Expect(t, u, "kelurahan", "Panggungrejo")
	if got := fmt.Sprint(m.Keyboard()); !strings.Contains(got, "Mayangan") || !strings.Contains(got, "Tamba'an") || strings.Contains(got, "Gentong") {
		t.Fatalf("kelurahan keyboard of Panggungrejo = %s", got)
	}
	u.SendText("MAYANGAN")
	m = apptest.Expect(t, u, "nomor HP")
	if b, ok := m.KeyboardButton("📱 Bagikan nomor"); !ok || !b.RequestContact {
		t.Fatalf("no contact button on the phone question: %v", m.Keyboard())
	}
	u.SendContact("6281234567890", true)
	m = apptest.Expect(t, u, "NIK")
	if !m.RemovesKeyboard() {
		t.Errorf("the NIK question should remove the contact keyboard")
	}
	u.SendText(apptest.TestNIK)
	sum := apptest.ExpectSummary(t, u, "Periksa data pendaftaran",
		`<Budi> & "Sri"`, "PSM (Pekerja Sosial Masyarakat)", "Panggungrejo", "Mayangan",
		"+62812*****890", "3575**********01")
	if got := fmt.Sprint(sum.Buttons()); got != "[[✅ Simpan ✏️ Ubah ❌ Batal]]" {
		t.Fatalf("summary buttons = %s", got)
	}
	apptest.Press(t, u, sum, "✅ Simpan")
	apptest.ExpectEdited(t, u, sum, "Terima kasih", `<Budi> & "Sri"`, "menunggu verifikasi")

	v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := storage.Volunteer{FullName: `<Budi> & "Sri"`, Pilar: "psm", KelurahanCode: "35.75.04.1006", Phone: "+6281234567890", NIK: apptest.TestNIK, Status: "pending"}
	if v.FullName != want.FullName || v.Pilar != want.Pilar || v.KelurahanCode != want.KelurahanCode || v.Phone != want.Phone || v.NIK != want.NIK || v.Status != want.Status {
		t.Fatalf("stored %+v, want %+v", *v, want)
	}

	// The coordinators hear about it.
	apptest.Expect(t, h.Admin, "Pendaftar baru", `<Budi> & "Sri"`, "PSM", "Mayangan")

	// /profil shows the data, personal numbers masked.
	u.SendCommand("/profil")
	apptest.Expect(t, u, `<Budi> & "Sri"`, "Mayangan, Kec. Panggungrejo", "+62812*****890", "3575**********01", "Menunggu verifikasi")

	// No message anywhere shows the NIK or the phone number in full.
	for _, m := range append(u.Messages(), h.Admin.Messages()...) {
		if strings.Contains(m.Plain, apptest.TestNIK) || strings.Contains(m.Text, apptest.TestNIK) || strings.Contains(m.Plain, "81234567890") {
			t.Errorf("message shows personal data in full: %q", m.Plain)
		}
	}
}

func TestRegistrationRejectsBadInput(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1002, "Andi")
	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")

	// Every wrong answer gets what is wrong and the same question again.
	cases := []struct {
		name     string
		send     func()
		problem  string
		question string
	}{
		{"sticker for a name", func() { u.SendSticker() }, "mengetik teks", "nama lengkap"},
		{"digits in a name", func() { u.SendText("B4di 123") }, "", "nama lengkap"},
	}
	for _, c := range cases {
		c.send()
		m := apptest.Expect(t, u, c.question)
		if !strings.Contains(m.Plain, "⚠️") || (c.problem != "" && !strings.Contains(m.Plain, c.problem)) {
			t.Fatalf("%s: reply %q does not explain the problem", c.name, m.Plain)
		}
	}
	u.SendText("Andi Wijaya")
	apptest.Expect(t, u, "jenis pilar")

	steps := []struct {
		name, bad, question string
		good                string
		next                string
	}{
		{"pilar not offered", "Pemadam Kebakaran", "jenis pilar", "Tagana", "kecamatan"},
		{"unknown kecamatan", "Surabaya", "kecamatan", "gadingrejo", "kelurahan"},
		{"kelurahan of another kecamatan", "Mayangan", "kelurahan", "Gentong", "nomor HP"},
		{"landline", "0343-421234", "nomor HP", "", ""},
		{"letters in phone", "0812-abcd-7890", "nomor HP", "", ""},
	}
	for _, s := range steps {
		u.SendText(s.bad)
		m := apptest.Expect(t, u, "⚠️", s.question)
		if strings.Contains(m.Plain, "0343421234") {
			t.Errorf("%s: the reply repeats the input", s.name)
		}
		if s.good != "" {
			u.SendText(s.good)
			apptest.Expect(t, u, s.next)
		}
	}
	// Someone else's contact is refused; the own number is taken.
	u.SendContact("6281111111111", false)
	apptest.Expect(t, u, "⚠️", "sendiri", "nomor HP")
	u.SendText(apptest.TestPhone)
	apptest.Expect(t, u, "NIK")

	for _, bad := range []struct{ name, nik string }{
		{"15 digits", "357504410190000"},
		{"impossible birth date", "3575043213900001"},
		{"too young", "3575040101" + time.Now().Format("06") + "0001"},
		{"letters", "3575O44101900001"},
	} {
		u.SendText(bad.nik)
		m := apptest.Expect(t, u, "⚠️", "NIK")
		if strings.Contains(m.Plain, bad.nik) {
			t.Errorf("%s: the reply repeats the NIK", bad.name)
		}
	}
	u.SendSticker()
	apptest.Expect(t, u, "⚠️", "NIK")
	u.SendText("3575 0441 0190 0001")
	apptest.ExpectSummary(t, u, "Periksa data pendaftaran", "Tagana", "Gentong", "Gadingrejo", "+62812*****890")

	if _, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("nothing may be saved before Simpan, got err=%v", err)
	}
}

func TestCancelAndOtherCommandsEndTheFlow(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1003, "Rina")

	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")
	u.SendText("Rina Marlina")
	apptest.Expect(t, u, "jenis pilar")
	u.SendCommand("/batal")
	if m := apptest.Expect(t, u, "dibatalkan"); !m.RemovesKeyboard() {
		t.Errorf("/batal should remove the choice keyboard")
	}
	u.SendText("PSM")
	apptest.Expect(t, u, "/bantuan")

	u.SendCommand("/batal")
	apptest.Expect(t, u, "Tidak ada pengisian")

	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")
	u.SendCommand("/profil")
	apptest.Expect(t, u, "dihentikan")
	apptest.Expect(t, u, "belum terdaftar")

	// Batal on the summary cancels too.
	sum := apptest.Register(t, u, "Rina Marlina", "LKSA", "Purworejo", "Kebonagung", apptest.NIK(3))
	apptest.Press(t, u, sum, "❌ Batal")
	apptest.ExpectEdited(t, u, sum, "dibatalkan")
	if _, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("cancelled registration was saved: %v", err)
	}
}

func TestFlowSurvivesRestart(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1004, "Dewi")
	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")
	u.SendText("Dewi Lestari")
	apptest.Expect(t, u, "jenis pilar")
	u.SendText("Karang Werda")
	apptest.Expect(t, u, "kecamatan")

	h.Restart()

	u.SendText("Bugul Kidul")
	apptest.Expect(t, u, "kelurahan", "Bugul Kidul")
	u.SendText("tapaan")
	apptest.Expect(t, u, "nomor HP")
	u.SendText(apptest.TestPhone)
	apptest.Expect(t, u, "NIK")
	u.SendText(apptest.NIK(4))
	apptest.Expect(t, u, "Dewi Lestari", "Karang Werda", "Tapa'an")
}

func TestRedeliveredUpdateIsHandledOnce(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1005, "Joko")
	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")
	id := u.SendText("Joko Susilo")
	apptest.Expect(t, u, "jenis pilar")
	h.WaitHandled(id)

	// Telegram delivers the same update again (as after a crash before
	// the offset was confirmed). The bot must not answer it again, and the
	// name must not become the answer to the pilar question.
	h.TG.Redeliver(id)
	h.WaitHandledTimes(id, 2)
	u.SendText("Tagana")
	apptest.Expect(t, u, "kecamatan")

	// The same across a restart: the record of handled updates is in Redis.
	h.Restart()
	h.TG.Redeliver(id)
	u.SendText("Purworejo")
	apptest.Expect(t, u, "kelurahan", "Purworejo")
}

func TestManyVolunteersRegisterAtOnce(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		u := h.TG.NewUser(int64(20000+i), fmt.Sprintf("Relawan %d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			// expect fails the test if a reply comes out of order: each
			// question must follow the previous answer.
			apptest.RegisterAndSave(t, h, u, fmt.Sprintf("Relawan Nomor %c%c", 'A'+i/26, 'A'+i%26), apptest.NIK(100+i))
		}()
	}
	wg.Wait()
	var count int
	if err := h.Store.DB().Get(&count, `SELECT count(*) FROM volunteers WHERE status = 'pending'`); err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("%d volunteers stored, want %d", count, n)
	}
}

func TestEditFieldFromSummary(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1006, "Eko")
	sum := apptest.Register(t, u, "Eko Prasetyo", "Karang Taruna", "Panggungrejo", "Ngemplakrejo", apptest.NIK(6))
	apptest.Press(t, u, sum, "✏️ Ubah")
	menu := u.Message(sum.ID)
	if got := fmt.Sprint(menu.Buttons()); !strings.Contains(got, "Nomor HP") || !strings.Contains(got, "Kelurahan") {
		t.Fatalf("field menu = %s", got)
	}
	apptest.Press(t, u, menu, "Nomor HP")
	apptest.Expect(t, u, "nomor HP")
	u.SendText("+62 857-1234-5678")
	sum = apptest.ExpectSummary(t, u, "Periksa data pendaftaran", "+62857*****678", "Ngemplakrejo")

	// Changing the kecamatan asks its kelurahan again.
	ubahSummary(t, u, sum, "Kecamatan", "kecamatan")
	u.SendText("Purworejo")
	apptest.Expect(t, u, "kelurahan", "Purworejo")
	u.SendText("Sekargadung")
	sum = apptest.ExpectSummary(t, u, "Sekargadung", "Purworejo", "Karang Taruna")

	// A double tap on Simpan saves once and answers both presses.
	_, q1 := u.Press(sum, sum.CallbackData("✅ Simpan"))
	_, q2 := u.PressForged(sum.ID, sum.CallbackData("✅ Simpan"))
	apptest.ExpectEdited(t, u, sum, "Terima kasih")
	h.TG.WaitCallbackAnswered(q1)
	if a := h.TG.WaitCallbackAnswered(q2); !strings.Contains(a.Text, "tidak berlaku") {
		t.Errorf("second tap answered %q", a.Text)
	}
	u.SendCommand("/profil")
	apptest.Expect(t, u, "Sekargadung")
	var rows int
	if err := h.Store.DB().Get(&rows, `SELECT count(*) FROM volunteers`); err != nil || rows != 1 {
		t.Fatalf("rows = %d, err = %v; want exactly one", rows, err)
	}
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	h.Admin.SendCommand("/bantuan")
	apptest.Expect(t, h.Admin, "/verifikasi") // and no second "Pendaftar baru" before it
}

func TestExpiredFlowIsExplained(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1007, "Tono")
	u.SendCommand("/daftar")
	apptest.Expect(t, u, "nama lengkap")
	h.Clock.Advance(25 * time.Hour)
	u.SendText("Tono Hartono")
	apptest.Expect(t, u, "sudah berakhir", "/daftar")
	u.SendText("PSM")
	apptest.Expect(t, u, "/bantuan")
}

func TestDaftarAgainOffersToUpdate(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1008, "Lina")
	v := apptest.RegisterAndSave(t, h, u, "Lina Marlina", apptest.NIK(8))
	if _, err := h.Store.DecideVolunteer(context.Background(), v.ID, apptest.AdminActor, true, ""); err != nil {
		t.Fatal(err)
	}

	u.SendCommand("/daftar")
	offer := apptest.Expect(t, u, "sudah terdaftar", "PSM", "Terverifikasi")
	apptest.Press(t, u, offer, "✏️ Ubah data")
	menu := apptest.ExpectEdited(t, u, offer, "Pilih data yang ingin diubah", "Lina Marlina")
	apptest.Press(t, u, menu, "Jenis pilar")
	apptest.Expect(t, u, "jenis pilar")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "Tagana", "Tagana"), "menunggu verifikasi", "jenis pilar berubah")

	var rows int
	if err := h.Store.DB().Get(&rows, `SELECT count(*) FROM volunteers`); err != nil || rows != 1 {
		t.Fatalf("rows = %d, err = %v; want one profile, not a second", rows, err)
	}
	v, _ = h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if v.Pilar != "tagana" || v.Status != "pending" {
		t.Fatalf("after the change: pilar %s status %s", v.Pilar, v.Status)
	}

	// A verified volunteer who changes only the phone stays verified; one
	// who changes the name is verified again.
	if _, err := h.Store.DecideVolunteer(context.Background(), v.ID, apptest.AdminActor, true, ""); err != nil {
		t.Fatal(err)
	}
	ubahData(t, u, "Nomor HP", "nomor HP")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "0857-1111-2222", "+62857"), "sudah diperbarui")
	if v, _ = h.Store.VolunteerByTelegramID(context.Background(), u.ID); v.Status != "verified" || v.Phone != "+6285711112222" {
		t.Fatalf("after a phone change: status %s phone changed %v", v.Status, v.Phone == "+6285711112222")
	}
	ubahData(t, u, "Nama lengkap", "nama lengkap")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "Orang Lain Sama Sekali", "Orang Lain Sama Sekali"), "menunggu verifikasi")
	if v, _ = h.Store.VolunteerByTelegramID(context.Background(), u.ID); v.Status != "pending" {
		t.Fatalf("after a name change: status %s, want pending", v.Status)
	}
}

func TestPSMAgeIsCheckedAfterUbah(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1011, "Muda")
	// 17 years old today: old enough for Tagana, not for PSM.
	born := h.Clock.Now().In(time.FixedZone("WIB", 7*3600)).AddDate(-17, 0, 0)
	young := "357504" + born.Format("020106") + "0001"
	sum := apptest.Register(t, u, "Muda Sekali", "Tagana", "Panggungrejo", "Mayangan", young)
	ubahSummary(t, u, sum, "Jenis pilar", "jenis pilar")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "PSM", "PSM"), "⚠️", "minimal 18 tahun")
	if _, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("an under-age PSM was saved: %v", err)
	}
}
