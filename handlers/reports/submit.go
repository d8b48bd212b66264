package reports

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// finishLapor stores the report (once, whatever redeliveries happen) and
// tells the coordinators about it.
func (h *Room) finishLapor(ctx context.Context, s *conversations.Session) (string, error) {
	v, err := h.Store.VolunteerByTelegramID(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	if v.Status != domain.StatusVerified {
		return msgLaporPending, nil
	}
	date, err := time.Parse(time.DateOnly, s.Get(keyRTanggal))
	if err != nil {
		return "", fmt.Errorf("reports: bad date in report flow: %w", err)
	}
	rep := &storage.Report{
		IdempotencyKey: strconv.FormatInt(s.Chat.UserID, 10) + ":" + s.State.ID,
		VolunteerID:    v.ID,
		Pilar:          s.Get(keyRPilar),
		Activity:       s.Get(keyRJenis),
		ActivityDate:   date,
		KelurahanCode:  s.Get(keyRKel),
		Description:    s.Get(keyRUraian),
	}
	if lat, lon, ok := kit.SplitPin(s.Get(keyRTitik)); ok {
		rep.Latitude, rep.Longitude = &lat, &lon
	}
	a, _ := domain.ActivityOf(rep.Pilar, rep.Activity)
	if a.Disaster {
		rep.DisasterType = s.Get(keyRBencana)
		rep.Victims = intPtr(s.Get(keyRKorban))
		rep.Evacuees = intPtr(s.Get(keyRPengungsi))
		rep.Needs = s.Get(keyRKebutuhan)
	}
	if a.PMKS {
		rep.PMKSCategory = s.Get(keyRPMKS)
		rep.Beneficiaries = intPtr(s.Get(keyRPenerima))
	}
	for _, p := range decodePhotos(s.Get(keyRFoto)) {
		rep.Photos = append(rep.Photos, storage.ReportPhoto{FileID: p.FileID, FileUniqueID: p.UniqueID})
	}
	created, err := h.Store.CreateReport(ctx, rep, s.Chat.UserID, domain.WIB)
	if err != nil {
		return "", err
	}
	if created {
		h.linkCallup(ctx, s, rep)
		h.Log.Info("report submitted", "report_id", rep.ID, "volunteer_id", v.ID, "photos", len(rep.Photos))
		h.notifyReport(ctx, rep, v)
	}
	return fmt.Sprintf(msgLaporDone, html.EscapeString(rep.Number)), nil
}

// intPtr reads a stored count; nil when the question was not asked.
func intPtr(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}
