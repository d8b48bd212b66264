package data

import (
	"fmt"
	"image/color"
	"strconv"

	"github.com/xuri/excelize/v2"

	"pilarbot/storage/domain"
)

// The layout of the Ringkasan sheet: two title lines, a blank row, the
// table's header, one row per kecamatan and the totals; the chart below.
const (
	summaryHeaderRow = 4
	summaryChartGap  = 2
)

// writeSummarySheet adds the sheet Ringkasan in front of the others and
// opens the workbook on it: the month's reports per kecamatan by pilar,
// with the people helped, as /rekap counts them (s, from the same query
// and scope), and a native stacked column chart of the table, so that
// Excel and LibreOffice draw it themselves and it follows edits.
func writeSummarySheet(f *excelize.File, title, note string, s reportSummary) error {
	const sheet = eksporSumSheet
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	if err := f.MoveSheet(sheet, f.GetSheetName(0)); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	pilars, byKec := s.kecamatanTable()
	header := []any{colKecamatan}
	for _, pl := range pilars {
		header = append(header, pl.Short)
	}
	header = append(header, colJumlahLaporan, colPenerima, colKorban, colPengungsi)
	rows := [][]any{{title}, {note}, {}, header}
	total := []any{eksporSumTotal}
	for range pilars {
		total = append(total, 0)
	}
	for k, kec := range domain.Kecamatans() {
		row := []any{kec.Name}
		for i := range pilars {
			row = append(row, byKec[i][k])
			total[i+1] = total[i+1].(int) + byKec[i][k]
		}
		t := s.byKec[kec.Code]
		if t == nil {
			t = &reportTally{}
		}
		rows = append(rows, append(row, t.reports, t.beneficiaries, t.victims, t.evacuees))
	}
	k := s.kept
	rows = append(rows, append(total, k.reports, k.beneficiaries, k.victims, k.evacuees))
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	if err := styleSummary(f, len(header), len(rows)); err != nil {
		return err
	}
	if len(pilars) == 0 {
		return nil
	}
	top := 0
	for _, n := range total[1 : len(pilars)+1] {
		top = max(top, n.(int))
	}
	return f.AddChart(sheet, cellName(1, len(rows)+summaryChartGap), summaryChart(pilars, len(rows), top))
}

// summaryChart stacks the column of each pilar on the kecamatan; rows is
// the number of the table's last row (the totals, left out of the chart),
// top the highest column, for whole-number steps on the axis.
func summaryChart(pilars []domain.Pilar, rows, top int) *excelize.Chart {
	first, last := summaryHeaderRow+1, rows-1
	noVary := false
	ref := func(col string, from, to int) string {
		r := eksporSumSheet + "!$" + col + "$" + strconv.Itoa(from)
		if to > from {
			r += ":$" + col + "$" + strconv.Itoa(to)
		}
		return r
	}
	var series []excelize.ChartSeries
	for i := range pilars {
		col, _ := excelize.ColumnNumberToName(i + 2)
		series = append(series, excelize.ChartSeries{
			Name:       ref(col, summaryHeaderRow, summaryHeaderRow),
			Categories: ref("A", first, last),
			Values:     ref(col, first, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hexColor(pilarColor(pilars[i].Short))}},
		})
	}
	return &excelize.Chart{
		Type:       excelize.ColStacked,
		Series:     series,
		VaryColors: &noVary, // one colour per pilar, not per kecamatan
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: chartKecTitle}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: 640, Height: 400},
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont,
			MajorUnit: wholeTicks{}.step(0, float64(top))},
	}
}

// styleSummary makes the titles large and bold, the header and the
// totals bold, and the columns wide enough for their headers.
func styleSummary(f *excelize.File, cols, rows int) error {
	const sheet = eksporSumSheet
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: sheetFont}})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: sheetFont},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", title); err != nil {
		return err
	}
	// Numbers' headers sit right, above their numbers.
	boldRight, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: sheetFont},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "right"}})
	if err != nil {
		return err
	}
	for _, row := range []int{summaryHeaderRow, rows} {
		if err := f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), bold); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(2, row), cellName(cols, row), boldRight); err != nil {
			return err
		}
	}
	// One landscape page wide, so the table and the chart print whole.
	landscape, one := "landscape", 1
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(cols)
	if err := f.SetColWidth(sheet, "A", "A", 16); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", last, 18)
}

// axisFont is the font of the chart's axis labels: dark enough to read.
var axisFont = excelize.Font{Size: 10, Color: "404040"}

// hexColor is c as Excel writes colours, "0072B2".
func hexColor(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("%02X%02X%02X", r>>8, g>>8, b>>8)
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}
