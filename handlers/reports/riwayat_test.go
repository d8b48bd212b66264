package reports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

func TestRiwayatPaging(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5801, "Indah")
	v := verifiedReporter(t, h, u, "Indah Permata", "PSM", apptest.NIK(581))
	var numbers []string
	for i := range 12 {
		r := &storage.Report{
			IdempotencyKey: fmt.Sprintf("seed:%d", i), VolunteerID: v.ID, Pilar: "psm", Activity: "penyuluhan",
			ActivityDate: time.Now(), KelurahanCode: "35.75.04.1006", Description: fmt.Sprintf("Laporan nomor %d", i+1),
		}
		if _, err := h.Store.CreateReport(ctx, r, u.ID, domain.WIB); err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, r.Number)
	}
	r12, _ := h.Store.ReportByNumber(ctx, numbers[11])
	if _, err := h.Store.ReviewReport(ctx, r12.ID, apptest.AdminActor, domain.ReportApproved, ""); err != nil {
		t.Fatal(err)
	}

	u.SendCommand("/riwayat")
	m := apptest.Expect(t, u, "halaman 1 dari 3", "12 laporan", numbers[11], numbers[7], "Disetujui", "Menunggu tinjauan")
	checkPage := func(want []string, notWant ...string) *telegramtest.Message {
		t.Helper()
		cur := u.Message(m.ID)
		for _, n := range want {
			if !strings.Contains(cur.Plain, n) {
				t.Fatalf("page %q lacks %s", cur.Plain, n)
			}
		}
		for _, n := range notWant {
			if strings.Contains(cur.Plain, n) {
				t.Fatalf("page %q shows %s", cur.Plain, n)
			}
		}
		if i := strings.Index(cur.Plain, want[0]); i > strings.Index(cur.Plain, want[len(want)-1]) {
			t.Fatalf("page %q is not newest first", cur.Plain)
		}
		return cur
	}
	checkPage(reversed(numbers[7:12]), numbers[6])

	next := func(label string) *telegramtest.Message {
		t.Helper()
		apptest.Press(t, u, u.Message(m.ID), label)
		return u.Message(m.ID)
	}
	p2 := next("Berikutnya »")
	checkPage(reversed(numbers[2:7]), numbers[11], numbers[1])
	if p2.Edits != 1 || !strings.Contains(p2.Plain, "halaman 2 dari 3") || fmt.Sprint(p2.Buttons()) != "[[« Sebelumnya Berikutnya »]]" {
		t.Fatalf("page 2 = %s", p2)
	}
	p3 := next("Berikutnya »")
	checkPage(reversed(numbers[0:2]), numbers[2])
	if fmt.Sprint(p3.Buttons()) != "[[« Sebelumnya]]" {
		t.Fatalf("page 3 = %s", p3)
	}
	next("« Sebelumnya")
	checkPage(reversed(numbers[2:7]))

	// A double tap asks for the page already shown: answered, nothing sent
	// or edited, no error.
	sent := len(u.Messages())
	_, q := u.PressForged(m.ID, "rw:1")
	if a := h.TG.WaitCallbackAnswered(q); a.ShowAlert {
		t.Fatalf("a repeated page press was answered with an alert %q", a.Text)
	}
	if cur := u.Message(m.ID); cur.Edits != 3 || len(u.Messages()) != sent {
		t.Fatalf("a repeated page press changed the chat: edits %d, messages %d → %d", cur.Edits, sent, len(u.Messages()))
	}
}

// A reviewed report shows in /riwayat with the day of the decision and the
// coordinator's note, which the volunteer needs again to correct it.
func TestRiwayatShowsDecisionAndNote(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5811, "Joni")
	v := apptest.SeedVerified(t, h, u, "Joni Iskandar", "psm", apptest.KelMayangan, 582)
	created := time.Now().Add(-2 * time.Hour)
	rep := apptest.SeedReport(t, h, v, created, storage.Report{Activity: "penyuluhan", ActivityDate: created,
		KelurahanCode: apptest.KelMayangan}, domain.ReportNeedsCorrection, apptest.AdminID)
	waiting := apptest.SeedReport(t, h, v, time.Now(), storage.Report{Activity: "penyuluhan", ActivityDate: created,
		KelurahanCode: apptest.KelMayangan}, domain.ReportSubmitted, 0)

	u.SendCommand("/riwayat")
	m := apptest.Expect(t, u, rep.Number, "Status: Perlu perbaikan (ditinjau "+kit.FormatShortDate(created.Add(time.Hour))+")",
		"Catatan koordinator: Mohon dilengkapi.")
	if i := strings.Index(m.Plain, waiting.Number); strings.Contains(m.Plain[i:strings.Index(m.Plain, rep.Number)], "ditinjau") {
		t.Errorf("the waiting report shows a decision: %q", m.Plain)
	}
}
