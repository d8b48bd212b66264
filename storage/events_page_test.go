package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// TestEventsForPageAndTotal: a page of the events aimed at a volunteer
// carries the total of every match (one statement), the volunteer's own
// answer is on its event, and a page past the end still says how many
// there are.
func TestEventsForPageAndTotal(t *testing.T) {
	s := storagetest.Open(t)
	ctx := context.Background()
	admin := storage.Actor{ID: 9001, Admin: true}
	now := time.Now()
	var ids []int64
	for i := range 7 {
		e := &storage.Event{Title: fmt.Sprintf("Acara %d", i+1), Kind: "rapat", StartsAt: now.Add(time.Duration(i+1) * time.Hour), Place: "Aula"}
		if err := s.CreateEvent(ctx, e, admin); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	past := &storage.Event{Title: "Sudah lewat", Kind: "rapat", StartsAt: now.Add(-10 * time.Hour), Place: "Aula"}
	if err := s.CreateEvent(ctx, past, admin); err != nil {
		t.Fatal(err)
	}
	v := &storage.Volunteer{TelegramID: 77001, ChatID: 77001, FullName: "Sari", Pilar: "psm", KelurahanCode: "35.75.04.1006", Phone: "+6281234567890", NIK: "3575044101900001"}
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetRSVP(ctx, ids[3], v.ID, true, now); err != nil {
		t.Fatal(err)
	}
	a := storage.Audience{VolunteerID: v.ID, Pilar: "psm", KelurahanCode: "35.75.04.1006", KecamatanCode: "35.75.04"}
	page, total, err := s.EventsFor(ctx, a, now, 3, 3)
	if err != nil || total != 7 || len(page) != 3 || page[0].Title != "Acara 4" || page[2].Title != "Acara 6" {
		t.Fatalf("page 2: %d events (%v), total %d, %v; want Acara 4-6 of 7", len(page), titles(page), total, err)
	}
	if page[0].Answer == nil || !*page[0].Answer || page[0].Attending != 1 || page[1].Answer != nil {
		t.Fatalf("answers on the page: %v %v, attending %d", page[0].Answer, page[1].Answer, page[0].Attending)
	}
	if page, total, err := s.EventsFor(ctx, a, now, 20, 3); err != nil || total != 7 || len(page) != 0 {
		t.Fatalf("past the end: %d events, total %d, %v; want none of 7", len(page), total, err)
	}
	if _, total, err := s.EventsFor(ctx, a, now.Add(30*24*time.Hour), 0, 3); err != nil || total != 0 {
		t.Fatalf("when everything is over: total %d, %v", total, err)
	}
}

func titles(es []storage.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Title
	}
	return out
}
