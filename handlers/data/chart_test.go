package data

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// chartCounts are December 2023 as storage.ReportCounts returns them:
// Mayangan and Trajeng are in Panggungrejo, Tapa'an in Bugul Kidul.
var chartCounts = []storage.ReportCount{
	{Pilar: "psm", KelurahanCode: "35.75.04.1006", Status: domain.ReportApproved, Reports: 3, Beneficiaries: 12},
	{Pilar: "psm", KelurahanCode: "35.75.04.1003", Status: domain.ReportSubmitted, Reports: 2, Beneficiaries: 5},
	{Pilar: "psm", KelurahanCode: "35.75.04.1003", Status: domain.ReportRejected, Reports: 4, Beneficiaries: 40},
	{Pilar: "tagana", KelurahanCode: "35.75.03.1003", Status: domain.ReportApproved, Reports: 1, Victims: 3, Evacuees: 25},
	{Pilar: "tagana", KelurahanCode: "35.75.04.1006", Status: domain.ReportApproved, Reports: 2},
	{Pilar: "karang_taruna", KelurahanCode: "35.75.01.1009", Status: domain.ReportSubmitted, Reports: 1},
}

// testChart is the chart of December 2023 with chartCounts and a
// November of one report, counted by month as storage.MonthReportCounts
// returns it (with a rejected one that the bars leave out).
func testChart() (chartData, reportSummary) {
	dec := parse.MonthPeriod(time.Date(2023, 12, 5, 0, 0, 0, 0, domain.WIB))
	var periods []parse.Period
	for i := range chartMonths {
		periods = append(periods, parse.MonthPeriod(dec.Start.AddDate(0, i-chartMonths+1, 0)))
	}
	nov := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	earlier := monthTallies(periods[:chartMonths-1], []storage.MonthReportCount{
		{Month: nov, Status: domain.ReportSubmitted, Reports: 1},
		{Month: nov, Status: domain.ReportRejected, Reports: 2, Beneficiaries: 7},
	})
	s := summarizeReports(chartCounts)
	return newChartData(periods, earlier, s, ""), s
}

// TestChartShowsTheTextsNumbers checks that every kecamatan's bar adds up
// to the number the /rekap text gives it, and the trend's last month to
// the text's reports and people helped (without the rejected ones).
func TestChartShowsTheTextsNumbers(t *testing.T) {
	d, s := testChart()
	text := reportsText(d.Month, s)
	if d.Month != "Desember 2023" || strings.Join(d.Pilars, ",") != "PSM,Tagana,Karang Taruna" {
		t.Fatalf("month %q, pilars %v", d.Month, d.Pilars)
	}
	for k, name := range d.Kecamatans {
		total := 0
		for i := range d.Pilars {
			total += d.ByKec[i][k]
		}
		line := fmt.Sprintf(msgRekapRepLine, name, fmt.Sprint(total))
		if (total > 0) != strings.Contains(text, line) {
			t.Errorf("kecamatan %s: chart %d, text lacks %q:\n%s", name, total, line, text)
		}
	}
	want := []int{0, 0, 0, 0, 1, 9}
	if fmt.Sprint(d.Reports) != fmt.Sprint(want) || d.Helped[5] != 17 {
		t.Errorf("trend %v helped %v, want %v and 17", d.Reports, d.Helped, want)
	}
	if !strings.Contains(text, fmt.Sprintf(msgRekapRepPeople, "17", "3", "25")) {
		t.Errorf("text lacks 17 helped:\n%s", text)
	}
	if d.Months[0] != "Jul\n2023" || d.Months[5] != "Des\n2023" {
		t.Errorf("months %v", d.Months)
	}
}

// TestRenderChart checks that the chart is a PNG as wide as a phone
// screen. CHART_PNG=/tmp/rekap.png keeps it to look at.
func TestRenderChart(t *testing.T) {
	d, _ := testChart()
	d.Scope = "Kec. Bugul Kidul · PSM"
	b, err := renderChart(d)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if size := img.Bounds().Size(); size.X != chartWidth || size.Y != chartHeight {
		t.Errorf("size %v, want %dx%d", size, chartWidth, chartHeight)
	}
	if out := os.Getenv("CHART_PNG"); out != "" {
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
