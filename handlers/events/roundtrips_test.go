package events_test

import (
	"testing"
	"time"

	"pilarbot/handlers/apptest"
)

// TestRSVPRoundTrips counts the Postgres statements of one /jadwal and
// its Hadir through a counting proxy, and fails when either makes more
// than the README's figures ("/jadwal + Hadir is Postgres's", in the load
// command's second pass): /jadwal reads the volunteer and one page that
// carries its total; Hadir reads the volunteer and the event's audience,
// stores the answer with its reminders in one transaction and reads the
// page again.
func TestRSVPRoundTrips(t *testing.T) {
	var w apptest.Wire
	h := apptest.New(t, apptest.CountWire(&w), apptest.Quiet())
	u := h.TG.NewUser(4652, "Dewi")
	apptest.SeedVerified(t, h, u, "Dewi Anggraini", "karang_taruna", apptest.KelMayangan, 652)
	apptest.StoreEvent(t, h, "Bimtek Karang Taruna", apptest.EightOClock(h, 2), nil, nil, nil, false)
	time.Sleep(500 * time.Millisecond) // the start-up's one-off work is done
	before := w.Snapshot()
	id := u.SendCommand("/jadwal")
	m := apptest.Expect(t, u, "Bimtek Karang Taruna")
	h.WaitHandled(id)
	jadwal := w.Snapshot().Sub(before)
	before = w.Snapshot()
	pressAnswer(t, u, m, "1. Hadir", "Tercatat: Hadir")
	time.Sleep(50 * time.Millisecond) // the worker's last queue step after the handler
	hadir := w.Snapshot().Sub(before)
	t.Logf("/jadwal %s", jadwal)
	t.Logf("Hadir   %s", hadir)
	if jadwal.SQL > 2 || hadir.SQL > 10 {
		t.Errorf("/jadwal ran %d statements and Hadir %d, want at most 2 and 10", jadwal.SQL, hadir.SQL)
	}
}
