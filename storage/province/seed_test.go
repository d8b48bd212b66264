package province

import (
	"context"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

// tiny is the province at a size a unit test can afford.
var tiny = Sizes{Volunteers: 2000, Reports: 5000, PeakReports: 1000, Events: 76, Answers: 760,
	OldBroadcasts: 4, OldOutbox: 2000}

func TestSeedTinyProvince(t *testing.T) {
	store := storagetest.Open(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, domain.WIB)
	info, err := Seed(ctx, store, tiny, now)
	if err != nil {
		t.Fatal(err)
	}
	if info.Reused || !info.PeakMonth.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, wib)) {
		t.Fatalf("info = %+v", info)
	}
	n, err := Counts(ctx, store.DB())
	if err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int{"volunteers": 2000, "reports": 5000, "events": 76,
		"event_rsvps": 760, "broadcasts": 4, "broadcast_outbox": 2000, "coordinators": 39} {
		if n[table] != want {
			t.Errorf("%s: %d rows, want %d", table, n[table], want)
		}
	}
	if n["report_photos"] < 5000 || n["event_reminders"] == 0 || n["coordinator_digests"] == 0 || n["volunteer_nudges"] == 0 {
		t.Errorf("counts = %v", n)
	}

	// The peak month holds exactly its reports, so an export of it has a
	// known size.
	var peak int
	if err := store.DB().GetContext(ctx, &peak, `SELECT count(*) FROM reports
		WHERE activity_date >= '2026-11-01' AND activity_date < '2026-12-01'`); err != nil {
		t.Fatal(err)
	}
	if peak != tiny.PeakReports {
		t.Errorf("peak month: %d reports, want %d", peak, tiny.PeakReports)
	}
	statuses := map[string]int{}
	rows, err := store.DB().QueryContext(ctx, `SELECT status, count(*) FROM reports GROUP BY status`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		var c int
		if err := rows.Scan(&s, &c); err != nil {
			t.Fatal(err)
		}
		statuses[s] = c
	}
	rows.Close()
	if statuses["approved"] < 4000 || statuses["submitted"] == 0 || statuses["rejected"] == 0 {
		t.Errorf("statuses = %v, want most approved, some waiting and rejected", statuses)
	}

	// A coordinator of one synthetic region sees only its volunteers
	// and their reports, through the bot's own scoped queries.
	regions := Regions()
	if len(regions) != 38 {
		t.Fatalf("%d regions", len(regions))
	}
	malang := regions[6]
	counts, err := store.VolunteerCounts(ctx, malang.Scope(), now.AddDate(-3, 0, 0), now)
	if err != nil {
		t.Fatal(err)
	}
	regional := 0
	for _, c := range counts {
		regional += c.Total
	}
	var direct int
	if err := store.DB().GetContext(ctx, &direct, `SELECT count(*) FROM volunteers WHERE kelurahan_code LIKE '35.07.%'`); err != nil {
		t.Fatal(err)
	}
	if regional == 0 || regional != direct || regional > 2*2000/38 {
		t.Errorf("%s: the scope counts %d volunteers, the region holds %d", malang.Name, regional, direct)
	}
	queue, err := store.ReviewQueue(ctx, malang.Scope(), RegionCoordinatorID(6), 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range queue {
		if !malang.Scope().Covers(r.Pilar, r.KelurahanCode) {
			t.Errorf("%s: queue holds %s of %s", malang.Name, r.Number, r.KelurahanCode)
		}
	}
	c, err := store.CoordinatorByID(ctx, RegionCoordinatorID(6))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.Scope(); err != nil || len(got.Kecamatans) != 4 || got.Kecamatans[0] != "35.07.01" {
		t.Errorf("coordinator scope = %+v, %v", got, err)
	}

	// The marker makes a second run reuse the set.
	again, err := Seed(ctx, store, tiny, now.Add(time.Hour))
	if err != nil || !again.Reused || !again.SeededAt.Equal(info.SeededAt) {
		t.Fatalf("second seed: %+v, %v", again, err)
	}
}

func TestSeedRefusesTheBotsOwnData(t *testing.T) {
	store := storagetest.Open(t)
	ctx := context.Background()
	v := &storage.Volunteer{TelegramID: 1, ChatID: 1, FullName: "Sri", Pilar: "psm", KelurahanCode: "35.75.04.1006"}
	if err := store.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(ctx, store, tiny, time.Now()); err == nil {
		t.Fatal("seeded a schema that holds real volunteers")
	}
}

func TestOpenRefusesANonScratchDatabase(t *testing.T) {
	if _, err := Open(context.Background(), "postgres://root@127.0.0.1:5432/pilarbot?sslmode=disable", true); err == nil {
		t.Fatal("opened the bot's own database for seeding")
	}
}
