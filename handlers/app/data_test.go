package app_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// seed stores a volunteer registered at created with the given status
// (decided by the admin), without going through /daftar.
func seed(t *testing.T, h *harness, tgID int64, name, pilar, kel, nik, phone string, created time.Time, status domain.Status) *storage.Volunteer {
	t.Helper()
	ctx := context.Background()
	h.store.Now = func() time.Time { return created }
	defer func() { h.store.Now = time.Now }()
	v := &storage.Volunteer{TelegramID: tgID, ChatID: tgID, FullName: name, Pilar: pilar,
		KelurahanCode: kel, NIK: nik, Phone: phone}
	if err := h.store.CreateVolunteer(ctx, v); err != nil {
		t.Fatalf("seed %s: %v", name, err)
	}
	if status != domain.StatusPending {
		var err error
		if v, err = h.store.DecideVolunteer(ctx, v.ID, adminID, status == domain.StatusVerified, "Data belum lengkap"); err != nil {
			t.Fatalf("decide %s: %v", name, err)
		}
	}
	return v
}

// addCoordinator appoints a coordinator directly in the store.
func addCoordinator(t *testing.T, h *harness, id int64, name string) *telegramtest.User {
	t.Helper()
	u := h.tg.NewUser(id, name)
	if err := h.store.AddCoordinator(context.Background(), storage.Coordinator{TelegramID: id, Name: name}, adminID); err != nil {
		t.Fatal(err)
	}
	return u
}

// buttonStarting returns the label of m's first button starting with prefix.
func buttonStarting(t *testing.T, m *telegramtest.Message, prefix string) string {
	t.Helper()
	for _, row := range m.Buttons() {
		for _, b := range row {
			if strings.HasPrefix(b, prefix) {
				return b
			}
		}
	}
	t.Fatalf("message %q has no button starting with %q (buttons %v)", m.Plain, prefix, m.Buttons())
	return ""
}

func TestRekapCounts(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	this := parse.MonthPeriod(time.Now())
	inThis := this.Start.Add(time.Hour)
	inLast := this.Start.Add(-24 * time.Hour)
	mayangan, trajeng := "35.75.04.1006", "35.75.04.1003"
	seed(t, h, 4001, "Psm Satu", "psm", mayangan, nik(1), "+6281200000001", inThis, domain.StatusVerified)
	seed(t, h, 4002, "Psm Dua", "psm", mayangan, nik(2), "+6281200000002", inThis, domain.StatusVerified)
	seed(t, h, 4003, "Psm Tiga", "psm", trajeng, nik(3), "+6281200000003", inThis, domain.StatusPending)
	seed(t, h, 4004, "Tagana Satu", "tagana", trajeng, nik(4), "+6281200000004", inThis, domain.StatusRejected)
	seed(t, h, 4005, "Karang Taruna Satu", "karang_taruna", mayangan, nik(5), "+6281200000005", inLast, domain.StatusVerified)
	seed(t, h, 4006, "Karang Taruna Dua", "karang_taruna", mayangan, nik(6), "+6281200000006", inLast, domain.StatusPending)
	seed(t, h, 4007, "Dihapus", "psm", mayangan, nik(7), "+6281200000007", inLast, domain.StatusVerified)
	if err := h.store.EraseVolunteer(context.Background(), 4007); err != nil {
		t.Fatal(err)
	}

	h.admin.SendCommand("/rekap bulan ini")
	m := expect(t, h.admin, "Rekap "+this.Label())
	for _, want := range []string{
		"PSM: 3 (terverifikasi 2, menunggu 1, ditolak 0; baru 3)",
		"Tagana: 1 (terverifikasi 0, menunggu 0, ditolak 1; baru 1)",
		"TKSK: 0 (terverifikasi 0, menunggu 0, ditolak 0; baru 0)",
		"Karang Taruna: 2 (terverifikasi 1, menunggu 1, ditolak 0; baru 0)",
		"Jumlah: 6 (terverifikasi 3, menunggu 2, ditolak 1; baru 4)",
		"Data 1 relawan sudah dihapus",
	} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("rekap bulan ini lacks %q:\n%s", want, m.Plain)
		}
	}

	// The month by button: last month knows only what was registered by
	// then.
	h.admin.SendCommand("/rekap")
	ask := expect(t, h.admin, "Rekap bulan apa?")
	press(t, h.admin, ask, buttonStarting(t, ask, "Bulan lalu"))
	last := parse.MonthPeriod(inLast)
	m = expect(t, h.admin, "Rekap "+last.Label())
	for _, want := range []string{
		"PSM: 0 (terverifikasi 0",
		"Karang Taruna: 2 (terverifikasi 1, menunggu 1, ditolak 0; baru 2)",
		"Jumlah: 2 (terverifikasi 1, menunggu 1, ditolak 0; baru 2)",
	} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("rekap bulan lalu lacks %q:\n%s", want, m.Plain)
		}
	}

	// A typed month, and a bad one asked again with an example.
	h.admin.SendCommand("/rekap Desember 2023")
	expect(t, h.admin, "Rekap Desember 2023", "Jumlah: 0")
	h.admin.SendCommand("/rekap kapan saja")
	expect(t, h.admin, "Bulan tidak dikenali", "Desember 2023")
}

func TestDataCommandsRefuseVolunteers(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	v := h.tg.NewUser(4101, "Relawan")
	seed(t, h, 4101, "Relawan Biasa", "psm", "35.75.04.1006", nik(11), "+6281200000011", time.Now(), domain.StatusVerified)
	coord := addCoordinator(t, h, 4102, "Koordinator")
	for _, cmd := range []string{"/rekap", "/ekspor", "/cari Relawan", "/rekap bulan ini"} {
		v.SendCommand(cmd)
		expect(t, v, "hanya untuk koordinator")
	}
	v.SendCommand("/koordinator")
	expect(t, v, "hanya untuk koordinator")
	coord.SendCommand("/koordinator")
	expect(t, coord, "hanya untuk admin")

	month := parse.MonthPeriod(time.Now()).Key()
	for _, forged := range []struct {
		u    *telegramtest.User
		data string
		want string
	}{
		{v, "rk:" + month, "hanya untuk koordinator"},
		{v, "ex:relawan", "hanya untuk koordinator"},
		{v, "cr:1", "hanya untuk koordinator"},
		{v, "ko:add", "hanya untuk admin"},
		{coord, "ko:add", "hanya untuk admin"},
		{coord, "ko:rmy:4102", "hanya untuk admin"},
	} {
		_, q := forged.u.PressForged(1, forged.data)
		if a := h.tg.WaitCallbackAnswered(q); !strings.Contains(a.Text, forged.want) {
			t.Errorf("forged %q answered %q", forged.data, a.Text)
		}
	}
	// Nothing was sent: the next message is the answer to /bantuan.
	v.SendCommand("/bantuan")
	help := expect(t, v, "/hapusdata", "/ubahprofil")
	if strings.Contains(help.Plain, "/rekap") {
		t.Errorf("a volunteer's help shows coordinator commands: %q", help.Plain)
	}
	coord.SendCommand("/bantuan")
	help = expect(t, coord, "/rekap", "/ekspor", "/cari")
	if strings.Contains(help.Plain, "/koordinator") {
		t.Errorf("a coordinator's help shows /koordinator: %q", help.Plain)
	}
	if ok, _ := h.store.IsCoordinator(context.Background(), 4101); ok {
		t.Fatal("a forged callback made a coordinator")
	}
}

// openExport waits for the next document in u's chat and opens it.
func openExport(t *testing.T, u *telegramtest.User, caption ...string) *excelize.File {
	t.Helper()
	m := expect(t, u, caption...)
	if m.Document == nil || !strings.HasSuffix(m.Document.Name, ".xlsx") {
		t.Fatalf("expected an .xlsx document, got %v", m)
	}
	f, err := excelize.OpenReader(bytes.NewReader(m.Document.Data))
	if err != nil {
		t.Fatalf("open export: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestEksporVolunteers(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	created := time.Date(2023, 12, 20, 8, 30, 0, 0, domain.WIB)
	seed(t, h, 4201, "Latifa", "psm", "35.75.04.1006", "3575046512850001", "+6281234567890", created, domain.StatusVerified)
	seed(t, h, 4202, "Budi <Santoso>", "tagana", "35.75.03.1003", nik(22), "+6285712345678", created.Add(time.Hour), domain.StatusPending)
	seed(t, h, 4203, "Dihapus", "psm", "35.75.04.1006", nik(23), "+6281200000023", created, domain.StatusPending)
	if err := h.store.EraseVolunteer(context.Background(), 4203); err != nil {
		t.Fatal(err)
	}
	coord := addCoordinator(t, h, 4204, "Koordinator")

	coord.SendCommand("/ekspor")
	ask := expect(t, coord, "Data apa")
	press(t, coord, ask, "Data relawan")
	f := openExport(t, coord, "Data relawan", "2 baris", "disamarkan")
	const sheet = "Relawan"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"No", "Nama lengkap", "Jenis pilar", "Kode kelurahan", "Kelurahan", "Kecamatan",
		"Nomor HP", "NIK", "Usia (tahun)", "Status", "Terdaftar", "Tanggal keputusan", "Username Telegram"}
	if len(rows) != 3 || strings.Join(rows[0], "|") != strings.Join(wantHeader, "|") {
		t.Fatalf("rows = %q", rows)
	}
	// Ordered by kelurahan code: Tapa'an (35.75.03) before Mayangan.
	cell := func(ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	raw := func(ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"B2": "Budi <Santoso>", "C2": "Tagana", "D2": "35.75.03.1003", "E2": "Tapa'an", "F2": "Bugul Kidul",
		"G2": "+62857*****678", "H2": "3575**********22", "J2": "Menunggu verifikasi", "L2": "",
		"B3": "Latifa", "D3": "35.75.04.1006", "E3": "Mayangan", "F3": "Panggungrejo",
		"G3": "+62812*****890", "H3": "3575**********01", "J3": "Terverifikasi",
		"K3": "20-12-2023 08:30", "K2": "20-12-2023 09:30",
	} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q; want %q", ref, got, want)
		}
	}
	// Numbers are numbers, dates are date serials with a date format.
	for _, ref := range []string{"A2", "A3", "I2", "I3", "K2", "K3"} {
		if _, err := strconv.ParseFloat(raw(ref), 64); err != nil {
			t.Errorf("%s holds %q, not a number", ref, raw(ref))
		}
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s has type %v", ref, typ)
		}
	}
	if raw("A3") != "2" || raw("K3") != "45280.354166666664" && !strings.HasPrefix(raw("K3"), "45280.35416") {
		t.Errorf("A3 = %q, K3 = %q", raw("A3"), raw("K3"))
	}
	style, _ := f.GetCellStyle(sheet, "K3")
	if st, err := f.GetStyle(style); err != nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "yyyy") {
		t.Errorf("K3 style = %+v, %v", st, err)
	}
	if typ, _ := f.GetCellType(sheet, "H3"); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
		t.Errorf("the NIK is stored as type %v, not as text", typ)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	tables, err := f.GetTables(sheet)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:M3" {
		t.Errorf("tables (the filter) = %+v, %v", tables, err)
	}

	// An admin gets NIK and phone in full.
	h.admin.SendCommand("/ekspor relawan")
	f = openExport(t, h.admin, "Data relawan", "2 baris")
	if got, _ := f.GetCellValue(sheet, "H3"); got != "3575046512850001" {
		t.Errorf("admin NIK = %q", got)
	}
	if got, _ := f.GetCellValue(sheet, "G3"); got != "+6281234567890" {
		t.Errorf("admin phone = %q", got)
	}
}

func TestCari(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	now := time.Now()
	seed(t, h, 4301, "Siti Aminah", "psm", "35.75.04.1006", nik(31), "+6281234560031", now, domain.StatusVerified)
	seed(t, h, 4302, "Siti Rahma", "pkh", "35.75.04.1003", nik(32), "+6281299990032", now, domain.StatusPending)
	seed(t, h, 4303, "Bambang", "tagana", "35.75.01.1001", nik(33), "+6285700000033", now, domain.StatusVerified)

	h.admin.SendCommand("/cari")
	expect(t, h.admin, "Contoh: /cari Siti")
	h.admin.SendCommand("/cari si")
	expect(t, h.admin, "terlalu pendek")
	h.admin.SendCommand("/cari bambang")
	card := expect(t, h.admin, "Profil relawan", "Bambang", "Tagana", "Karangketug", "3575**********33", "+62857*****033", "Terverifikasi")
	if strings.Contains(card.Plain, nik(33)) {
		t.Fatal("the card shows the NIK in full")
	}
	h.admin.SendCommand("/cari 0812-9999")
	expect(t, h.admin, "Profil relawan", "Siti Rahma")
	h.admin.SendCommand("/cari SITI")
	list := expect(t, h.admin, "Ditemukan 2 relawan")
	press(t, h.admin, list, buttonStarting(t, list, "Siti Aminah"))
	expect(t, h.admin, "Profil relawan", "Siti Aminah", "Mayangan")
	h.admin.SendCommand("/cari Tidak Ada")
	expect(t, h.admin, "Tidak ada relawan yang cocok")
}

func TestKoordinatorAddAndRemove(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	rina := h.tg.NewUser(4401, "Rina")
	rina.LastName = "Wulandari"

	h.admin.SendCommand("/koordinator")
	list := expect(t, h.admin, "Koordinator Dinas Sosial", "Belum ada koordinator", "9001")
	press(t, h.admin, list, "➕ Tambah koordinator")
	expect(t, h.admin, "Teruskan")
	h.admin.SendForwardHidden("Pak Joko", "halo")
	expect(t, h.admin, "menyembunyikan identitasnya (Pak Joko)", "ID Telegram")
	h.admin.SendText("bukan angka")
	expect(t, h.admin, "ID Telegram berupa angka")
	h.admin.SendForwardFrom(rina, "Selamat pagi")
	expect(t, h.admin, "Rina Wulandari sekarang koordinator", "Menu koordinator sudah dipasang")
	expect(t, rina, "ditunjuk sebagai koordinator")

	if ok, _ := h.store.IsCoordinator(ctx, 4401); !ok {
		t.Fatal("Rina is not a coordinator")
	}
	menu := h.tg.Commands("chat:4401")
	names := make([]string, len(menu))
	for i, c := range menu {
		names[i] = c.Command
	}
	got := strings.Join(names, " ")
	if !strings.Contains(got, "rekap") || !strings.Contains(got, "verifikasi") || strings.Contains(got, "koordinator") {
		t.Errorf("Rina's menu = %s", got)
	}
	if admin := fmt.Sprint(h.tg.Commands("chat:9001")); !strings.Contains(admin, "{koordinator ") {
		t.Errorf("admin menu = %v", admin)
	}
	rina.SendCommand("/rekap bulan ini")
	expect(t, rina, "Rekap")

	// Typed id of someone who never opened the bot.
	h.admin.SendCommand("/koordinator tambah 4402")
	expect(t, h.admin, "ID 4402 sekarang koordinator", "setelah yang bersangkutan membuka bot")

	// The configured admin cannot be removed, typed or forged.
	h.admin.SendCommand("/koordinator hapus 9001")
	expect(t, h.admin, "tidak dapat dihapus")
	_, q := h.admin.PressForged(1, "ko:rmy:9001")
	h.tg.WaitCallbackAnswered(q)
	expect(t, h.admin, "tidak dapat dihapus")

	h.admin.SendCommand("/koordinator")
	list = expect(t, h.admin, "1. Rina Wulandari (ID 4401)", "2. ID 4402")
	press(t, h.admin, list, "🗑 Hapus Rina Wulandari")
	ask := expect(t, h.admin, "Hapus Rina Wulandari dari daftar koordinator?")
	press(t, h.admin, ask, "Ya, hapus")
	expect(t, h.admin, "Rina Wulandari sudah dihapus")
	expect(t, rina, "tidak lagi menjadi koordinator")
	if menu := h.tg.Commands("chat:4401"); menu != nil {
		t.Errorf("Rina keeps a menu: %v", menu)
	}
	rina.SendCommand("/rekap")
	expect(t, rina, "hanya untuk koordinator")

	log, err := h.store.AuditLog(ctx, storage.SubjectCoordinator, "4401")
	if err != nil || len(log) != 2 {
		t.Fatalf("audit = %+v, %v", log, err)
	}
	if e := log[0]; e.Action != storage.ActionCoordinatorAdd || e.ActorID != adminID || e.After != "Rina Wulandari" || e.Before != "" {
		t.Errorf("add entry = %+v", e)
	}
	if e := log[1]; e.Action != storage.ActionCoordinatorRemove || e.ActorID != adminID || e.Before != "Rina Wulandari" {
		t.Errorf("remove entry = %+v", e)
	}
	if log, _ := h.store.AuditLog(ctx, storage.SubjectCoordinator, strconv.Itoa(adminID)); len(log) != 0 {
		t.Errorf("the admin has audit entries: %+v", log)
	}
}

func TestUbahProfil(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(4501, "Dewi")
	seed(t, h, 4501, "Dewi Lestari", "psm", "35.75.04.1006", nik(51), "+6281234560051", time.Now(), domain.StatusVerified)

	u.SendCommand("/ubahprofil")
	menu := expect(t, u, "Pilih data yang ingin diubah")
	press(t, u, menu, "Nomor HP")
	expect(t, u, "nomor HP")
	u.SendText("0813-1111-2222")
	sum := expect(t, u, "+62813*****222")
	press(t, u, sum, "✅ Simpan")
	expect(t, u, "sudah diperbarui")
	v, _ := h.store.VolunteerByTelegramID(context.Background(), 4501)
	if v.Phone != "+6281311112222" || v.Status != domain.StatusVerified {
		t.Fatalf("after phone change: %s %s", kit.MaskPhone(v.Phone), v.Status)
	}

	// A new pilar needs verification again.
	u.SendCommand("/ubahprofil")
	menu = expect(t, u, "Pilih data yang ingin diubah")
	press(t, u, menu, "Jenis pilar")
	expect(t, u, "jenis pilar")
	u.SendText("Tagana")
	sum = expect(t, u, "Tagana")
	press(t, u, sum, "✅ Simpan")
	expect(t, u, "menunggu verifikasi")
	v, _ = h.store.VolunteerByTelegramID(context.Background(), 4501)
	if v.Pilar != "tagana" || v.Status != domain.StatusPending {
		t.Fatalf("after pilar change: %s %s", v.Pilar, v.Status)
	}

	stranger := h.tg.NewUser(4502, "Asing")
	stranger.SendCommand("/ubahprofil")
	expect(t, stranger, "belum terdaftar")
}

func TestHapusData(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	// A Telegram id no serial number or message id of the test reaches, so
	// that finding it in a numeric column means it was kept.
	const tgID = 760004601
	u := h.tg.NewUser(tgID, "Siti")
	u.Username = "siti_psm_4601"
	const name = "Sitinurbaya Hapuskan"
	theNIK := nik(61)
	v := registerAndSave(t, h, u, name, theNIK)
	expect(t, h.admin, "Pendaftar baru")
	// A rejection reason that quotes the name, then a correction.
	if _, err := h.store.DecideVolunteer(ctx, v.ID, adminID, false, "KTP "+name+" tidak terbaca"); err != nil {
		t.Fatal(err)
	}
	phone := v.Phone // +6281234567861
	local := "0" + strings.TrimPrefix(phone, "+62")
	act := seedErasable(t, h, v, name)

	u.SendCommand("/hapusdata")
	ask := expect(t, u, "Hapus data pribadi", "dihapus permanen", "tetap disimpan")
	press(t, u, ask, "Tidak")
	expect(t, u, "tidak dihapus")
	if _, err := h.store.VolunteerByTelegramID(ctx, u.ID); err != nil {
		t.Fatal("Tidak erased the data")
	}

	u.SendCommand("/hapusdata")
	ask = expect(t, u, "Hapus data pribadi")
	// A flow in progress holds personal data in Redis.
	u.SendCommand("/ubahprofil")
	expect(t, u, "Pilih data yang ingin diubah", name)
	press(t, u, ask, "Ya, hapus data saya")
	expect(t, u, "sudah dihapus", "Yang tetap disimpan")

	// No text column of any table holds the name, phone or NIK.
	db := h.store.DB()
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
	keys, err := h.rdb.Keys(ctx, h.cfg.RedisPrefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if k == h.cfg.RedisPrefix+"conv:"+strconv.Itoa(tgID) {
			t.Errorf("the flow state survived")
		}
		// Every key of the bot is a plain string (JSON state, markers).
		val, err := h.rdb.Get(ctx, k).Result()
		if err != nil {
			t.Fatalf("redis key %s: %v", k, err)
		}
		for _, secret := range []string{name, theNIK, phone} {
			if strings.Contains(val, secret) {
				t.Errorf("redis key %s holds personal data", k)
			}
		}
	}
	// The statistics keep the row.
	var pilar, kel, status string
	if err := db.QueryRowxContext(ctx, `SELECT pilar, kelurahan_code, status FROM volunteers WHERE id = $1`, v.ID).Scan(&pilar, &kel, &status); err != nil ||
		pilar != "psm" || kel != "35.75.04.1006" || status != "erased" {
		t.Fatalf("anonymous row: %s %s %s, %v", pilar, kel, status, err)
	}
	log, _ := h.store.AuditLog(ctx, storage.SubjectVolunteer, strconv.FormatInt(v.ID, 10))
	if len(log) != 2 || log[1].Action != storage.ActionVolunteerErase || log[0].Note != "KTP [dihapus] tidak terbaca" {
		t.Errorf("audit = %+v", log)
	}

	u.SendCommand("/profil")
	expect(t, u, "belum terdaftar")
	// Registering again with the same NIK is a new registration.
	v2 := registerAndSave(t, h, u, "Siti Baru", theNIK)
	if v2.ID == v.ID || v2.Status != domain.StatusPending {
		t.Fatalf("re-registration = id %d status %s", v2.ID, v2.Status)
	}
}
