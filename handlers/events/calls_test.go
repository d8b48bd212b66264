package events_test

import (
	"context"
	"testing"

	"pilarbot/handlers/apptest"
)

// A /jadwal RSVP costs one message (the schedule) and, for the Hadir
// press, one edit of that message and the press's answer: the
// confirmation is the answer's toast and the redrawn page, never a new
// message.
func TestJadwalRSVPBotAPICalls(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4651, "Dewi")
	v := apptest.SeedVerified(t, h, u, "Dewi Anggraini", "karang_taruna", apptest.KelMayangan, 651)
	e := apptest.StoreEvent(t, h, "Bimtek Karang Taruna", apptest.EightOClock(h, 2), nil, nil, nil, false)
	before := h.Calls()
	u.SendCommand("/jadwal")
	m := apptest.Expect(t, u, "Bimtek Karang Taruna")
	pressAnswer(t, u, m, "1. Hadir", "Tercatat: Hadir")
	atts, err := h.Store.Attendees(context.Background(), e.ID)
	if err != nil || len(atts) != 1 || atts[0].VolunteerID != v.ID || !atts[0].Attending {
		t.Fatalf("attendees = %+v, %v; want volunteer %d attending", atts, err, v.ID)
	}
	got := h.Calls().Since(before)
	t.Logf("one /jadwal RSVP: %v", got)
	want := apptest.Calls{"sendMessage": 1, "editMessageText": 1, "answerCallbackQuery": 1}
	if got.String() != want.String() {
		t.Errorf("one /jadwal RSVP made %v, want %v", got, want)
	}
}
