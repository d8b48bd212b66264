package data

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// activityYears is how many years /ekspor aktivitas offers as buttons,
// this one first.
const activityYears = 3

// activityColumns are the columns of the activity record. Admins also get
// the phone and the NIK (activityIDColumns); coordinators get neither.
var activityColumns = []column{
	{header: colNo, typ: colNumber, width: 6},
	{header: colNama, width: 28},
	{header: colPilar, width: 15},
	{header: colKelurahan, width: 16},
	{header: colKecamatan, width: 14},
	{header: colLapDisetujui, typ: colNumber, width: 12},
	{header: colPenerima, typ: colNumber, width: 11},
	{header: colKorban, typ: colNumber, width: 9},
	{header: colPengungsi, typ: colNumber, width: 10},
	{header: colAcaraHadir, typ: colNumber, width: 11},
	{header: colAcaraAbsen, typ: colNumber, width: 11},
	{header: colSiagaSiap, typ: colNumber, width: 11},
	{header: colPertama, typ: colDate, width: 13},
	{header: colTerakhir, typ: colDate, width: 13},
}

var activityIDColumns = []column{{header: colHP, width: 17}, {header: colNIK, width: 19}}

// yearChoices offers this year and the ones before it.
func (h *Room) yearChoices(context.Context, storage.Scope) ([]exportChoice, error) {
	y := h.Now().In(domain.WIB).Year()
	var out []exportChoice
	for i := range activityYears {
		s := strconv.Itoa(y - i)
		out = append(out, exportChoice{label: s, value: s})
	}
	return out, nil
}

// yearArg reads a typed year, "2023".
func (h *Room) yearArg(text string) (string, error) {
	y, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || y < 2000 || y > h.Now().In(domain.WIB).Year() {
		return "", conversations.Invalidf(errTahun)
	}
	return strconv.Itoa(y), nil
}

// writeActivityXLSX streams one row per volunteer inside req.Scope with
// their activity in the year req.Value: PSM's people helped and Tagana's
// korban and pengungsi in columns of their own, never summed.
func writeActivityXLSX(ctx context.Context, store *storage.Store, req exportRequest, out io.Writer) (int, error) {
	y, err := strconv.Atoi(req.Value)
	if err != nil {
		return 0, fmt.Errorf("data: activity export of %q: %w", req.Value, storage.ErrNotFound)
	}
	start := time.Date(y, time.January, 1, 0, 0, 0, 0, domain.WIB)
	cols := activityColumns
	if req.Admin {
		cols = append(append([]column{}, cols...), activityIDColumns...)
	}
	w, err := newSheetWriter(eksporActSheet, cols)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	n := 0
	err = store.EachVolunteerActivity(ctx, req.Scope, start, start.AddDate(1, 0, 0), func(a *storage.VolunteerActivity) error {
		n++
		kel, _ := domain.KelurahanByCode(a.KelurahanCode)
		kec, _ := domain.KecamatanByCode(kel.KecamatanCode)
		var first, last time.Time
		if a.First != nil {
			first, last = *a.First, *a.Last
		}
		row := []any{n, a.Name, kit.PilarShort(a.Pilar), kel.Name, kec.Name, a.Approved,
			a.Beneficiaries, a.Victims, a.Evacuees, a.Hadir, a.CheckedIn, a.Siap, first, last}
		if req.Admin {
			row = append(row, a.Phone, a.NIK)
		}
		return w.Row(row...)
	})
	if err != nil {
		return 0, err
	}
	if _, err := w.WriteTo(out); err != nil {
		return 0, err
	}
	return n, nil
}
