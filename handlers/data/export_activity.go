package data

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Attendance exports offer the latest events that start before a week
// from now (so the list of Hadir answers helps planning too).
const (
	eksporEventChoices = 8
	eksporEventAhead   = 7 * 24 * time.Hour
	eksporEventRunes   = 40
)

// reportExportColumns are the columns of the reports export. No NIK, no
// phone: the volunteer's name identifies the reporter.
var reportExportColumns = []column{
	{header: colNo, typ: colNumber, width: 6},
	{header: colNomorLaporan, width: 17},
	{header: colTanggalKegiatan, typ: colDate, width: 12},
	{header: colDikirim, typ: colDateTime, width: 17},
	{header: colNamaRelawan, width: 26},
	{header: colPilar, width: 15},
	{header: colJenisKegiatan, width: 24},
	{header: colKelurahanCode, width: 16},
	{header: colKelurahan, width: 16},
	{header: colKecamatan, width: 14},
	{header: colLintang, typ: colNumber, width: 11},
	{header: colBujur, typ: colNumber, width: 11},
	{header: colKategoriPMKS, width: 22},
	{header: colPenerima, typ: colNumber, width: 10},
	{header: colJenisBencana, width: 16},
	{header: colKorban, typ: colNumber, width: 9},
	{header: colPengungsi, typ: colNumber, width: 10},
	{header: colKebutuhan, width: 30},
	{header: colUraian, width: 50},
	{header: colJumlahFoto, typ: colNumber, width: 8},
	{header: colStatus, width: 18},
	{header: colPeninjau, width: 20},
}

// writeReportsXLSX streams the reports of reporters inside req.Scope
// whose activity date lies in the month req.Value ("2023-12") into an
// .xlsx workbook, after the sheet Ringkasan with the table and chart of
// /rekap.
func writeReportsXLSX(ctx context.Context, store *storage.Store, req exportRequest, out io.Writer) (int, error) {
	p, err := parse.PeriodOf(req.Value, req.Now)
	if err != nil {
		return 0, fmt.Errorf("data: reports export of %q: %w", req.Value, storage.ErrNotFound)
	}
	w, err := newSheetWriter(eksporRepSheet, reportExportColumns)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	counts, err := store.ReportCounts(ctx, req.Scope, p.Start, p.End)
	if err != nil {
		return 0, err
	}
	note := eksporSumNote
	if !req.Scope.CityWide() {
		note = fmt.Sprintf(eksporSumScope, kit.ScopeLabel(req.Scope))
	}
	if err := writeSummarySheet(w.f, fmt.Sprintf(eksporSumTitle, p.Label()), note, summarizeReports(counts)); err != nil {
		return 0, err
	}
	n := 0
	err = store.EachReport(ctx, req.Scope, p.Start, p.End, func(r *storage.ReportRow) error {
		n++
		kel, _ := domain.KelurahanByCode(r.KelurahanCode)
		kec, _ := domain.KecamatanByCode(kel.KecamatanCode)
		act, _ := domain.ActivityOf(r.Pilar, r.Activity)
		name := r.VolunteerName
		if name == "" {
			name = eksporErased
		}
		reviewer := r.ReviewerName
		if reviewer == "" && r.ReviewerID != 0 {
			reviewer = fmt.Sprintf(eksporReviewerID, r.ReviewerID)
		}
		return w.Row(n, r.Number, kit.ActivityDay(&r.Report), r.CreatedAt, name, kit.PilarShort(r.Pilar), act.Label,
			r.KelurahanCode, kel.Name, kec.Name, floatCell(r.Latitude), floatCell(r.Longitude),
			r.PMKSCategory, intCell(r.Beneficiaries), r.DisasterType, intCell(r.Victims), intCell(r.Evacuees),
			r.Needs, r.Description, r.PhotoCount, kit.ReportStatusLabel(r.Status), reviewer)
	})
	if err != nil {
		return 0, err
	}
	if _, err := w.WriteTo(out); err != nil {
		return 0, err
	}
	return n, nil
}

// attendanceExportColumns are the columns of the attendance export.
var attendanceExportColumns = []column{
	{header: colNo, typ: colNumber, width: 6},
	{header: colAcara, width: 30},
	{header: colMulaiAcara, typ: colDateTime, width: 17},
	{header: colNamaRelawan, width: 26},
	{header: colPilar, width: 15},
	{header: colKelurahanCode, width: 16},
	{header: colKelurahan, width: 16},
	{header: colKecamatan, width: 14},
	{header: colJawaban, width: 12},
	{header: colCheckIn, typ: colDateTime, width: 17},
	{header: colLokasiCheckIn, width: 20},
	{header: colJarak, typ: colNumber, width: 12},
}

// writeAttendanceXLSX writes every answer of a volunteer inside req.Scope
// to the event req.Value (its id): Hadir first, then by name.
func writeAttendanceXLSX(ctx context.Context, store *storage.Store, req exportRequest, out io.Writer) (int, error) {
	id, err := strconv.ParseInt(req.Value, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("data: attendance export of %q: %w", req.Value, storage.ErrNotFound)
	}
	e, err := store.EventByID(ctx, id)
	if err != nil {
		return 0, err
	}
	as, err := store.AttendeesInScope(ctx, req.Scope, id)
	if err != nil {
		return 0, err
	}
	w, err := newSheetWriter(eksporAttSheet, attendanceExportColumns)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	for i, a := range as {
		kel, _ := domain.KelurahanByCode(a.KelurahanCode)
		kec, _ := domain.KecamatanByCode(kel.KecamatanCode)
		name := a.FullName
		if name == "" {
			name = eksporErased
		}
		answer, checkIn, where := eksporTidakHadir, time.Time{}, ""
		if a.Attending {
			answer = eksporHadir
		}
		if a.CheckedInAt != nil {
			checkIn, where = *a.CheckedInAt, eksporUnverified
			if a.Verified {
				where = eksporVerified
			}
		}
		var distance any
		if a.DistanceM != nil {
			distance = math.Round(*a.DistanceM)
		}
		err := w.Row(i+1, e.Title, e.StartsAt, name, kit.PilarShort(a.Pilar), a.KelurahanCode, kel.Name, kec.Name,
			answer, checkIn, where, distance)
		if err != nil {
			return 0, err
		}
	}
	if _, err := w.WriteTo(out); err != nil {
		return 0, err
	}
	return len(as), nil
}

// eventChoices offers the latest events for an attendance export: for a
// scoped coordinator, those their volunteers answered.
func (h *Room) eventChoices(ctx context.Context, scope storage.Scope) ([]exportChoice, error) {
	es, err := h.Store.RecentEvents(ctx, scope, h.Now().Add(eksporEventAhead), eksporEventChoices)
	if err != nil {
		return nil, err
	}
	out := make([]exportChoice, 0, len(es))
	for _, e := range es {
		label := kit.Truncate(kit.FormatShortDate(e.StartsAt)+" · "+e.Title, eksporEventRunes)
		out = append(out, exportChoice{label: label, value: strconv.FormatInt(e.ID, 10)})
	}
	return out, nil
}

// floatCell and intCell leave the cell of a missing number empty.
func floatCell(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func intCell(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}
