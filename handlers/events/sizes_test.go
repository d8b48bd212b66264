package events_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage/domain"
)

// longName is the n-th of the long names of the size tests: about 60
// characters, as a name with titles and a family name can be.
func longName(n int) string {
	return fmt.Sprintf("Raden Roro Siti Nurhaliza Kusumawardhani Prameswari Putri %02d", n)
}

// The attendance list of an event sixty volunteers with long names
// answered is longer than one message: it arrives whole, in several.
func TestAttendanceOfSixtyLongNamesArrivesComplete(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	e := apptest.StoreEvent(t, h, "Bimbingan teknis Karang Taruna", apptest.EightOClock(h, 3), nil, nil, nil, false)
	for i := range 60 {
		v := apptest.Seed(t, h, int64(6300+i), longName(i+1), "karang_taruna", apptest.KelKebonsari, "", "", time.Now(), domain.StatusVerified)
		apptest.Answer(t, h, e, v, true, time.Time{}, false, 0)
	}
	h.Admin.SendCommand("/acara")
	apptest.Expect(t, h.Admin, "Acara mendatang")
	card := apptest.Expect(t, h.Admin, "Bimbingan teknis Karang Taruna")
	apptest.Press(t, h.Admin, card, "📋 Daftar hadir")
	want := []string{"Daftar hadir: Bimbingan teknis Karang Taruna", "Menyatakan hadir: 60"}
	for i := range 60 {
		want = append(want, fmt.Sprintf("%d. %s (Karang Taruna, Kebonsari) – ⏳ belum check-in", i+1, longName(i+1)))
	}
	parts := apptest.ExpectParts(t, h.Admin, want...)
	if len(parts) < 2 {
		t.Fatalf("the list came in %d message", len(parts))
	}
	if all := fmt.Sprint(parts); strings.Contains(all, "lainnya") {
		t.Errorf("sixty attendees are listed in full, not cut: %s", all)
	}
}

// A page of the schedule whose five events have long titles, places and
// audiences would not fit in one message: the page holds fewer events,
// and paging reaches every event.
func TestJadwalPageOfLongTitles(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6401, "Ayu")
	apptest.SeedVerified(t, h, u, "Ayu Lestari", "karang_taruna", apptest.KelMayangan, 641)
	all := make([]string, 0, len(domain.AllKelurahan()))
	for _, k := range domain.AllKelurahan() {
		all = append(all, k.Code)
	}
	title := func(i int) string { return fmt.Sprintf("Acara %d 🎉", i) + strings.Repeat("🎉", 140) }
	for i := range 6 {
		apptest.StoreEvent(t, h, title(i+1), apptest.EightOClock(h, 2).Add(time.Duration(i)*time.Hour), nil, all, nil, false)
	}
	u.SendCommand("/jadwal")
	m := apptest.Expect(t, u, "Jadwal acara", "Acara 1 🎉")
	if strings.Contains(m.Plain, title(5)) {
		t.Fatalf("five long events on one page: %d characters", len([]rune(m.Plain)))
	}
	seen := map[int]bool{}
	for page := 0; ; page++ {
		m = u.Message(m.ID)
		for i := 1; i <= 6; i++ {
			if strings.Contains(m.Plain, title(i)) {
				seen[i] = true
			}
		}
		if m.CallbackData("Berikutnya ▶️") == "" || page > 6 {
			break
		}
		apptest.Press(t, u, m, "Berikutnya ▶️")
	}
	if len(seen) != 6 {
		t.Fatalf("paging showed events %v of 6", seen)
	}
	if n := len(u.Messages()); n != 1 {
		t.Fatalf("the schedule took %d messages, want one edited", n)
	}
}
