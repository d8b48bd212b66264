package demo

import (
	"bytes"
	"context"
	"image/jpeg"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

var admin = storage.Actor{ID: 1001, Admin: true}

func TestSeedFillsTheCityOnce(t *testing.T) {
	ctx := context.Background()
	store := storagetest.Open(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, domain.WIB)
	seeded, err := Seed(ctx, store, admin, now)
	if err != nil || !seeded {
		t.Fatalf("Seed = %v, %v; want true, nil", seeded, err)
	}

	pilars, kecamatan, verified := map[string]bool{}, map[string]bool{}, 0
	err = store.EachVolunteer(ctx, storage.Scope{}, func(v *storage.Volunteer) error {
		pilars[v.Pilar] = true
		kecamatan[v.KelurahanCode[:8]] = true
		if v.Status == domain.StatusVerified {
			verified++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pilars) != len(domain.Pilars()) || len(kecamatan) != 4 || verified < 24 {
		t.Errorf("pilar types %d, kecamatan %d, verified %d; want all 7, 4, a few dozen", len(pilars), len(kecamatan), verified)
	}

	c, err := store.CoordinatorByID(ctx, telegramID(coordinatorIndex))
	if err != nil {
		t.Fatal(err)
	}
	if g, err := c.Scope(); err != nil || len(g.Kecamatans) != 1 || g.Kecamatans[0] != "35.75.04" {
		t.Errorf("the TKSK coordinator's scope = %+v, %v; want Kecamatan Panggungrejo", g, err)
	}
	if n, err := store.CountReviewQueue(ctx, storage.Scope{}, admin.ID); err != nil || n == 0 {
		t.Errorf("reports waiting for review: %d, %v; want some, for /tinjau", n, err)
	}

	counts, err := store.ReportCounts(ctx, storage.Scope{}, now.AddDate(0, 0, -31), now.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[domain.ReportStatus]int{}
	for _, c := range counts {
		byStatus[c.Status] += c.Reports
	}
	if byStatus[domain.ReportApproved] == 0 || byStatus[domain.ReportSubmitted] == 0 || byStatus[domain.ReportNeedsCorrection] == 0 {
		t.Errorf("reports by status %v; want approved, submitted and sent back among them", byStatus)
	}
	r, err := store.ReportByNumber(ctx, "LAP-2026-000001")
	if err != nil || len(r.Photos) == 0 {
		t.Fatalf("first report %v, %v; want one with photos", r, err)
	}

	upcoming, err := store.UpcomingEventsBy(ctx, admin.ID, now, 10)
	if err != nil || len(upcoming) != 2 || upcoming[1].Place != "GOR Untung Suropati" {
		t.Errorf("upcoming events %v, %v; want the bimtek, then HKSN at GOR Untung Suropati", upcoming, err)
	}

	if again, err := Seed(ctx, store, admin, now.Add(time.Hour)); err != nil || again {
		t.Errorf("second Seed = %v, %v; want false, nil", again, err)
	}
}

func TestPhotosAreStableJPEGs(t *testing.T) {
	a, b := Photos(), Photos()
	for i := range a {
		if a[i].FileID != b[i].FileID || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("photo %d differs between calls", i)
		}
		if _, err := jpeg.DecodeConfig(bytes.NewReader(a[i].Data)); err != nil {
			t.Fatalf("photo %d is no JPEG: %v", i, err)
		}
	}
}

func TestOnlyTheRecycledReportRepeatsAPhoto(t *testing.T) {
	seen := map[string]int{}
	for n := 0; n < maxReports; n++ {
		for k := 0; k < 3; k++ {
			id := reportPhotoID(n, k)
			if first, ok := seen[id]; ok && !(n == recycledReport && k == 0) {
				t.Errorf("report %d photo %d reuses the picture of report %d", n, k, first)
			}
			if _, ok := seen[id]; !ok {
				seen[id] = n
			}
		}
	}
	if seen[reportPhotoID(recycledReport, 0)] == recycledReport {
		t.Error("the recycled report's first photo is its own")
	}
}
