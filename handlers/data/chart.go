package data

import (
	"context"
	"fmt"
	"html"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// chartMonths is how many months the trend of the /rekap chart shows,
// the month asked for being the last.
const chartMonths = 6

// chartData is what the /rekap chart draws, built from the same
// reportSummary as the text, so that the picture and the words show the
// same numbers. Rejected reports are left out, as in the text's tables.
type chartData struct {
	Month      string   // "Desember 2023"
	Scope      string   // the scope's label, "" for the whole city
	Kecamatans []string // every kecamatan's name, in the city's order
	Pilars     []string // the short names of the pilar with reports in the month
	ByKec      [][]int  // [pilar][kecamatan]: reports of the month
	Months     []string // the trend's months, oldest first: "Jul\n2023"
	Reports    []int    // reports of each month
	Helped     []int    // PSM's penerima manfaat of each month
}

// empty tells a chart with nothing to draw: no report in any month.
func (d chartData) empty() bool {
	for _, n := range d.Reports {
		if n > 0 {
			return false
		}
	}
	return true
}

// newChartData builds the chart of the month of last, the last of
// periods (oldest first). earlier holds the reports kept (not rejected)
// of each period before it; the last bar is last's own, the summary the
// text shows.
func newChartData(periods []parse.Period, earlier []reportTally, last reportSummary, scope string) chartData {
	d := chartData{Month: periods[len(periods)-1].Label(), Scope: scope}
	for _, k := range domain.Kecamatans() {
		d.Kecamatans = append(d.Kecamatans, k.Name)
	}
	pilars, byKec := last.kecamatanTable()
	for _, pl := range pilars {
		d.Pilars = append(d.Pilars, pl.Short)
	}
	d.ByKec = byKec
	for i, p := range periods {
		t := last.kept
		if i < len(earlier) {
			t = earlier[i]
		}
		d.Months = append(d.Months, fmt.Sprintf("%.3s\n%d", kit.MonthName(p.Start.Month()), p.Start.Year()))
		d.Reports = append(d.Reports, t.reports)
		d.Helped = append(d.Helped, t.beneficiaries)
	}
	return d
}

// kecamatanTable is the reports of each pilar with reports in every
// kecamatan (in the city's order): what the chart stacks and the
// Ringkasan sheet of the reports export tabulates.
func (s reportSummary) kecamatanTable() (pilars []domain.Pilar, byKec [][]int) {
	kecs := domain.Kecamatans()
	for _, pl := range domain.Pilars() {
		if s.byPilar[pl.Code] == nil {
			continue
		}
		row := make([]int, len(kecs))
		for i, k := range kecs {
			row[i] = s.byKecPilar[k.Code][pl.Code]
		}
		pilars = append(pilars, pl)
		byKec = append(byKec, row)
	}
	return pilars, byKec
}

// rekapChartData is the chart of month p: its own reports inside scope
// are month, the summary the text shows; the five months before it are
// counted in one query, by month.
func (h *Room) rekapChartData(ctx context.Context, p parse.Period, scope storage.Scope, month reportSummary) (chartData, error) {
	periods := make([]parse.Period, chartMonths)
	for i := range chartMonths {
		periods[i] = parse.MonthPeriod(p.Start.AddDate(0, i-chartMonths+1, 0))
	}
	counts, err := h.Store.MonthReportCounts(ctx, scope, periods[0].Start, p.Start)
	if err != nil {
		return chartData{}, err
	}
	label := ""
	if !scope.CityWide() {
		label = kit.ScopeLabel(scope)
	}
	return newChartData(periods, monthTallies(periods[:chartMonths-1], counts), month, label), nil
}

// monthTallies adds up counts into the reports kept (not rejected) of
// each of periods, by the year and month of each count.
func monthTallies(periods []parse.Period, counts []storage.MonthReportCount) []reportTally {
	ts := make([]reportTally, len(periods))
	for _, c := range counts {
		if c.Status == domain.ReportRejected {
			continue
		}
		for i, p := range periods {
			if p.Start.Year() == c.Month.Year() && p.Start.Month() == c.Month.Month() {
				ts[i].add(storage.ReportCount{Reports: c.Reports, Beneficiaries: c.Beneficiaries, Victims: c.Victims, Evacuees: c.Evacuees})
			}
		}
	}
	return ts
}

// sendRekapChart sends the chart of the month after the /rekap text with
// sendPhoto, unless no report was made in any of its months.
// https://core.telegram.org/bots/api#sendphoto
func (h *Room) sendRekapChart(ctx context.Context, chatID int64, p parse.Period, scope storage.Scope, month reportSummary) error {
	d, err := h.rekapChartData(ctx, p, scope, month)
	if err != nil {
		return err
	}
	if d.empty() {
		return nil
	}
	png, err := renderChart(d)
	if err != nil {
		return fmt.Errorf("data: rekap chart: %w", err)
	}
	photo := tgbotapi.NewPhoto(chatID, tgbotapi.FileBytes{Name: "rekap-" + p.Key() + ".png", Bytes: png})
	photo.Caption = fmt.Sprintf(msgChartCaption, html.EscapeString(d.Month)) + scopeLine(scope)
	photo.ParseMode = tgbotapi.ModeHTML
	_, err = h.Send.Send(ctx, photo)
	return err
}
