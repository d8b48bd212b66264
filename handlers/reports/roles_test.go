package reports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage/domain"
)

// TestRemovedCoordinatorCannotFinishReviewNote: a coordinator presses
// "Perlu perbaikan" and loses the role before typing the note. The note is
// not saved: the report stays waiting for review and the reporter hears
// nothing.
func TestRemovedCoordinatorCannotFinishReviewNote(t *testing.T) {
	t.Parallel()
	apptest.EachDemotion(t, func(t *testing.T, h *apptest.Harness, d apptest.Demotion) {
		u := h.TG.NewUser(5701, "Gita")
		verifiedReporter(t, h, u, "Gita Permata", "PSM", apptest.NIK(571))
		c := apptest.AddCoordinator(t, h, 5702, "Hadi")
		number := submitSimple(t, h, u, "Penyuluhan tentang bansos di balai RW.")

		card := apptest.Expect(t, c, "Laporan baru "+number)
		apptest.Press(t, c, card, "🔁 Perlu perbaikan")
		apptest.Expect(t, c, "catatan perbaikan", number)
		d.Apply(t, h, c, "catatan tinjauan laporan")
		c.SendText("Mohon lampirkan foto kegiatannya.")
		d.ExpectTypedRefused(t, c, "catatan tinjauan laporan")

		expectUnreviewed(t, h, number)
		expectNoVerdict(t, u, number)
	})
}

// TestCoordinatorCannotReviewOwnReport: a coordinator who is also a
// verified volunteer gets no review card of their own report, and forged
// Setujui / Perlu perbaikan / Tolak presses of it are refused; the admin
// reviews it.
func TestCoordinatorCannotReviewOwnReport(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	c := h.TG.NewUser(5801, "Indah")
	verifiedReporter(t, h, c, "Indah Lestari", "PSM", apptest.NIK(581))
	apptest.Appoint(t, h, c)
	number := submitSimple(t, h, c, "Penyuluhan tentang PKH di kelurahan.")
	rep, _ := h.Store.ReportByNumber(context.Background(), number)
	adminCard := h.Admin.Last()

	for _, action := range []string{"ok", "fix", "no"} {
		_, q := c.PressForged(1, fmt.Sprintf("rv:%s:%d", action, rep.ID))
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "sendiri") {
			t.Fatalf("a forged rv:%s of one's own report answered %q", action, a.Text)
		}
	}
	c.SendText("Laporan saya sudah lengkap") // no note flow was opened
	apptest.Expect(t, c, "belum mengerti")
	expectUnreviewed(t, h, number)
	expectNoVerdict(t, c, number)
	for _, m := range c.Messages() {
		if strings.Contains(m.Plain, "Laporan baru") {
			t.Fatalf("the reporter got the review card of their own report: %q", m.Plain)
		}
	}

	apptest.Press(t, h.Admin, adminCard, "✅ Setujui")
	apptest.Expect(t, c, number, "disetujui")
}

// expectUnreviewed checks that the report is still waiting, with only its
// submission in the history.
func expectUnreviewed(t *testing.T, h *apptest.Harness, number string) {
	t.Helper()
	rep, err := h.Store.ReportByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	hist, _ := h.Store.ReportHistory(context.Background(), rep.ID)
	if rep.Status != domain.ReportSubmitted || len(hist) != 1 {
		t.Fatalf("report %s was reviewed: %s, %d history rows", number, rep.Status, len(hist))
	}
}

// expectNoVerdict checks that the reporter was told no decision on the
// report: /riwayat shows it waiting, and nothing came before.
func expectNoVerdict(t *testing.T, u *telegramtest.User, number string) {
	t.Helper()
	u.SendCommand("/riwayat")
	apptest.Expect(t, u, number, "Menunggu tinjauan")
	for _, m := range u.Messages() {
		if strings.Contains(m.Plain, "perlu perbaikan") || strings.Contains(m.Plain, "tidak dapat diterima") ||
			strings.Contains(m.Plain, "sudah disetujui") {
			t.Fatalf("the reporter was told of a review that was not made: %q", m.Plain)
		}
	}
}
