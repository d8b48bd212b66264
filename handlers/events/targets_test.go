package events

import (
	"context"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// TestEventTargets checks the targeting rule in Go (eventTargets) and in
// SQL (storage.EventTargets, the rule of EventsFor) against the same table.
func TestEventTargets(t *testing.T) {
	const (
		mayangan   = "35.75.04.1006"
		trajeng    = "35.75.04.1003"
		gadingrejo = "35.75.01.1009"
		panggung   = "35.75.04"
		gadingKec  = "35.75.01"
	)
	tests := []struct {
		name    string
		pilars  []string
		regions []string
		pilar   string
		kel     string
		want    bool
	}{
		{"everyone everywhere", nil, nil, "psm", mayangan, true},
		{"their pilar, whole city", []string{"tagana"}, nil, "tagana", gadingrejo, true},
		{"another pilar", []string{"tagana"}, nil, "psm", mayangan, false},
		{"one of several pilar", []string{"psm", "tagana"}, nil, "psm", mayangan, true},
		{"their kecamatan", nil, []string{panggung}, "psm", trajeng, true},
		{"another kecamatan", nil, []string{panggung}, "psm", gadingrejo, false},
		{"their kelurahan", nil, []string{mayangan}, "psm", mayangan, true},
		{"another kelurahan of their kecamatan", nil, []string{trajeng}, "psm", mayangan, false},
		{"kelurahan or kecamatan list", nil, []string{trajeng, gadingKec}, "psm", gadingrejo, true},
		{"pilar and region both needed", []string{"tagana"}, []string{panggung}, "tagana", mayangan, true},
		{"right region, wrong pilar", []string{"tagana"}, []string{panggung}, "psm", mayangan, false},
		{"right pilar, wrong region", []string{"tagana"}, []string{panggung}, "tagana", gadingrejo, false},
		{"volunteer without kelurahan", nil, []string{panggung}, "psm", "", false},
	}
	st := storagetest.Open(t)
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := eventTargets(tc.pilars, tc.regions, tc.pilar, tc.kel); got != tc.want {
				t.Errorf("eventTargets = %v, want %v", got, tc.want)
			}
			e := &storage.Event{Title: tc.name, Kind: "rapat", StartsAt: time.Now().Add(time.Hour), Place: "Aula",
				Pilars: tc.pilars, Regions: tc.regions, CreatedBy: 1}
			if err := st.CreateEvent(ctx, e, storage.Actor{ID: 1, Admin: true}); err != nil {
				t.Fatal(err)
			}
			a := audienceOf(&storage.Volunteer{ID: 1, Pilar: tc.pilar, KelurahanCode: tc.kel})
			got, err := st.EventTargets(ctx, e.ID, a)
			if err != nil || got != tc.want {
				t.Errorf("storage.EventTargets = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
