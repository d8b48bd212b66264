package volunteers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// erasable is what seedErasable stored for a volunteer about to erase
// their data.
type erasable struct {
	report             *storage.Report
	past, ahead        *storage.Event
	sent, pendingBcast int64
	volunteerID        int64
}

// seedErasable gives v a reviewed report with photos, a pin and texts
// quoting name; an answer and a check-in to a past event and an answer to
// an event ahead (with its reminder); and a sent and a pending broadcast
// delivery.
func seedErasable(t *testing.T, h *apptest.Harness, v *storage.Volunteer, name string) *erasable {
	t.Helper()
	ctx := context.Background()
	e := &erasable{volunteerID: v.ID}
	e.report = apptest.SeedReport(t, h, v, apptest.At(2023, 12, 5, 10, 0), storage.Report{Activity: "kunjungan_rumah",
		ActivityDate: apptest.At(2023, 12, 5, 0, 0), KelurahanCode: apptest.KelMayangan, Latitude: apptest.Ptr(-7.6446), Longitude: apptest.Ptr(112.9054),
		PMKSCategory: "Fakir miskin", Beneficiaries: apptest.Ptr(4), Description: "Saya, " + name + ", mengunjungi Bu Sulastri.",
		Photos: []storage.ReportPhoto{{FileID: "photo-a", FileUniqueID: "ua"}, {FileID: "photo-b", FileUniqueID: "ub"}}},
		domain.ReportSubmitted, 0)
	if _, err := h.Store.ReviewReport(ctx, e.report.ID, apptest.AdminActor, domain.ReportNeedsCorrection, "Bu "+name+", foto buram."); err != nil {
		t.Fatal(err)
	}
	e.past = apptest.SeedEvent(t, h, "HKSN 2023", apptest.At(2023, 12, 20, 8, 0))
	apptest.Answer(t, h, e.past, v, true, apptest.At(2023, 12, 20, 8, 10), true, 42)
	e.ahead = apptest.SeedEvent(t, h, "Bimtek tahun depan", h.Clock.Now().Add(72*time.Hour).Truncate(time.Hour))
	apptest.Answer(t, h, e.ahead, v, true, time.Time{}, false, 0)

	for _, status := range []string{storage.OutboxSent, storage.OutboxPending} {
		b := &storage.Broadcast{CreatedBy: apptest.AdminID, ChatID: apptest.AdminID, Text: "Pengumuman"}
		if err := h.Store.CreateBroadcastDraft(ctx, b, storage.Segment{}, storage.Scope{}); err != nil {
			t.Fatal(err)
		}
		var msgID any
		if status == storage.OutboxSent {
			e.sent, msgID = b.ID, 77
		} else {
			e.pendingBcast = b.ID
		}
		// Not due for a day, so the running bot leaves the pending one be.
		_, err := h.Store.DB().ExecContext(ctx, `INSERT INTO broadcast_outbox
			(broadcast_id, chat_id, volunteer_id, status, message_id, next_attempt_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, b.ID, v.ChatID, v.ID, status, msgID, time.Now().Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// checkErased checks that the statistics survived the erasure and the
// personal parts did not.
func (e *erasable) checkErased(t *testing.T, h *apptest.Harness) {
	t.Helper()
	ctx := context.Background()
	r, err := h.Store.ReportByID(ctx, e.report.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != e.report.Number || r.Pilar != "psm" || r.Activity != "kunjungan_rumah" || r.KelurahanCode != apptest.KelMayangan ||
		r.ActivityDate.Format(time.DateOnly) != "2023-12-05" || r.Beneficiaries == nil || *r.Beneficiaries != 4 ||
		r.PMKSCategory != "Fakir miskin" || r.Status != domain.ReportNeedsCorrection || r.VolunteerID != e.volunteerID {
		t.Errorf("the report lost its statistics: %+v", r)
	}
	if r.Description != "" || r.Needs != "" || r.Latitude != nil || r.Longitude != nil || len(r.Photos) != 0 {
		t.Errorf("the report keeps personal data: %+v", r)
	}
	hist, _ := h.Store.ReportHistory(ctx, r.ID)
	for _, x := range hist {
		if x.Note != "" {
			t.Errorf("review note kept: %+v", x)
		}
	}
	log, _ := h.Store.AuditLog(ctx, storage.SubjectReport, fmt.Sprint(r.ID))
	if len(log) != 1 || log[0].Note != "" || log[0].After != string(domain.ReportNeedsCorrection) || log[0].ActorID != apptest.AdminID {
		t.Errorf("report audit = %+v", log)
	}

	past, err := h.Store.RSVPOf(ctx, e.past.ID, e.volunteerID)
	if err != nil || !past.Attending || past.CheckedInAt == nil || !past.Verified || past.DistanceM != nil {
		t.Errorf("past answer = %+v, %v; want Hadir, checked in, verified, no distance", past, err)
	}
	if _, err := h.Store.RSVPOf(ctx, e.ahead.ID, e.volunteerID); err == nil {
		t.Errorf("the answer to an event ahead was kept")
	}
	var reminders int
	if err := h.Store.DB().GetContext(ctx, &reminders, `SELECT count(*) FROM event_reminders WHERE volunteer_id = $1`, e.volunteerID); err != nil || reminders != 0 {
		t.Errorf("reminders left: %d, %v", reminders, err)
	}

	for id, want := range map[int64]string{e.sent: storage.OutboxSent, e.pendingBcast: storage.OutboxFailed} {
		rows, err := h.Store.OutboxRows(ctx, id)
		if err != nil || len(rows) != 1 {
			t.Fatalf("outbox of %d = %+v, %v", id, rows, err)
		}
		if o := rows[0]; o.ChatID != -e.volunteerID || o.Status != want || o.MessageID != nil {
			t.Errorf("outbox row = %+v; want chat %d, status %s", o, -e.volunteerID, want)
		}
	}
}

// noNumber fails if any numeric column of any table holds n.
func noNumber(t *testing.T, h *apptest.Harness, n int64) {
	t.Helper()
	ctx := context.Background()
	db := h.Store.DB()
	var cols []struct {
		Table  string `db:"table_name"`
		Column string `db:"column_name"`
	}
	err := db.SelectContext(ctx, &cols, `
		SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
			AND c.data_type IN ('bigint', 'integer', 'numeric', 'double precision')`)
	if err != nil || len(cols) < 10 {
		t.Fatalf("numeric columns = %v, %v", cols, err)
	}
	for _, c := range cols {
		var k int
		q := fmt.Sprintf(`SELECT count(*) FROM %q WHERE %q = $1`, c.Table, c.Column)
		if err := db.GetContext(ctx, &k, q, n); err != nil {
			t.Fatal(err)
		}
		if k > 0 {
			t.Errorf("%s.%s still holds the Telegram id %d (%d rows)", c.Table, c.Column, n, k)
		}
	}
}
