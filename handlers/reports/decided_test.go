package reports_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/bot/telegramtest"
	"pilarbot/conversations"
	"pilarbot/handlers/apptest"
)

// eraseData runs /hapusdata with Ya for u.
func eraseData(t *testing.T, u *telegramtest.User) {
	t.Helper()
	u.SendCommand("/hapusdata")
	apptest.Press(t, u, apptest.Expect(t, u, "Hapus data pribadi"), "Ya, hapus data saya")
	apptest.Expect(t, u, "sudah dihapus")
}

// submitWithPhoto sends a PSM "Penyuluhan" report with one photo and
// returns its number; the coordinators' cards are left to the caller.
func submitWithPhoto(t *testing.T, u *telegramtest.User, uraian string) string {
	t.Helper()
	apptest.ToReportPhotos(t, u, uraian)
	u.SendPhoto("")
	apptest.Expect(t, u, "Foto diterima")
	u.SendText("Selesai")
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan")
	apptest.Press(t, u, sum, "✅ Kirim")
	return reportNumber(t, apptest.ExpectEdited(t, u, sum, "sudah diterima dengan nomor").Plain)
}

// TestNoteTypedAcrossErasureLeavesCardErased: a coordinator presses Tolak
// (or Perlu perbaikan) on a real report card, the reporter erases their
// data, which scrubs the card, and only then is the note typed. The card
// stays scrubbed, a photo card two days old keeps its erased caption, and
// the coordinator is told the note went nowhere.
func TestNoteTypedAcrossErasureLeavesCardErased(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6701, "Wulan")
	k := apptest.AddCoordinator(t, h, 6709, "Koordinator Tari")
	const name = "Wulandari Terhapus"
	apptest.SeedVerified(t, h, u, name, "psm", apptest.KelMayangan, 671)
	text := submitSimple(t, h, u, "Penyuluhan bansos bersama warga.")
	textCard := h.Admin.Last()
	apptest.Expect(t, k, "Laporan baru "+text, name)
	photo := submitWithPhoto(t, u, "Penyuluhan PKH bersama warga.")
	apptest.Expect(t, h.Admin, "Laporan baru "+photo, name)
	photoCard := apptest.Expect(t, k, "Laporan baru "+photo, name)
	if photoCard.PhotoFileID == "" {
		t.Fatalf("want a photo card, got %s", photoCard)
	}
	// Two days later the photo card can no longer be deleted: the
	// erasure replaces its caption.
	h.TG.Advance(49 * time.Hour)
	h.Clock.Advance(49 * time.Hour)
	apptest.Press(t, h.Admin, textCard, "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan", text)
	apptest.Press(t, k, photoCard, "🔁 Perlu perbaikan")
	apptest.Expect(t, k, "catatan perbaikan", photo)

	eraseData(t, u)
	erased := func(m *telegramtest.Message) bool {
		return strings.Contains(m.Plain, "sudah dihapus") && !strings.Contains(m.Plain, "Wulandari") && m.Buttons() == nil
	}
	h.Admin.WaitMessage(textCard.ID, "erased", erased)
	k.WaitMessage(photoCard.ID, "erased", erased)
	h.Admin.SendText("Kegiatan ini sudah dilaporkan.")
	rejected := apptest.Expect(t, h.Admin, text, "tidak disimpan dan tidak dikirim")
	k.SendText("Mohon lampirkan foto yang lain.")
	fixed := apptest.Expect(t, k, photo, "tidak disimpan dan tidak dikirim")
	for _, c := range []struct {
		chat *telegramtest.User
		card *telegramtest.Message
	}{{h.Admin, textCard}, {k, photoCard}} {
		if m := c.chat.Message(c.card.ID); !erased(m) {
			t.Errorf("card %d shows the erased reporter again: %s", m.ID, m)
		}
	}
	for m, want := range map[*telegramtest.Message]string{rejected: "❌ Laporan " + text + " ditolak. Alasannya tidak disimpan",
		fixed: "🔁 Laporan " + photo + " perlu perbaikan. Catatannya tidak disimpan"} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("the coordinator read %q, want %q", m.Plain, want)
		}
	}
}

// TestCardDecidedByAnotherCoordinator: a card pressed after another
// coordinator decided its report keeps its number and names who decided,
// even a name that is not valid HTML as it stands; so does the answer to a
// note typed while the other coordinator decided.
func TestCardDecidedByAnotherCoordinator(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6711, "Yanti")
	k := apptest.AddCoordinator(t, h, 6719, "Sri <Dinsos>")
	apptest.SeedVerified(t, h, u, "Yanti Rahayu", "psm", apptest.KelMayangan, 672)

	first := submitSimple(t, h, u, "Penyuluhan pertama tentang bansos.")
	card := h.Admin.Last()
	apptest.Press(t, k, apptest.Expect(t, k, "Laporan baru "+first), "✅ Setujui")
	apptest.Expect(t, u, first, "disetujui")
	if a := apptest.Press(t, h.Admin, card, "✅ Setujui"); a.Text != "Laporan ini sudah ditinjau oleh Sri <Dinsos>: Disetujui." {
		t.Errorf("late press answered %q", a.Text)
	}
	apptest.ExpectEdited(t, h.Admin, card, "Laporan "+first+" sudah ditinjau oleh Sri <Dinsos>: Disetujui.", "Yanti Rahayu")
	if bs := h.Admin.Message(card.ID).Buttons(); len(bs) != 0 {
		t.Errorf("the card decided by another still has buttons %v", bs)
	}

	second := submitSimple(t, h, u, "Penyuluhan kedua tentang bansos.")
	card = h.Admin.Last()
	apptest.Press(t, h.Admin, card, "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan", second)
	apptest.Press(t, k, apptest.Expect(t, k, "Laporan baru "+second), "✅ Setujui")
	h.Admin.SendText("Sudah dilaporkan dengan nomor lain.")
	apptest.Expect(t, h.Admin, "Laporan "+second+" sudah ditinjau oleh Sri <Dinsos>: Disetujui.")
	apptest.ExpectEdited(t, h.Admin, card, "Laporan "+second+" sudah ditinjau oleh Sri <Dinsos>: Disetujui.")
	for _, method := range []string{"editMessageText", "sendMessage"} {
		if n := h.TG.Stats().Methods[method].Errors; n != 0 {
			t.Errorf("%d %s calls refused", n, method)
		}
	}
}

// TestDoubleTapKeepsTheDecision: Setujui tapped twice before the card
// changed on the phone decides once, and the second tap leaves the card
// as the first made it, with what is left to review.
func TestDoubleTapKeepsTheDecision(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6721, "Nining")
	v := apptest.SeedVerified(t, h, u, "Nining Susanti", "psm", apptest.KelMayangan, 673)
	seedWaiting(t, h, v, time.Hour)
	number := submitSimple(t, h, u, "Penyuluhan tentang PKH di balai RW.")
	card := h.Admin.Last()
	first, second := h.Admin.DoubleTap(card, card.CallbackData("✅ Setujui"))
	h.TG.WaitCallbackAnswered(first)
	if a := h.TG.WaitCallbackAnswered(second); !strings.Contains(a.Text, "sudah ditinjau") {
		t.Errorf("second tap answered %q", a.Text)
	}
	want := "✅ Laporan " + number + " disetujui.\nMasih 1 laporan menunggu tinjauan: /tinjau"
	if m := h.Admin.Message(card.ID); !strings.Contains(m.Plain, want) {
		t.Errorf("card after a double tap shows %q, want %q", m.Plain, want)
	}
}

// TestForgedPressLeavesOtherCardsAlone: a press forged with the data of a
// decided report against the card of another report, or against a card
// of the same report that shows no such button, changes neither.
func TestForgedPressLeavesOtherCardsAlone(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6731, "Ratih")
	apptest.SeedVerified(t, h, u, "Ratih Purnama", "psm", apptest.KelMayangan, 674)
	decided := submitSimple(t, h, u, "Penyuluhan pertama tentang bansos.")
	decidedCard := h.Admin.Last()
	apptest.Press(t, h.Admin, decidedCard, "✅ Setujui")
	apptest.ExpectEdited(t, h.Admin, decidedCard, "disetujui")
	apptest.Expect(t, u, decided, "disetujui")
	rep, _ := h.Store.ReportByNumber(t.Context(), decided)
	waiting := submitSimple(t, h, u, "Penyuluhan kedua tentang bansos.")
	waitingCard := h.Admin.Last()
	h.Admin.SendCommand("/laporan " + decided)
	laporan := apptest.Expect(t, h.Admin, "Laporan "+decided)
	if laporan.CallbackData("✅ Setujui") != "" || len(laporan.Buttons()) == 0 {
		t.Fatalf("want the decided report's card with its record button only, got %v", laporan.Buttons())
	}

	for _, target := range []*telegramtest.Message{waitingCard, laporan} {
		_, q := h.Admin.PressForged(target.ID, fmt.Sprintf("rv:ok:%d", rep.ID))
		h.TG.WaitCallbackAnswered(q)
		if m := h.Admin.Message(target.ID); m.Edits != 0 || len(m.Buttons()) == 0 {
			t.Errorf("a forged press changed card %d: %s", m.ID, m)
		}
	}
	if m := h.Admin.Message(waitingCard.ID); m.CallbackData("✅ Setujui") == "" || !strings.Contains(m.Plain, waiting) {
		t.Errorf("the waiting report's card lost its buttons: %s", m)
	}
}

// TestNoteStartedBeforeCardsNamedPhotos: a note whose flow began before
// the flow kept whether its card is a photo's (no "_cardp") still turns a
// photo card into the decision, by its caption.
func TestNoteStartedBeforeCardsNamedPhotos(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6741, "Lestari")
	apptest.SeedVerified(t, h, u, "Lestari Ayu", "psm", apptest.KelMayangan, 675)
	number := submitWithPhoto(t, u, "Penyuluhan PKH bersama warga.")
	card := apptest.Expect(t, h.Admin, "Laporan baru "+number)
	apptest.Press(t, h.Admin, card, "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan", number)

	ctx, key := t.Context(), h.Cfg.RedisPrefix+"conv:"+strconv.FormatInt(h.Admin.ID, 10)
	var st conversations.State
	raw, err := h.RDB.Get(ctx, key).Bytes()
	if err == nil {
		err = json.Unmarshal(raw, &st)
	}
	if err != nil || st.Answers["_cardp"] != "1" {
		t.Fatalf("the note's flow %s: %v", raw, err)
	}
	delete(st.Answers, "_cardp")
	raw, _ = json.Marshal(st)
	if err := h.RDB.Set(ctx, key, raw, redis.KeepTTL).Err(); err != nil {
		t.Fatal(err)
	}

	h.Admin.SendText("Sudah dilaporkan dengan nomor lain.")
	apptest.Expect(t, h.Admin, "Tinjauan laporan "+number, "Ditolak")
	if m := h.Admin.Message(card.ID); !strings.Contains(m.Plain, "❌ Laporan "+number+" ditolak.") || m.Buttons() != nil {
		t.Errorf("the photo card is not the decision: %s", m)
	}
	h.AllowRefusal("editMessageText", "there is no text in the message to edit")
}

// TestDecidedCardIsKnownToTheErasure: the card a decision redraws shows
// the reporter again, so it is recorded anew; an erasure that had
// forgotten the card (it scrubbed it while the decision was being made)
// still reaches the redrawn one.
func TestDecidedCardIsKnownToTheErasure(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6751, "Puspita")
	apptest.SeedVerified(t, h, u, "Puspita Sari", "psm", apptest.KelMayangan, 676)
	number := submitSimple(t, h, u, "Penyuluhan tentang PKH di balai RW.")
	card := h.Admin.Last()
	// The notice is recorded once sent: wait for it, then forget it.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		res, err := h.Store.DB().Exec(`DELETE FROM shown_messages WHERE chat_id = $1 AND message_id = $2`, h.Admin.ID, card.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the card %d was never recorded as showing the reporter", card.ID)
		}
	}
	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.ExpectEdited(t, h.Admin, card, "✅ Laporan "+number+" disetujui.", "Puspita Sari")
	apptest.Expect(t, u, number, "disetujui")
	eraseData(t, u)
	h.Admin.WaitMessage(card.ID, "erased", func(m *telegramtest.Message) bool {
		return strings.Contains(m.Plain, "sudah dihapus") && !strings.Contains(m.Plain, "Puspita")
	})
}
