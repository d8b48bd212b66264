package events_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// TestEventQuotaUnderConcurrency answers Hadir for many volunteers at once
// against a quota of 3.
func TestEventQuotaUnderConcurrency(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	quota := 3
	e := apptest.StoreEvent(t, h, "Bimtek PSM", apptest.EightOClock(h, 2), nil, nil, &quota, false)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, full := 0, 0
	// Seed everyone first: seeding sets the store's clock, which the
	// answers below read.
	var vols []*storage.Volunteer
	for i := range 12 {
		u := h.TG.NewUser(int64(4200+i), "Relawan")
		vols = append(vols, apptest.SeedVerified(t, h, u, fmt.Sprintf("Relawan %c", 'A'+i), "psm", apptest.KelMayangan, 200+i))
	}
	for _, v := range vols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := h.Store.SetRSVP(ctx, e.ID, v.ID, true, h.Clock.Now())
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case strings.Contains(err.Error(), storage.ErrEventFull.Error()):
				full++
			default:
				t.Errorf("SetRSVP: %v", err)
			}
		}()
	}
	wg.Wait()
	if got, _ := h.Store.EventByID(ctx, e.ID); ok != 3 || full != 9 || got.Attending != 3 {
		t.Fatalf("ok=%d full=%d attending=%d, want 3, 9, 3", ok, full, got.Attending)
	}
}

// TestJadwalPaging pages through twelve events by editing the one
// schedule message, and skips edits that would change nothing.
func TestJadwalPaging(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4601, "Ayu")
	apptest.SeedVerified(t, h, u, "Ayu Lestari", "karang_taruna", apptest.KelMayangan, 601)
	base := apptest.EightOClock(h, 2)
	for i := range 12 {
		apptest.StoreEvent(t, h, fmt.Sprintf("Acara ke-%02d", i+1), base.Add(time.Duration(i)*time.Hour), nil, nil, nil, false)
	}
	u.SendCommand("/jadwal")
	m := apptest.Expect(t, u, "halaman 1 dari 3, 12 acara", "Acara ke-01", "Acara ke-05")
	if strings.Contains(m.Plain, "Acara ke-06") || m.CallbackData("◀️ Sebelumnya") != "" {
		t.Fatalf("first page = %v", m)
	}
	apptest.Press(t, u, m, "Berikutnya ▶️")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 2 dari 3") || !strings.Contains(m.Plain, "Acara ke-06") || m.Edits != 1 {
		t.Fatalf("second page = %v", m)
	}
	apptest.Press(t, u, m, "Berikutnya ▶️")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 3 dari 3") || !strings.Contains(m.Plain, "12. ") || m.CallbackData("Berikutnya ▶️") != "" {
		t.Fatalf("third page = %v", m)
	}
	// An answer on page 3 keeps page 3.
	pressAnswer(t, u, m, "11. Hadir", "Tercatat: Hadir")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 3 dari 3") || !strings.Contains(m.Plain, "✅ Hadir") {
		t.Fatalf("after answering on page 3: %v", m)
	}
	// A repeated press for the page already shown edits nothing.
	_, q := u.PressForged(m.ID, "jd:p:2")
	h.TG.WaitCallbackAnswered(q)
	apptest.Press(t, u, m, "◀️ Sebelumnya")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 2 dari 3") || m.Edits != 4 {
		t.Fatalf("back to page 2: %v", m)
	}
	if n := len(u.Messages()); n != 1 {
		t.Fatalf("paging sent %d messages, want the one edited", n)
	}
	if n := h.TG.Stats().Methods["editMessageText"].Errors; n != 0 {
		t.Fatalf("%d edits failed", n)
	}
}
