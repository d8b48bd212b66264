package reports_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// KelBugulKidul and KecBugulKidul are the area of the scoped coordinator
// in these tests: the TKSK of Bugul Kidul.
const (
	KelBugulKidul = "35.75.03.1009"
	KecBugulKidul = "35.75.03"
)

// seedWaiting stores a report of v waiting for review, submitted ago
// before now; no coordinator hears of it.
func seedWaiting(t *testing.T, h *apptest.Harness, v *storage.Volunteer, ago time.Duration) *storage.Report {
	t.Helper()
	return apptest.SeedReport(t, h, v, time.Now().Add(-ago), storage.Report{Activity: "penyuluhan",
		ActivityDate: time.Now(), KelurahanCode: v.KelurahanCode}, domain.ReportSubmitted, 0)
}

// wantHistory wants the submission of report id and one review by actor.
func wantHistory(t *testing.T, h *apptest.Harness, id, actor int64, to domain.ReportStatus) {
	t.Helper()
	hist, err := h.Store.ReportHistory(context.Background(), id)
	if err != nil || len(hist) != 2 || hist[1].To != to || hist[1].ActorID != actor {
		t.Fatalf("history of report %d = %+v, %v; want one review %s by %d", id, hist, err, to, actor)
	}
}

// A coordinator appointed after two reports were submitted (so no notice
// ever reached them) finds them in /tinjau, oldest first, skips through
// them, and reviews both from the queue, each decision bringing the next
// card; the volunteers' /riwayat shows the decisions and the note.
func TestTinjauQueueOfLateCoordinator(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u1, u2 := h.TG.NewUser(6101, "Ani"), h.TG.NewUser(6102, "Budi")
	v1 := apptest.SeedVerified(t, h, u1, "Ani Rahayu", "psm", apptest.KelMayangan, 611)
	v2 := apptest.SeedVerified(t, h, u2, "Budi Santoso", "psm", apptest.KelTrajeng, 612)
	r1, r2 := seedWaiting(t, h, v1, 3*time.Hour), seedWaiting(t, h, v2, 2*time.Hour)
	c := apptest.AddCoordinator(t, h, 6150, "Bu Sri")
	c.SendCommand("/bantuan")
	apptest.Expect(t, c, "/tinjau", "Tinjau laporan yang menunggu")
	if menu := fmt.Sprint(h.TG.Commands(fmt.Sprintf("chat:%d", apptest.AdminID))); !strings.Contains(menu, "{tinjau Tinjau laporan yang menunggu}") {
		t.Errorf("the coordinators' menu %s lacks /tinjau", menu)
	}

	c.SendCommand("/tinjau")
	card := apptest.Expect(t, c, "Laporan "+r1.Number, "2 laporan menunggu tinjauan", "Pelapor: Ani Rahayu")
	if got := fmt.Sprint(card.Buttons()); got != "[[✅ Setujui ❌ Tolak] [🔁 Perlu perbaikan] [📊 Rekam jejak pelapor Lewati »]]" {
		t.Fatalf("queue card buttons = %s", got)
	}
	if strings.Contains(card.Plain, "Wilayah") {
		t.Errorf("a city-wide coordinator's card names an area: %q", card.Plain)
	}
	apptest.Press(t, c, card, "Lewati »")
	card2 := apptest.Expect(t, c, "Laporan "+r2.Number, "2 laporan menunggu", "Pelapor: Budi Santoso")
	if bs := c.Message(card.ID).Buttons(); bs != nil {
		t.Errorf("the skipped card keeps buttons %v", bs)
	}
	apptest.Press(t, c, card2, "Lewati »")
	apptest.Expect(t, c, "Tidak ada laporan lain setelah ini", "Masih 2 laporan", "/tinjau")

	// From the oldest again: Setujui brings the next card at once.
	c.SendCommand("/tinjau")
	card = apptest.Expect(t, c, "Laporan "+r1.Number)
	if a := apptest.Press(t, c, card, "✅ Setujui"); a.Text != "Laporan disetujui." {
		t.Errorf("Setujui answered %q", a.Text)
	}
	apptest.Expect(t, u1, r1.Number, "disetujui")
	next := apptest.Expect(t, c, "Laporan "+r2.Number, "1 laporan menunggu")
	decided := apptest.ExpectEdited(t, c, card, "✅ Laporan "+r1.Number+" disetujui.", "Pelapor: Ani Rahayu")
	if bs := decided.Buttons(); bs != nil || strings.Contains(decided.Plain, "menunggu tinjauan") {
		t.Errorf("the approved card = %q with buttons %v, want the decision in place of the queue line", decided.Plain, bs)
	}
	apptest.Press(t, c, next, "🔁 Perlu perbaikan")
	apptest.Expect(t, c, "catatan perbaikan", r2.Number)
	note := "Mohon sebutkan jumlah peserta penyuluhan."
	c.SendText(note)
	apptest.Expect(t, c, "Tinjauan laporan "+r2.Number, "Perlu perbaikan")
	apptest.Expect(t, c, "Tidak ada laporan yang menunggu tinjauan.")
	apptest.ExpectEdited(t, c, next, "🔁 Laporan "+r2.Number+" perlu perbaikan.", "Catatan: "+note, "Pelapor: Budi Santoso")
	apptest.Expect(t, u2, r2.Number, "perlu perbaikan", note)
	if bs := c.Message(next.ID).Buttons(); bs != nil {
		t.Errorf("the reviewed card keeps buttons %v", bs)
	}
	wantHistory(t, h, r1.ID, c.ID, domain.ReportApproved)
	wantHistory(t, h, r2.ID, c.ID, domain.ReportNeedsCorrection)

	today := kit.FormatShortDate(time.Now())
	u1.SendCommand("/riwayat")
	if m := apptest.Expect(t, u1, r1.Number, "Status: Disetujui (ditinjau "+today+")"); strings.Contains(m.Plain, "Catatan") {
		t.Errorf("an approval without a note shows one: %q", m.Plain)
	}
	u2.SendCommand("/riwayat")
	apptest.Expect(t, u2, r2.Number, "Status: Perlu perbaikan (ditinjau "+today+")", "Catatan koordinator: "+note)
}

// A decision on a notice (not a queue card) does not bring the next card
// but says in the card how many still wait.
func TestDecisionOnNoticeSaysWhatIsLeft(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6111, "Citra")
	v := apptest.SeedVerified(t, h, u, "Citra Lestari", "psm", apptest.KelMayangan, 613)
	seedWaiting(t, h, v, time.Hour)
	number := submitSimple(t, h, u, "Penyuluhan tentang PKH di balai RW.")
	card := h.Admin.Last()
	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.ExpectEdited(t, h.Admin, card, "✅ Laporan "+number+" disetujui.\nMasih 1 laporan menunggu tinjauan: /tinjau",
		"Pelapor: Citra Lestari")
	h.Admin.ExpectNoMessage(200 * time.Millisecond)
}

// Two coordinators press Setujui on the same report at the same moment:
// one decision, one history row after the submission, the volunteer told
// once, and the other coordinator hears who decided.
func TestConcurrentApproveDecidesOnce(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6201, "Dewi")
	v := apptest.SeedVerified(t, h, u, "Dewi Anggraini", "psm", apptest.KelMayangan, 621)
	rep := seedWaiting(t, h, v, time.Hour)
	a, b := apptest.AddCoordinator(t, h, 6251, "Bu Sri"), apptest.AddCoordinator(t, h, 6252, "Pak Budi")
	cards := map[*telegramtest.User]*telegramtest.Message{}
	for _, c := range []*telegramtest.User{a, b} {
		c.SendCommand("/laporan " + rep.Number)
		cards[c] = apptest.Expect(t, c, "Laporan "+rep.Number, "Menunggu tinjauan")
	}

	start := make(chan struct{})
	queries := map[*telegramtest.User]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c, card := range cards {
		data := card.CallbackData("✅ Setujui")
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, q := c.Press(card, data)
			mu.Lock()
			queries[c] = q
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	answers := map[string]*telegramtest.User{}
	for c, q := range queries {
		answers[h.TG.WaitCallbackAnswered(q).Text] = c
	}
	winner := answers["Laporan disetujui."]
	if winner == nil || len(answers) != 2 {
		t.Fatalf("answers = %v", answers)
	}
	loser, name := a, "Pak Budi"
	if winner == a {
		loser, name = b, "Bu Sri"
	}
	if answers["Laporan ini sudah ditinjau oleh "+name+": Disetujui."] != loser {
		t.Fatalf("answers = %v, want the loser told that %s decided", answers, name)
	}
	apptest.ExpectEdited(t, winner, cards[winner], "✅ Laporan "+rep.Number+" disetujui.")
	apptest.ExpectEdited(t, loser, cards[loser], "Laporan "+rep.Number+" sudah ditinjau oleh "+name+": Disetujui.", "Pelapor: Dewi Anggraini")
	apptest.Expect(t, u, rep.Number, "disetujui")
	u.ExpectNoMessage(200 * time.Millisecond)
	winner.ExpectNoMessage(0)
	loser.ExpectNoMessage(0)
	wantHistory(t, h, rep.ID, winner.ID, domain.ReportApproved)
	for c, card := range cards {
		if bs := c.Message(card.ID).Buttons(); len(bs) != 0 {
			t.Errorf("coordinator %d's card keeps buttons %v", c.ID, bs)
		}
	}
}

// The TKSK of Bugul Kidul works on Bugul Kidul alone: a Panggungrejo
// report is not in their queue, /laporan of it is refused, and forged
// presses on it are refused and change nothing.
func TestScopedCoordinatorReviewsOnlyTheirArea(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	up, ub := h.TG.NewUser(6301, "Eka"), h.TG.NewUser(6302, "Fitri")
	rp := seedWaiting(t, h, apptest.SeedVerified(t, h, up, "Eka Panggungrejo", "psm", apptest.KelMayangan, 631), 3*time.Hour)
	rb := seedWaiting(t, h, apptest.SeedVerified(t, h, ub, "Fitri Bugul", "psm", KelBugulKidul, 632), 2*time.Hour)
	s := apptest.AddCoordinator(t, h, 6350, "Pak Tono")
	if err := h.Store.SetCoordinatorScope(ctx, s.ID, storage.Scope{Kecamatans: []string{KecBugulKidul}}, apptest.AdminID); err != nil {
		t.Fatal(err)
	}

	s.SendCommand("/tinjau")
	card := apptest.Expect(t, s, "Laporan "+rb.Number, "1 laporan menunggu", "Wilayah: Kec. Bugul Kidul · semua pilar")
	s.SendCommand("/laporan " + rp.Number)
	apptest.Expect(t, s, kit.MsgOutOfScope)
	for _, data := range []string{"rv:ok:%d", "rv:fix:%d", "rv:no:%d", "tj:rec:%d", "tj:skip:%d"} {
		_, q := s.PressForged(card.ID, fmt.Sprintf(data, rp.ID))
		if a := h.TG.WaitCallbackAnswered(q); a.Text != kit.MsgOutOfScope {
			t.Errorf("forged %q answered %q", data, a.Text)
		}
	}
	s.SendText("Catatan yang tidak punya alur.") // no note flow was started
	apptest.Expect(t, s, "belum mengerti")
	if got, _ := h.Store.ReportByID(ctx, rp.ID); got.Status != domain.ReportSubmitted {
		t.Fatalf("a forged press changed the report: %s", got.Status)
	}
	if hist, _ := h.Store.ReportHistory(ctx, rp.ID); len(hist) != 1 {
		t.Fatalf("a forged press wrote history: %+v", hist)
	}
	if bs := s.Message(card.ID).Buttons(); len(bs) == 0 {
		t.Errorf("forged presses took the buttons off the real card")
	}

	// Their own report is theirs to review; after it nothing waits in
	// the area, whatever waits elsewhere.
	apptest.Press(t, s, card, "✅ Setujui")
	apptest.ExpectEdited(t, s, card, rb.Number, "disetujui")
	apptest.Expect(t, s, "Tidak ada laporan yang menunggu tinjauan.", "Wilayah: Kec. Bugul Kidul")
	wantHistory(t, h, rb.ID, s.ID, domain.ReportApproved)
}

// A new report's notice reaches the admin, the city-wide coordinator and
// the one whose scope covers the reporter, not one scoped elsewhere.
func TestNewReportNoticeGoesToCoveringCoordinators(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(6401, "Gita")
	apptest.SeedVerified(t, h, u, "Gita Permata", "psm", apptest.KelMayangan, 641)
	// Appointed first, so their notice would go out before the others'.
	elsewhere := apptest.AddCoordinator(t, h, 6451, "Pak Tono")
	taganaOnly := apptest.AddCoordinator(t, h, 6452, "Mas Rizal")
	city := apptest.AddCoordinator(t, h, 6453, "Bu Sri")
	covering := apptest.AddCoordinator(t, h, 6454, "Pak Hadi")
	for id, g := range map[int64]storage.Scope{
		elsewhere.ID:  {Kecamatans: []string{KecBugulKidul}},
		taganaOnly.ID: {Pilars: []string{"tagana"}},
		covering.ID:   {Kecamatans: []string{apptest.KecPanggung}, Pilars: []string{"psm"}},
	} {
		if err := h.Store.SetCoordinatorScope(ctx, id, g, apptest.AdminID); err != nil {
			t.Fatal(err)
		}
	}

	number := submitSimple(t, h, u, "Penyuluhan tentang bansos di balai RW.") // the admin's card
	for _, c := range []*telegramtest.User{city, covering} {
		card := apptest.Expect(t, c, "Laporan baru "+number, "Pelapor: Gita Permata")
		if len(card.Buttons()) != 3 {
			t.Errorf("coordinator %d's card buttons = %v", c.ID, card.Buttons())
		}
	}
	elsewhere.ExpectNoMessage(200 * time.Millisecond)
	taganaOnly.ExpectNoMessage(0)
}
