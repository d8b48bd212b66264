package siaga_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
)

// TestReportLinkedToCallup: a PSM called up (audience by pilar, as
// /umumkan offers) is asked in /lapor whether the report answers the
// call-up; the tally and /siaga riwayat count the linked report.
func TestReportLinkedToCallup(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(7401, "Latifa")
	v := apptest.SeedVerified(t, h, u, "Latifa", "psm", apptest.KelMayangan, 1)
	a := h.Admin

	a.SendCommand("/siaga")
	apptest.Expect(t, a, "Siapa yang dipanggil?")
	a.SendText("Per jenis pilar")
	apptest.Expect(t, a, "Pilih jenis pilar")
	a.SendText("PSM")
	apptest.Expect(t, a, "Sudah dipilih: PSM")
	a.SendText("Selesai")
	apptest.Expect(t, a, "Tulis pesan singkat")
	a.SendText("Dapur umum di Posko Mayangan butuh bantuan")
	apptest.Expect(t, a, "titik kumpul")
	a.SendLocation(-7.6406, 112.9066)
	sum := apptest.ExpectSummary(t, a, "Periksa panggilan siaga", "PSM", "-7.64060, 112.90660")
	apptest.Press(t, a, sum, "🚨 Kirim siaga")
	tally := tallyOf(t, a, sum)
	call := apptest.Expect(t, u, "PANGGILAN SIAGA", "Titik kumpul: buka peta")
	if url := call.Text; !strings.Contains(url, "maps.google.com/?q=-7.640600,112.906600") {
		t.Errorf("the call-up's pin: %q", url)
	}
	apptest.Press(t, u, call, "✅ Siap berangkat")
	// The message reaches the volunteer a moment before the runner
	// records it sent, which is what /lapor offers call-ups by: no one
	// types /lapor that fast, the test does.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if list, err := h.Store.CallupsReaching(context.Background(), v.ID, time.Now().Add(-time.Hour), 5); err == nil && len(list) == 1 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("the call-up was not recorded as delivered: %v, %v", list, err)
		}
	}

	u.SendCommand("/lapor")
	ask := apptest.Expect(t, u, "Apakah laporan ini untuk panggilan siaga")
	if kb := ask.Keyboard(); len(kb) != 2 {
		t.Fatalf("offered %v, want the call-up and Tidak terkait", kb)
	}
	u.SendText(ask.Keyboard()[0][0])
	apptest.Walk(t, u,
		apptest.Step{"jenis kegiatan", "Penyuluhan"},
		apptest.Step{"tanggal", "Hari ini"},
		apptest.Step{"kelurahan", "Mayangan"},
		apptest.Step{"titik lokasi", "Lewati"},
		apptest.Step{"apa yang dilakukan", "Membantu dapur umum di posko Mayangan"})
	apptest.Expect(t, u, "foto kegiatan")
	u.SendText("Selesai")
	rep := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan", "Panggilan siaga: Siaga ")
	apptest.Press(t, u, rep, "✅ Kirim")
	apptest.ExpectEdited(t, u, rep, "sudah diterima dengan nomor")
	apptest.Expect(t, a, "Laporan baru")

	waitTally(t, a, tally, "Siap: 1", "Laporan terkait: 1")
	a.SendCommand("/siaga riwayat")
	apptest.Expect(t, a, "Riwayat siaga", "PSM", "Dapur umum", "Siap 1", "laporan 1")
}
