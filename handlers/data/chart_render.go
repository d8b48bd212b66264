package data

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"strconv"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"pilarbot/storage/domain"
)

// The chart is drawn at 72 dpi, so one point is one pixel: 1080 px wide,
// the width of a phone screen, with fonts large enough to read there
// without zooming. Telegram shows a photo of 4:5 whole in the chat.
const (
	chartWidth  = 1080
	chartHeight = 1350
	chartTitle  = 130 // the band of the title and the scope at the top
	chartLegend = 280 // the strip right of the kecamatan bars
	chartMargin = 24
)

// chartFont is the sans-serif face gonum embeds (Liberation Sans), so
// the picture looks the same on every machine, without system fonts.
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// pilarColors are the Okabe–Ito colours, which people with a colour
// vision deficiency can tell apart, one per pilar in domain.Pilars order,
// so that a pilar keeps its colour from month to month.
var pilarColors = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, {0xE6, 0x9F, 0x00, 0xFF}, {0x00, 0x9E, 0x73, 0xFF}, {0xCC, 0x79, 0xA7, 0xFF},
	{0x56, 0xB4, 0xE9, 0xFF}, {0xD5, 0x5E, 0x00, 0xFF}, {0x99, 0x88, 0x22, 0xFF},
}

// Colours of the two trend panels.
var (
	colorReports = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
	colorHelped  = color.RGBA{0x00, 0x9E, 0x73, 0xFF}
)

// newChartCanvas is vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight),
// vgimg.UseDPI(72)) with one image instead of two: given only a size,
// vgimg allocates an RGBA image and gg.NewContextForImage copies it into
// a second (5.8 MB each at 1080×1350), so every /rekap chart cost 11.6 MB,
// which set the bot's peak RSS before any export. The context is set up
// as NewWith sets up its own.
func newChartCanvas() *vgimg.Canvas {
	rgba := image.NewRGBA(image.Rect(0, 0, chartWidth, chartHeight))
	ctx := gg.NewContextForRGBA(rgba)
	ctx.SetLineCapButt()
	ctx.InvertY()
	return vgimg.NewWith(vgimg.UseImageWithContext(rgba, ctx), vgimg.UseDPI(72))
}

// renderChart draws d as a PNG: the title, the reports of the month per
// kecamatan stacked by pilar with the legend beside them, and below, side
// by side, the reports and the people helped of the last six months.
func renderChart(d chartData) ([]byte, error) {
	img := newChartCanvas()
	dc := draw.New(img)
	drawTitle(dc, d)
	body := draw.Crop(dc, chartMargin, -chartMargin, chartMargin, -chartTitle)
	top := draw.Crop(body, 0, 0, body.Size().Y*0.47, 0)
	bottom := draw.Crop(body, 0, 0, 0, -body.Size().Y*0.53-30)
	kec, legend, err := kecamatanPlot(d)
	if err != nil {
		return nil, err
	}
	kec.Draw(draw.Crop(top, 0, -chartLegend, 0, 0))
	legend.Draw(draw.Crop(top, top.Size().X-chartLegend+30, 0, 0, -90))
	left := draw.Crop(bottom, 0, -bottom.Size().X/2-20, 0, 0)
	right := draw.Crop(bottom, bottom.Size().X/2+20, 0, 0, 0)
	for _, panel := range []struct {
		c      draw.Canvas
		title  string
		values []int
		color  color.Color
	}{
		{left, chartTrendReports, d.Reports, colorReports},
		{right, chartTrendHelped, d.Helped, colorHelped},
	} {
		p, err := trendPlot(panel.title, d.Months, panel.values, panel.color)
		if err != nil {
			return nil, err
		}
		p.Draw(panel.c)
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawTitle writes the month and, for a scoped coordinator, the scope
// across the top of the picture.
func drawTitle(dc draw.Canvas, d chartData) {
	sty := textStyle(44)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	mid := (dc.Min.X + dc.Max.X) / 2
	dc.FillText(sty, vg.Point{X: mid, Y: dc.Max.Y - 24}, chartTitleText+d.Month)
	sub := chartSubtitle
	if d.Scope != "" {
		sub = chartScope + d.Scope
	}
	sty = textStyle(28)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	sty.Color = color.Gray{0x55}
	dc.FillText(sty, vg.Point{X: mid, Y: dc.Max.Y - 82}, sub)
}

// kecamatanPlot stacks the month's reports of each pilar on the
// kecamatan, with each bar's total above it. Its legend is drawn apart,
// beside the plot: inside it would cover the bars.
func kecamatanPlot(d chartData) (*plot.Plot, plot.Legend, error) {
	p := newPlot(chartKecTitle)
	p.NominalX(d.Kecamatans...)
	legend := plot.NewLegend()
	legend.TextStyle = textStyle(30)
	legend.Top, legend.Left = true, true
	legend.ThumbnailWidth = 36
	legend.Padding = 14
	totals := make([]int, len(d.Kecamatans))
	var below *plotter.BarChart
	for i, name := range d.Pilars {
		b, err := plotter.NewBarChart(intValues(d.ByKec[i]), 120)
		if err != nil {
			return nil, legend, err
		}
		b.Color = pilarColor(name)
		b.LineStyle.Width = 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		legend.Add(name, b)
		for k, n := range d.ByKec[i] {
			totals[k] += n
		}
	}
	if err := addValueLabels(p, totals); err != nil {
		return nil, legend, err
	}
	return p, legend, nil
}

// trendPlot draws one value a month as bars, each with its number.
func trendPlot(title string, months []string, values []int, c color.Color) (*plot.Plot, error) {
	p := newPlot(title)
	p.NominalX(months...)
	p.X.Tick.Label.Font = font.From(chartFont, 24)
	b, err := plotter.NewBarChart(intValues(values), 56)
	if err != nil {
		return nil, err
	}
	b.Color = c
	b.LineStyle.Width = 0
	p.Add(b)
	if err := addValueLabels(p, values); err != nil {
		return nil, err
	}
	return p, nil
}

// newPlot is a plot with the chart's fonts and whole-number y ticks
// starting at 0.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(32)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	p.Title.Padding = 24
	p.X.Tick.Label.Font = font.From(chartFont, 26)
	p.Y.Tick.Label.Font = font.From(chartFont, 24)
	p.X.Padding, p.Y.Padding = 10, 10
	p.Y.Min = 0
	p.Y.Tick.Marker = wholeTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	p.Add(grid)
	p.X.Tick.Length = 0
	return p
}

// addValueLabels writes each value above its bar and leaves room for it.
func addValueLabels(p *plot.Plot, values []int) error {
	xys := make(plotter.XYs, len(values))
	labels := make([]string, len(values))
	top := 0
	for i, n := range values {
		xys[i] = plotter.XY{X: float64(i), Y: float64(n)}
		labels[i] = strconv.Itoa(n)
		top = max(top, n)
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return err
	}
	for i := range l.TextStyle {
		l.TextStyle[i] = textStyle(28)
		l.TextStyle[i].XAlign = draw.XCenter
	}
	l.Offset = vg.Point{Y: 8}
	p.Add(l)
	p.Y.Max = math.Max(1, float64(top)*1.2)
	return nil
}

// textStyle is the chart's font at size points (pixels), black.
func textStyle(size vg.Length) text.Style {
	return text.Style{Color: color.Black, Font: font.From(chartFont, size), Handler: plot.DefaultTextHandler}
}

// pilarColor is the colour of a pilar by its short name.
func pilarColor(short string) color.Color {
	for i, pl := range domain.Pilars() {
		if pl.Short == short && i < len(pilarColors) {
			return pilarColors[i]
		}
	}
	return color.Gray{0x80}
}

func intValues(ns []int) plotter.Values {
	vs := make(plotter.Values, len(ns))
	for i, n := range ns {
		vs[i] = float64(n)
	}
	return vs
}

// wholeTicks labels the y axis with whole numbers only, about five of
// them: reports and people are counted, never halved.
type wholeTicks struct{}

// Ticks implements plot.Ticker.
func (w wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	step := w.step(lo, hi)
	var ts []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ts
}

// step is the tick spacing of [lo, hi]: 1, 2, 5, 10, 20, 50, … whichever
// first gives at most five steps. The Ringkasan chart uses it too.
func (wholeTicks) step(lo, hi float64) float64 {
	step := 1.0
	for i := 0; (hi-lo)/step > 5; i++ {
		step *= []float64{2, 2.5, 2}[i%3]
	}
	return step
}
