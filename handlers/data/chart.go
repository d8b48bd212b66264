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

// newChartData builds the chart of the last month of trend (oldest
// first; one summary and period per month).
func newChartData(periods []parse.Period, trend []reportSummary, scope string) chartData {
	last := trend[len(trend)-1]
	d := chartData{Month: periods[len(periods)-1].Label(), Scope: scope}
	for _, k := range domain.Kecamatans() {
		d.Kecamatans = append(d.Kecamatans, k.Name)
	}
	pilars, byKec := last.kecamatanTable()
	for _, pl := range pilars {
		d.Pilars = append(d.Pilars, pl.Short)
	}
	d.ByKec = byKec
	for i, s := range trend {
		start := periods[i].Start
		d.Months = append(d.Months, fmt.Sprintf("%.3s\n%d", kit.MonthName(start.Month()), start.Year()))
		d.Reports = append(d.Reports, s.kept.reports)
		d.Helped = append(d.Helped, s.kept.beneficiaries)
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

// rekapChartData counts the reports inside scope of the month p and the
// months before it, with the query the text uses.
func (h *Room) rekapChartData(ctx context.Context, p parse.Period, scope storage.Scope) (chartData, error) {
	periods := make([]parse.Period, chartMonths)
	trend := make([]reportSummary, chartMonths)
	for i := range chartMonths {
		q := parse.MonthPeriod(p.Start.AddDate(0, i-chartMonths+1, 0))
		counts, err := h.Store.ReportCounts(ctx, scope, q.Start, q.End)
		if err != nil {
			return chartData{}, err
		}
		periods[i], trend[i] = q, summarizeReports(counts)
	}
	label := ""
	if !scope.CityWide() {
		label = kit.ScopeLabel(scope)
	}
	return newChartData(periods, trend, label), nil
}

// sendRekapChart sends the chart of the month after the /rekap text with
// sendPhoto, unless no report was made in any of its months.
// https://core.telegram.org/bots/api#sendphoto
func (h *Room) sendRekapChart(ctx context.Context, chatID int64, p parse.Period, scope storage.Scope) error {
	d, err := h.rekapChartData(ctx, p, scope)
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
