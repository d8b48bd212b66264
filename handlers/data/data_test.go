package data_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

func TestRekapCounts(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	this := parse.MonthPeriod(time.Now())
	inThis := this.Start.Add(time.Hour)
	inLast := this.Start.Add(-24 * time.Hour)
	mayangan, trajeng := "35.75.04.1006", "35.75.04.1003"
	apptest.Seed(t, h, 4001, "Psm Satu", "psm", mayangan, apptest.NIK(1), "+6281200000001", inThis, domain.StatusVerified)
	apptest.Seed(t, h, 4002, "Psm Dua", "psm", mayangan, apptest.NIK(2), "+6281200000002", inThis, domain.StatusVerified)
	apptest.Seed(t, h, 4003, "Psm Tiga", "psm", trajeng, apptest.NIK(3), "+6281200000003", inThis, domain.StatusPending)
	apptest.Seed(t, h, 4004, "Tagana Satu", "tagana", trajeng, apptest.NIK(4), "+6281200000004", inThis, domain.StatusRejected)
	apptest.Seed(t, h, 4005, "Karang Taruna Satu", "karang_taruna", mayangan, apptest.NIK(5), "+6281200000005", inLast, domain.StatusVerified)
	apptest.Seed(t, h, 4006, "Karang Taruna Dua", "karang_taruna", mayangan, apptest.NIK(6), "+6281200000006", inLast, domain.StatusPending)
	apptest.Seed(t, h, 4007, "Dihapus", "psm", mayangan, apptest.NIK(7), "+6281200000007", inLast, domain.StatusVerified)
	if err := h.Store.EraseVolunteer(context.Background(), 4007); err != nil {
		t.Fatal(err)
	}

	h.Admin.SendCommand("/rekap bulan ini")
	m := apptest.Expect(t, h.Admin, "Rekap "+this.Label())
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
	h.Admin.SendCommand("/rekap")
	ask := apptest.Expect(t, h.Admin, "Rekap bulan apa?")
	// The question becomes the rekap: one edit, where taking its buttons
	// off and sending the rekap took two calls.
	before := h.Calls()
	apptest.Press(t, h.Admin, ask, apptest.ButtonStarting(t, ask, "Bulan lalu"))
	last := parse.MonthPeriod(inLast)
	m = apptest.ExpectEdited(t, h.Admin, ask, "Rekap "+last.Label())
	if m.Buttons() != nil {
		t.Errorf("the rekap keeps the month buttons %v", m.Buttons())
	}
	if got, want := h.Calls().Since(before), (apptest.Calls{"editMessageText": 1, "answerCallbackQuery": 1}); got.String() != want.String() {
		t.Errorf("a month's button made %v, want %v", got, want)
	}
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
	h.Admin.SendCommand("/rekap Desember 2023")
	apptest.Expect(t, h.Admin, "Rekap Desember 2023", "Jumlah: 0")
	h.Admin.SendCommand("/rekap kapan saja")
	apptest.Expect(t, h.Admin, "Bulan tidak dikenali", "Desember 2023")

	// A month press forged against a message without that button (here
	// the question, which offers two other months; as well a report card)
	// leaves the message as it is: the rekap comes as one of its own.
	h.Admin.SendCommand("/rekap")
	ask = apptest.Expect(t, h.Admin, "Rekap bulan apa?")
	_, q := h.Admin.PressForged(ask.ID, "rk:2023-12")
	h.TG.WaitCallbackAnswered(q)
	apptest.Expect(t, h.Admin, "Rekap Desember 2023", "Jumlah: 0")
	if m := h.Admin.Message(ask.ID); m.Edits != 0 || m.Buttons() == nil {
		t.Errorf("a forged month press rewrote the question: %s", m)
	}
}

func TestDataCommandsRefuseVolunteers(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	v := h.TG.NewUser(4101, "Relawan")
	apptest.Seed(t, h, 4101, "Relawan Biasa", "psm", "35.75.04.1006", apptest.NIK(11), "+6281200000011", time.Now(), domain.StatusVerified)
	coord := apptest.AddCoordinator(t, h, 4102, "Koordinator")
	for _, cmd := range []string{"/rekap", "/ekspor", "/cari Relawan", "/rekap bulan ini"} {
		v.SendCommand(cmd)
		apptest.Expect(t, v, "hanya untuk koordinator")
	}
	v.SendCommand("/koordinator")
	apptest.Expect(t, v, "hanya untuk koordinator")
	coord.SendCommand("/koordinator")
	apptest.Expect(t, coord, "hanya untuk admin")

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
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, forged.want) {
			t.Errorf("forged %q answered %q", forged.data, a.Text)
		}
	}
	// Nothing was sent: the next message is the answer to /bantuan.
	v.SendCommand("/bantuan")
	help := apptest.Expect(t, v, "/hapusdata", "/ubahprofil")
	if strings.Contains(help.Plain, "/rekap") {
		t.Errorf("a volunteer's help shows coordinator commands: %q", help.Plain)
	}
	coord.SendCommand("/bantuan")
	help = apptest.Expect(t, coord, "/rekap", "/ekspor", "/cari")
	if strings.Contains(help.Plain, "/koordinator") {
		t.Errorf("a coordinator's help shows /koordinator: %q", help.Plain)
	}
	if ok, _ := h.Store.IsCoordinator(context.Background(), 4101); ok {
		t.Fatal("a forged callback made a coordinator")
	}
}

// openExport waits for the next document in u's chat and opens it.
func openExport(t *testing.T, u *telegramtest.User, caption ...string) *excelize.File {
	t.Helper()
	m := apptest.Expect(t, u, caption...)
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
	h := apptest.New(t)
	created := time.Date(2023, 12, 20, 8, 30, 0, 0, domain.WIB)
	apptest.Seed(t, h, 4201, "Latifa", "psm", "35.75.04.1006", "3575046512850001", "+6281234567890", created, domain.StatusVerified)
	apptest.Seed(t, h, 4202, "Budi <Santoso>", "tagana", "35.75.03.1003", apptest.NIK(22), "+6285712345678", created.Add(time.Hour), domain.StatusPending)
	apptest.Seed(t, h, 4203, "Dihapus", "psm", "35.75.04.1006", apptest.NIK(23), "+6281200000023", created, domain.StatusPending)
	if err := h.Store.EraseVolunteer(context.Background(), 4203); err != nil {
		t.Fatal(err)
	}
	coord := apptest.AddCoordinator(t, h, 4204, "Koordinator")

	coord.SendCommand("/ekspor")
	ask := apptest.Expect(t, coord, "Data apa")
	apptest.Press(t, coord, ask, "Data relawan")
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
	h.Admin.SendCommand("/ekspor relawan")
	f = openExport(t, h.Admin, "Data relawan", "2 baris")
	if got, _ := f.GetCellValue(sheet, "H3"); got != "3575046512850001" {
		t.Errorf("admin NIK = %q", got)
	}
	if got, _ := f.GetCellValue(sheet, "G3"); got != "+6281234567890" {
		t.Errorf("admin phone = %q", got)
	}
}

func TestCari(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	now := time.Now()
	apptest.Seed(t, h, 4301, "Siti Aminah", "psm", "35.75.04.1006", apptest.NIK(31), "+6281234560031", now, domain.StatusVerified)
	apptest.Seed(t, h, 4302, "Siti Rahma", "pkh", "35.75.04.1003", apptest.NIK(32), "+6281299990032", now, domain.StatusPending)
	apptest.Seed(t, h, 4303, "Bambang", "tagana", "35.75.01.1001", apptest.NIK(33), "+6285700000033", now, domain.StatusVerified)

	h.Admin.SendCommand("/cari")
	apptest.Expect(t, h.Admin, "Contoh: /cari Siti")
	h.Admin.SendCommand("/cari si")
	apptest.Expect(t, h.Admin, "terlalu pendek")
	h.Admin.SendCommand("/cari bambang")
	card := apptest.Expect(t, h.Admin, "Profil relawan", "Bambang", "Tagana", "Karangketug", "3575**********33", "+62857*****033", "Terverifikasi")
	if strings.Contains(card.Plain, apptest.NIK(33)) {
		t.Fatal("the card shows the NIK in full")
	}
	h.Admin.SendCommand("/cari 0812-9999-0032")
	apptest.Expect(t, h.Admin, "Profil relawan", "Siti Rahma")
	h.Admin.SendCommand("/cari SITI")
	list := apptest.Expect(t, h.Admin, "Ditemukan 2 relawan")
	apptest.Press(t, h.Admin, list, apptest.ButtonStarting(t, list, "Siti Aminah"))
	apptest.Expect(t, h.Admin, "Profil relawan", "Siti Aminah", "Mayangan")
	h.Admin.SendCommand("/cari Tidak Ada")
	apptest.Expect(t, h.Admin, "Tidak ada relawan yang cocok")
}

// TestCariPhoneNeedsFullNumber: a phone search takes the whole number in
// any form people write it; part of a number finds nobody, so repeated
// searches cannot recover the digits a profile masks.
func TestCariPhoneNeedsFullNumber(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	apptest.Seed(t, h, 4311, "Siti Rahma", "pkh", "35.75.04.1003", apptest.NIK(34), "+6281299990034", time.Now(), domain.StatusVerified)
	for _, q := range []string{"0812-9999", "812999", "99990034", "6281299990", "08129999"} {
		h.Admin.SendCommand("/cari " + q)
		m := apptest.Expect(t, h.Admin, "nomor HP lengkap")
		if strings.Contains(m.Plain, "Siti") {
			t.Errorf("/cari %s found the volunteer: %q", q, m.Plain)
		}
	}
	for _, q := range []string{"0812-9999-0034", "+62 812 9999 0034", "6281299990034", "0812.9999.0034"} {
		h.Admin.SendCommand("/cari " + q)
		apptest.Expect(t, h.Admin, "Profil relawan", "Siti Rahma")
	}
	h.Admin.SendCommand("/cari 0812-9999-0035")
	apptest.Expect(t, h.Admin, "Tidak ada relawan yang cocok")
}

// TestRekapDoubleTapSendsOneRekap: two presses of a month's button that
// reach the bot before the first one's edit (a slow phone) make one rekap
// and one chart; the second press is only answered.
func TestRekapDoubleTapSendsOneRekap(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	inLast := parse.MonthPeriod(time.Now()).Start.Add(-24 * time.Hour)
	v := apptest.Seed(t, h, 4091, "Psm Ganda", "psm", apptest.KelMayangan, apptest.NIK(91), "+6281200000091", inLast, domain.StatusVerified)
	apptest.SeedReport(t, h, v, inLast, storage.Report{Activity: "rujukan", ActivityDate: inLast,
		KelurahanCode: apptest.KelMayangan, PMKSCategory: "Anak telantar", Beneficiaries: apptest.Ptr(2)}, domain.ReportSubmitted, 0)
	h.Admin.SendCommand("/rekap")
	ask := apptest.Expect(t, h.Admin, "Rekap bulan apa?")
	before := h.Calls()
	q1, q2 := h.Admin.DoubleTap(ask, ask.CallbackData(apptest.ButtonStarting(t, ask, "Bulan lalu")))
	h.TG.WaitCallbackAnswered(q1)
	second := h.TG.WaitCallbackAnswered(q2)
	apptest.ExpectEdited(t, h.Admin, ask, "Rekap ")
	time.Sleep(200 * time.Millisecond) // a second chart would be on its way by now
	got := h.Calls().Since(before)
	if got["sendPhoto"] != 1 || got["editMessageText"] != 1 || got["sendMessage"] != 0 {
		t.Errorf("a double tap made %v, want one rekap: one edit and one chart", got)
	}
	if !strings.Contains(second.Text, "sudah dikirim") {
		t.Errorf("the second press was answered %q", second.Text)
	}
}
