package reports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
	"pilarbot/storage/domain"
)

func TestReportReview(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5501, "Eko")
	verifiedReporter(t, h, u, "Eko Prasetyo", "PSM", apptest.NIK(551))

	// Approve.
	n1 := submitSimple(t, h, u, "Penyuluhan pertama tentang bansos.")
	card1 := h.Admin.Last()
	apptest.Press(t, h.Admin, card1, "✅ Setujui")
	apptest.ExpectEdited(t, h.Admin, card1, "✅ Laporan "+n1+" disetujui.", "Pelapor: Eko Prasetyo", "Penyuluhan pertama")
	apptest.Expect(t, u, n1, "disetujui")
	if bs := h.Admin.Message(card1.ID).Buttons(); len(bs) != 0 {
		t.Errorf("the approved card still has buttons %v", bs)
	}
	r1, _ := h.Store.ReportByNumber(ctx, n1)
	_, q := h.Admin.PressForged(card1.ID, fmt.Sprintf("rv:no:%d", r1.ID)) // a late second decision
	if a := h.TG.WaitCallbackAnswered(q); a.Text != "Laporan ini sudah ditinjau oleh ID 9001: Disetujui." {
		t.Errorf("late press answered %q", a.Text)
	}
	checkHistory(t, h, r1.ID, domain.ReportApproved, "")

	// Needs correction, with a note that reaches the volunteer.
	n2 := submitSimple(t, h, u, "Penyuluhan kedua tentang bansos.")
	card2 := h.Admin.Last()
	apptest.Press(t, h.Admin, card2, "🔁 Perlu perbaikan")
	apptest.Expect(t, h.Admin, "catatan perbaikan", n2)
	h.Admin.SendText("ok")
	apptest.Expect(t, h.Admin, "⚠️", "catatan perbaikan")
	note := "Mohon lampirkan <foto> & jumlah peserta."
	h.Admin.SendText(note)
	apptest.Expect(t, h.Admin, "Tinjauan laporan "+n2, "Perlu perbaikan")
	apptest.ExpectEdited(t, h.Admin, card2, "🔁 Laporan "+n2+" perlu perbaikan.", "Catatan: "+note, "Penyuluhan kedua")
	if bs := h.Admin.Message(card2.ID).Buttons(); len(bs) != 0 {
		t.Errorf("the card decided with a note still has buttons %v", bs)
	}
	apptest.Expect(t, u, n2, "perlu perbaikan", note, "/lapor")
	r2, _ := h.Store.ReportByNumber(ctx, n2)
	if r2.Status != domain.ReportNeedsCorrection {
		t.Fatalf("status %s", r2.Status)
	}
	checkHistory(t, h, r2.ID, domain.ReportNeedsCorrection, note)
	_, q = h.Admin.PressForged(card2.ID, fmt.Sprintf("rv:ok:%d", r2.ID))
	if a := h.TG.WaitCallbackAnswered(q); a.Text != "Laporan ini sudah ditinjau oleh ID 9001: Perlu perbaikan." {
		t.Errorf("second decision answered %q", a.Text)
	}

	// Reject.
	n3 := submitSimple(t, h, u, "Penyuluhan ketiga tentang bansos.")
	card3 := h.Admin.Last()
	apptest.Press(t, h.Admin, card3, "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan", n3)
	h.Admin.SendText("Sudah dilaporkan dengan nomor " + n2)
	apptest.Expect(t, h.Admin, "Tinjauan laporan "+n3, "Ditolak")
	apptest.ExpectEdited(t, h.Admin, card3, "❌ Laporan "+n3+" ditolak.", "Alasan: Sudah dilaporkan dengan nomor "+n2)
	apptest.Expect(t, u, n3, "tidak dapat diterima", "Sudah dilaporkan dengan nomor "+n2)
	r3, _ := h.Store.ReportByNumber(ctx, n3)
	checkHistory(t, h, r3.ID, domain.ReportRejected, "Sudah dilaporkan dengan nomor "+n2)

	// /laporan shows the history; a report without photos sends none.
	h.Admin.SendCommand("/laporan " + n2)
	apptest.Expect(t, h.Admin, "Perlu perbaikan", note)
	h.Admin.SendCommand("/laporan LAP-1999-000001")
	apptest.Expect(t, h.Admin, "tidak ditemukan")
	h.Admin.SendCommand("/laporan")
	apptest.Expect(t, h.Admin, "Contoh: /laporan")
}

// checkHistory wants exactly the submission and one review by the admin.
func checkHistory(t *testing.T, h *apptest.Harness, reportID int64, to domain.ReportStatus, note string) {
	t.Helper()
	hist, err := h.Store.ReportHistory(context.Background(), reportID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history of report %d = %+v, %v", reportID, hist, err)
	}
	if hist[0].From != "" || hist[0].To != domain.ReportSubmitted ||
		hist[1].From != domain.ReportSubmitted || hist[1].To != to || hist[1].Note != note || hist[1].ActorID != apptest.AdminID {
		t.Fatalf("history of report %d = %+v", reportID, hist)
	}
}

func TestReportVolunteerCannotReview(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5601, "Fajar")
	verifiedReporter(t, h, u, "Fajar Nugroho", "PSM", apptest.NIK(561))
	number := submitSimple(t, h, u, "Penyuluhan tentang PKH di balai RW.")
	rep, _ := h.Store.ReportByNumber(ctx, number)
	last := u.Last()
	for _, action := range []string{"ok", "fix", "no"} {
		_, q := u.PressForged(last.ID, fmt.Sprintf("rv:%s:%d", action, rep.ID))
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "hanya untuk koordinator") {
			t.Fatalf("forged %s answered %q", action, a.Text)
		}
	}
	u.SendCommand("/laporan " + number)
	apptest.Expect(t, u, "hanya untuk koordinator")
	got, _ := h.Store.ReportByNumber(ctx, number)
	hist, _ := h.Store.ReportHistory(ctx, rep.ID)
	if got.Status != domain.ReportSubmitted || len(hist) != 1 {
		t.Fatalf("a volunteer's forged review changed the report: %s, %d history rows", got.Status, len(hist))
	}
}
