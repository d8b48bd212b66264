package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/storage"
)

func TestRegistrationFullFlow(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1001, "Sri")

	u.SendCommand("/start")
	expect(t, u, "Selamat datang", "/daftar")

	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")
	u.SendText(`<Budi> & "Sri"`)
	m := expect(t, u, "jenis pilar")
	if kb := m.Keyboard(); len(kb) == 0 || !strings.Contains(fmt.Sprint(kb), "PSM") || !strings.Contains(fmt.Sprint(kb), "Tagana") {
		t.Fatalf("pilar keyboard = %v", kb)
	}
	u.SendText("psm")
	m = expect(t, u, "kecamatan")
	if got := fmt.Sprint(m.Keyboard()); !strings.Contains(got, "Bugul Kidul") || !strings.Contains(got, "Panggungrejo") {
		t.Fatalf("kecamatan keyboard = %s", got)
	}
	u.SendText("Panggungrejo")
	m = expect(t, u, "kelurahan", "Panggungrejo")
	if got := fmt.Sprint(m.Keyboard()); !strings.Contains(got, "Mayangan") || !strings.Contains(got, "Tamba'an") || strings.Contains(got, "Gentong") {
		t.Fatalf("kelurahan keyboard of Panggungrejo = %s", got)
	}
	u.SendText("MAYANGAN")
	m = expect(t, u, "nomor HP")
	if b, ok := m.KeyboardButton("📱 Bagikan nomor"); !ok || !b.RequestContact {
		t.Fatalf("no contact button on the phone question: %v", m.Keyboard())
	}
	u.SendContact("6281234567890", true)
	m = expect(t, u, "NIK")
	if !m.RemovesKeyboard() {
		t.Errorf("the NIK question should remove the contact keyboard")
	}
	u.SendText(testNIK)
	sum := expect(t, u, "Periksa data pendaftaran",
		`<Budi> & "Sri"`, "PSM (Pekerja Sosial Masyarakat)", "Panggungrejo", "Mayangan",
		"+62812*****890", "3575**********01")
	if got := fmt.Sprint(sum.Buttons()); got != "[[✅ Simpan ✏️ Ubah ❌ Batal]]" {
		t.Fatalf("summary buttons = %s", got)
	}
	press(t, u, sum, "✅ Simpan")
	expect(t, u, "Terima kasih", `<Budi> & "Sri"`, "menunggu verifikasi")

	v, err := h.store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := storage.Volunteer{FullName: `<Budi> & "Sri"`, Pilar: "psm", KelurahanCode: "35.75.04.1006", Phone: "+6281234567890", NIK: testNIK, Status: "pending"}
	if v.FullName != want.FullName || v.Pilar != want.Pilar || v.KelurahanCode != want.KelurahanCode || v.Phone != want.Phone || v.NIK != want.NIK || v.Status != want.Status {
		t.Fatalf("stored %+v, want %+v", *v, want)
	}

	// The coordinators hear about it.
	expect(t, h.admin, "Pendaftar baru", `<Budi> & "Sri"`, "PSM", "Mayangan")

	// /profil shows the data, personal numbers masked.
	u.SendCommand("/profil")
	expect(t, u, `<Budi> & "Sri"`, "Mayangan, Kec. Panggungrejo", "+62812*****890", "3575**********01", "Menunggu verifikasi")

	// No message anywhere shows the NIK or the phone number in full.
	for _, m := range append(u.Messages(), h.admin.Messages()...) {
		if strings.Contains(m.Plain, testNIK) || strings.Contains(m.Text, testNIK) || strings.Contains(m.Plain, "81234567890") {
			t.Errorf("message shows personal data in full: %q", m.Plain)
		}
	}
}

func TestRegistrationRejectsBadInput(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1002, "Andi")
	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")

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
		m := expect(t, u, c.question)
		if !strings.Contains(m.Plain, "⚠️") || (c.problem != "" && !strings.Contains(m.Plain, c.problem)) {
			t.Fatalf("%s: reply %q does not explain the problem", c.name, m.Plain)
		}
	}
	u.SendText("Andi Wijaya")
	expect(t, u, "jenis pilar")

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
		m := expect(t, u, "⚠️", s.question)
		if strings.Contains(m.Plain, "0343421234") {
			t.Errorf("%s: the reply repeats the input", s.name)
		}
		if s.good != "" {
			u.SendText(s.good)
			expect(t, u, s.next)
		}
	}
	// Someone else's contact is refused; the own number is taken.
	u.SendContact("6281111111111", false)
	expect(t, u, "⚠️", "sendiri", "nomor HP")
	u.SendText(testPhone)
	expect(t, u, "NIK")

	for _, bad := range []struct{ name, nik string }{
		{"15 digits", "357504410190000"},
		{"impossible birth date", "3575043213900001"},
		{"too young", "3575040101" + time.Now().Format("06") + "0001"},
		{"letters", "3575O44101900001"},
	} {
		u.SendText(bad.nik)
		m := expect(t, u, "⚠️", "NIK")
		if strings.Contains(m.Plain, bad.nik) {
			t.Errorf("%s: the reply repeats the NIK", bad.name)
		}
	}
	u.SendSticker()
	expect(t, u, "⚠️", "NIK")
	u.SendText("3575 0441 0190 0001")
	expect(t, u, "Periksa data pendaftaran", "Tagana", "Gentong", "Gadingrejo", "+62812*****890")

	if _, err := h.store.VolunteerByTelegramID(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("nothing may be saved before Simpan, got err=%v", err)
	}
}

func TestCancelAndOtherCommandsEndTheFlow(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1003, "Rina")

	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")
	u.SendText("Rina Marlina")
	expect(t, u, "jenis pilar")
	u.SendCommand("/batal")
	if m := expect(t, u, "dibatalkan"); !m.RemovesKeyboard() {
		t.Errorf("/batal should remove the choice keyboard")
	}
	u.SendText("PSM")
	expect(t, u, "/bantuan")

	u.SendCommand("/batal")
	expect(t, u, "Tidak ada pengisian")

	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")
	u.SendCommand("/profil")
	expect(t, u, "dihentikan")
	expect(t, u, "belum terdaftar")

	// Batal on the summary cancels too.
	sum := register(t, u, "Rina Marlina", "LKSA", "Purworejo", "Kebonagung", nik(3))
	press(t, u, sum, "❌ Batal")
	expect(t, u, "dibatalkan")
	if _, err := h.store.VolunteerByTelegramID(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("cancelled registration was saved: %v", err)
	}
}

func TestFlowSurvivesRestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1004, "Dewi")
	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")
	u.SendText("Dewi Lestari")
	expect(t, u, "jenis pilar")
	u.SendText("Karang Werda")
	expect(t, u, "kecamatan")

	h.restart()

	u.SendText("Bugul Kidul")
	expect(t, u, "kelurahan", "Bugul Kidul")
	u.SendText("tapaan")
	expect(t, u, "nomor HP")
	u.SendText(testPhone)
	expect(t, u, "NIK")
	u.SendText(nik(4))
	expect(t, u, "Dewi Lestari", "Karang Werda", "Tapa'an")
}

func TestRedeliveredUpdateIsHandledOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1005, "Joko")
	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")
	id := u.SendText("Joko Susilo")
	expect(t, u, "jenis pilar")
	h.waitHandled(id)

	// Telegram delivers the same update again (as after a crash before
	// the offset was confirmed). The bot must not answer it again, and the
	// name must not become the answer to the pilar question.
	h.tg.Redeliver(id)
	h.waitHandledTimes(id, 2)
	u.SendText("Tagana")
	expect(t, u, "kecamatan")

	// The same across a restart: the record of handled updates is in Redis.
	h.restart()
	h.tg.Redeliver(id)
	u.SendText("Purworejo")
	expect(t, u, "kelurahan", "Purworejo")
}

func TestManyVolunteersRegisterAtOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	const n = 50
	var wg sync.WaitGroup
	for i := range n {
		u := h.tg.NewUser(int64(20000+i), fmt.Sprintf("Relawan %d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			// expect fails the test if a reply comes out of order: each
			// question must follow the previous answer.
			registerAndSave(t, h, u, fmt.Sprintf("Relawan Nomor %c%c", 'A'+i/26, 'A'+i%26), nik(100+i))
		}()
	}
	wg.Wait()
	var count int
	if err := h.store.DB().Get(&count, `SELECT count(*) FROM volunteers WHERE status = 'pending'`); err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("%d volunteers stored, want %d", count, n)
	}
}

func TestEditFieldFromSummary(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1006, "Eko")
	sum := register(t, u, "Eko Prasetyo", "Karang Taruna", "Panggungrejo", "Ngemplakrejo", nik(6))
	press(t, u, sum, "✏️ Ubah")
	menu := u.Message(sum.ID)
	if got := fmt.Sprint(menu.Buttons()); !strings.Contains(got, "Nomor HP") || !strings.Contains(got, "Kelurahan") {
		t.Fatalf("field menu = %s", got)
	}
	press(t, u, menu, "Nomor HP")
	expect(t, u, "nomor HP")
	u.SendText("+62 857-1234-5678")
	sum = expect(t, u, "Periksa data pendaftaran", "+62857*****678", "Ngemplakrejo")

	// Changing the kecamatan asks its kelurahan again.
	press(t, u, sum, "✏️ Ubah")
	press(t, u, u.Message(sum.ID), "Kecamatan")
	expect(t, u, "kecamatan")
	u.SendText("Purworejo")
	expect(t, u, "kelurahan", "Purworejo")
	u.SendText("Sekargadung")
	sum = expect(t, u, "Sekargadung", "Purworejo", "Karang Taruna")

	// A double tap on Simpan saves once and answers both presses.
	_, q1 := u.Press(sum, sum.CallbackData("✅ Simpan"))
	_, q2 := u.PressForged(sum.ID, sum.CallbackData("✅ Simpan"))
	expect(t, u, "Terima kasih")
	h.tg.WaitCallbackAnswered(q1)
	if a := h.tg.WaitCallbackAnswered(q2); !strings.Contains(a.Text, "tidak berlaku") {
		t.Errorf("second tap answered %q", a.Text)
	}
	u.SendCommand("/profil")
	expect(t, u, "Sekargadung")
	var rows int
	if err := h.store.DB().Get(&rows, `SELECT count(*) FROM volunteers`); err != nil || rows != 1 {
		t.Fatalf("rows = %d, err = %v; want exactly one", rows, err)
	}
	expect(t, h.admin, "Pendaftar baru")
	h.admin.SendCommand("/bantuan")
	expect(t, h.admin, "/verifikasi") // and no second "Pendaftar baru" before it
}

func TestExpiredFlowIsExplained(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1007, "Tono")
	u.SendCommand("/daftar")
	expect(t, u, "nama lengkap")
	h.clock.Advance(25 * time.Hour)
	u.SendText("Tono Hartono")
	expect(t, u, "sudah berakhir", "/daftar")
	u.SendText("PSM")
	expect(t, u, "/bantuan")
}

func TestDaftarAgainOffersToUpdate(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1008, "Lina")
	v := registerAndSave(t, h, u, "Lina Marlina", nik(8))
	if _, err := h.store.DecideVolunteer(context.Background(), v.ID, adminID, true, ""); err != nil {
		t.Fatal(err)
	}

	u.SendCommand("/daftar")
	offer := expect(t, u, "sudah terdaftar", "PSM", "Terverifikasi")
	press(t, u, offer, "✏️ Ubah data")
	menu := expect(t, u, "Pilih data yang ingin diubah", "Lina Marlina")
	press(t, u, menu, "Jenis pilar")
	expect(t, u, "jenis pilar")
	u.SendText("Tagana")
	sum := expect(t, u, "Tagana")
	press(t, u, sum, "✅ Simpan")
	expect(t, u, "menunggu verifikasi", "jenis pilar berubah")

	var rows int
	if err := h.store.DB().Get(&rows, `SELECT count(*) FROM volunteers`); err != nil || rows != 1 {
		t.Fatalf("rows = %d, err = %v; want one profile, not a second", rows, err)
	}
	v, _ = h.store.VolunteerByTelegramID(context.Background(), u.ID)
	if v.Pilar != "tagana" || v.Status != "pending" {
		t.Fatalf("after the change: pilar %s status %s", v.Pilar, v.Status)
	}

	// A verified volunteer who changes only the phone stays verified; one
	// who changes the name is verified again.
	if _, err := h.store.DecideVolunteer(context.Background(), v.ID, adminID, true, ""); err != nil {
		t.Fatal(err)
	}
	u.SendCommand("/daftar")
	press(t, u, expect(t, u, "sudah terdaftar"), "✏️ Ubah data")
	press(t, u, expect(t, u, "Pilih data"), "Nomor HP")
	expect(t, u, "nomor HP")
	u.SendText("0857-1111-2222")
	press(t, u, expect(t, u, "+62857"), "✅ Simpan")
	expect(t, u, "sudah diperbarui")
	if v, _ = h.store.VolunteerByTelegramID(context.Background(), u.ID); v.Status != "verified" || v.Phone != "+6285711112222" {
		t.Fatalf("after a phone change: status %s phone changed %v", v.Status, v.Phone == "+6285711112222")
	}
	u.SendCommand("/daftar")
	press(t, u, expect(t, u, "sudah terdaftar"), "✏️ Ubah data")
	press(t, u, expect(t, u, "Pilih data"), "Nama lengkap")
	expect(t, u, "nama lengkap")
	u.SendText("Orang Lain Sama Sekali")
	press(t, u, expect(t, u, "Orang Lain Sama Sekali"), "✅ Simpan")
	expect(t, u, "menunggu verifikasi")
	if v, _ = h.store.VolunteerByTelegramID(context.Background(), u.ID); v.Status != "pending" {
		t.Fatalf("after a name change: status %s, want pending", v.Status)
	}
}

func TestPSMAgeIsCheckedAfterUbah(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1011, "Muda")
	// 17 years old today: old enough for Tagana, not for PSM.
	born := h.clock.Now().In(time.FixedZone("WIB", 7*3600)).AddDate(-17, 0, 0)
	young := "357504" + born.Format("020106") + "0001"
	sum := register(t, u, "Muda Sekali", "Tagana", "Panggungrejo", "Mayangan", young)
	press(t, u, sum, "✏️ Ubah")
	press(t, u, u.Message(sum.ID), "Jenis pilar")
	expect(t, u, "jenis pilar")
	u.SendText("PSM")
	sum = expect(t, u, "PSM")
	press(t, u, sum, "✅ Simpan")
	expect(t, u, "⚠️", "minimal 18 tahun")
	if _, err := h.store.VolunteerByTelegramID(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("an under-age PSM was saved: %v", err)
	}
}

func TestGroupGetsOneHint(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1009, "Budi")
	g := h.tg.NewGroup(-100123, "PSM Mayangan")
	g.SendText(u, "/start")
	m := g.WaitNext()
	if !strings.Contains(m.Plain, "chat pribadi") || !strings.Contains(m.Text, "https://t.me/") {
		t.Fatalf("group hint = %q", m.Text)
	}
	g.SendText(u, "/daftar")
	last := g.SendText(u, "halo semua")
	h.waitHandled(last)
	if n := len(g.Messages()); n != 1 {
		t.Fatalf("the bot sent %d messages to the group, want 1", n)
	}
}

func TestUnknownInputGetsAHint(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(1010, "Ani")
	u.SendText("halo")
	expect(t, u, "/bantuan")
	u.SendCommand("/apaini")
	expect(t, u, "tidak dikenal", "/bantuan")
	u.SendCommand("/bantuan")
	m := expect(t, u, "/daftar", "/profil", "/batal")
	if strings.Contains(m.Plain, "/verifikasi") {
		t.Errorf("a volunteer's /bantuan lists coordinator commands")
	}
	h.admin.SendCommand("/bantuan")
	expect(t, h.admin, "/verifikasi")

	if got := fmt.Sprint(h.tg.Commands("all_private_chats")); !strings.Contains(got, "daftar") || strings.Contains(got, "verifikasi") {
		t.Errorf("volunteer command menu = %s", got)
	}
	if got := fmt.Sprint(h.tg.Commands(fmt.Sprintf("chat:%d", adminID))); !strings.Contains(got, "verifikasi") {
		t.Errorf("admin command menu = %s", got)
	}
}
