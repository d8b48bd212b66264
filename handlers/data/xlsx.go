package data

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"pilarbot/storage/domain"
)

// colType is how a spreadsheet column stores its values, so that Excel
// sorts and sums them properly: numbers as numbers, dates as dates.
type colType int

const (
	colText     colType = iota
	colNumber           // int, int64 or float64
	colDate             // time.Time, shown dd-mm-yyyy
	colDateTime         // time.Time, shown dd-mm-yyyy hh:mm (WIB)
)

// sheetFont is excelize's default font, named in every style with a font:
// without a family, LibreOffice shows a bold header in a serif face.
const sheetFont = "Calibri"

// column is one column of an export: its header and type.
type column struct {
	header string
	typ    colType
	width  float64
}

// sheetWriter writes one worksheet: a bold header row, frozen, with a
// filter (as an Excel table), written with excelize's StreamWriter, then
// the data rows one at a time into a rowFile on disk, spliced into the
// workbook when it is written, so an export of any size needs little
// memory.
type sheetWriter struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	sheet string
	cols  []column
	rows  int // data rows written
	data  *rowFile
	// buf is the row handed to data, reused from row to row.
	buf []any
}

// newSheetWriter starts a workbook of one sheet with cols as its header.
func newSheetWriter(sheet string, cols []column) (*sheetWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	w := &sheetWriter{f: f, sheet: sheet, cols: cols, buf: make([]any, len(cols))}
	var err error
	if w.sw, err = f.NewStreamWriter(sheet); err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: sheetFont},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return nil, err
	}
	styles := map[colType]int{}
	for typ, format := range map[colType]string{colDate: "dd-mm-yyyy", colDateTime: "dd-mm-yyyy hh:mm"} {
		f := format
		if styles[typ], err = w.f.NewStyle(&excelize.Style{CustomNumFmt: &f}); err != nil {
			return nil, err
		}
	}
	colStyles := make([]int, len(cols))
	for i, c := range cols {
		colStyles[i] = styles[c.typ]
	}
	if w.data, err = newRowFile(colStyles); err != nil {
		return nil, err
	}
	for i, c := range cols {
		width := c.width
		if width == 0 {
			width = 16
		}
		if err := w.sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, err
		}
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: header, Value: c.header}
	}
	if err := w.sw.SetRow("A1", row); err != nil {
		return nil, err
	}
	return w, nil
}

// Row writes the next data row, one value per column: a string, a number
// or a time.Time (nil or a zero time leaves the cell empty).
func (w *sheetWriter) Row(values ...any) error {
	if len(values) != len(w.cols) {
		return fmt.Errorf("data: export row has %d values for %d columns", len(values), len(w.cols))
	}
	for i, v := range values {
		if t, ok := v.(time.Time); ok {
			if t.IsZero() {
				v = nil
			} else {
				// Excel has no time zones: write the WIB wall clock.
				t = t.In(domain.WIB)
				v = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
			}
		}
		w.buf[i] = v
	}
	w.rows++
	return w.data.write(w.rows+1, w.buf)
}

// WriteTo finishes the sheet (the filter covers the header and every row)
// and writes the workbook to out.
func (w *sheetWriter) WriteTo(out io.Writer) (int64, error) {
	defer w.f.Close()
	last, err := excelize.CoordinatesToCellName(len(w.cols), w.rows+1)
	if err != nil {
		return 0, err
	}
	if err := w.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "Data", StyleName: "TableStyleLight9"}); err != nil {
		return 0, err
	}
	if err := w.sw.Flush(); err != nil {
		return 0, err
	}
	// The workbook without the data rows: the header, the other sheets
	// (the summary and its chart), styles and the table, a few kB.
	var wb bytes.Buffer
	if _, err := w.f.WriteTo(&wb); err != nil {
		return 0, err
	}
	cw := &countWriter{w: out}
	err = w.data.writeSpliced(wb.Bytes(), dataSheetPath, "A1:"+last, cw)
	return cw.n, err
}

// dataSheetPath is the part of the data sheet: newSheetWriter renames
// the first sheet of a new workbook, which keeps its part name.
const dataSheetPath = "xl/worksheets/sheet1.xml"

// countWriter counts the bytes written through it, for WriteTo.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Close releases the temporary files of the sheet.
func (w *sheetWriter) Close() error {
	err := w.data.Close()
	if ferr := w.f.Close(); err == nil {
		err = ferr
	}
	return err
}
