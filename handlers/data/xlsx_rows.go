package data

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowFile holds the data rows of a sheet as worksheet XML (<row>
// elements) in a temporary file, written through a small buffer, until
// the workbook is written. excelize's StreamWriter keeps its rows in a
// 16 MB buffer (StreamChunkSize, a constant) before it spills to disk,
// and builds several values per cell: an export of 100,000 reports held
// that buffer and left about 800 MB of garbage, which doubled the bot's
// resident set. Here a row costs the scratch bytes it is encoded into and
// the workbook is spliced together in writeSpliced.
type rowFile struct {
	f       *os.File
	out     *bufio.Writer
	scratch []byte
	refs    []string // the column letters, "A" to "V"
	styles  []int    // the style of each column's cells, 0 for none
}

// newRowFile starts the temporary file for rows of len(styles) columns.
func newRowFile(styles []int) (*rowFile, error) {
	f, err := os.CreateTemp("", "pilarbot-rows-")
	if err != nil {
		return nil, err
	}
	r := &rowFile{f: f, out: bufio.NewWriterSize(f, 64<<10), styles: styles}
	for i := range styles {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			r.Close()
			return nil, err
		}
		r.refs = append(r.refs, name)
	}
	return r, nil
}

// excelEpoch is day 0 of Excel's serial dates (1900 date system, for
// dates after February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// write encodes row number n (1-based, as Excel counts) of values: a
// string, an int, int64 or float64, or a time.Time already in the wall
// clock to show (UTC); nil leaves the cell out.
func (r *rowFile) write(n int, values []any) error {
	b := append(r.scratch[:0], `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `">`...)
	for i, v := range values {
		if v == nil {
			continue
		}
		b = append(b, `<c r="`...)
		b = append(b, r.refs[i]...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
		if r.styles[i] != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(r.styles[i]), 10)
			b = append(b, '"')
		}
		switch v := v.(type) {
		case string:
			b = appendInlineString(b, v)
		case int:
			b = strconv.AppendInt(append(b, `><v>`...), int64(v), 10)
		case int64:
			b = strconv.AppendInt(append(b, `><v>`...), v, 10)
		case float64:
			b = strconv.AppendFloat(append(b, `><v>`...), v, 'f', -1, 64)
		case time.Time:
			days := float64(v.Sub(excelEpoch)) / float64(24*time.Hour)
			b = strconv.AppendFloat(append(b, `><v>`...), days, 'f', -1, 64)
		default:
			return fmt.Errorf("data: export cell of type %T", v)
		}
		if _, ok := v.(string); !ok {
			b = append(b, `</v></c>`...)
		}
	}
	b = append(b, `</row>`...)
	r.scratch = b
	_, err := r.out.Write(b)
	return err
}

// appendInlineString closes the <c> start tag of a text cell and writes
// s as its inline string, escaped for XML (characters XML cannot hold
// become U+FFFD), spaces at either end kept.
func appendInlineString(b []byte, s string) []byte {
	if len(s) > excelize.TotalCellChars { // bytes: only then can it hold too many characters
		s = truncateRunes(s, excelize.TotalCellChars)
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	for _, c := range s {
		switch {
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '<':
			b = append(b, "&lt;"...)
		case c == '>':
			b = append(b, "&gt;"...)
		case c == '\r':
			b = append(b, "&#xD;"...)
		case c == '\t' || c == '\n':
			b = append(b, byte(c))
		case c < 0x20 || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF):
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return append(b, `</t></is></c>`...)
}

// truncateRunes cuts s to at most n characters: Excel refuses a cell of
// more than 32,767 (the texts of reports are far shorter; this is a
// guard, as excelize has one).
func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// writeSpliced writes the workbook excelize built (whose sheet at
// sheetPath has only its header row) to out, with the rows of the file
// inserted at the end of that sheet's <sheetData> and its dimension set
// to ref ("A1:V101"). Every other part is copied as excelize compressed it.
func (r *rowFile) writeSpliced(workbook []byte, sheetPath, ref string, out io.Writer) error {
	if err := r.out.Flush(); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(workbook), int64(len(workbook)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	found := false
	for _, part := range zr.File {
		if part.Name != sheetPath {
			if err := zw.Copy(part); err != nil {
				return err
			}
			continue
		}
		found = true
		if err := r.spliceSheet(zw, part, ref); err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("data: export: no %s in the workbook", sheetPath)
	}
	return zw.Close()
}

// spliceSheet writes the sheet part with the rows before </sheetData>.
func (r *rowFile) spliceSheet(zw *zip.Writer, part *zip.File, ref string) error {
	rc, err := part.Open()
	if err != nil {
		return err
	}
	sheet, err := io.ReadAll(rc) // the header row and the sheet's settings: a few kB
	rc.Close()
	if err != nil {
		return err
	}
	end := bytes.LastIndex(sheet, []byte("</sheetData>"))
	if end < 0 {
		return fmt.Errorf("data: export: %s has no sheetData", part.Name)
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate, Modified: part.Modified})
	if err != nil {
		return err
	}
	head := bytes.Replace(sheet[:end], []byte(`<dimension ref="A1">`), []byte(`<dimension ref="`+ref+`">`), 1)
	if _, err := w.Write(head); err != nil {
		return err
	}
	if _, err := r.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(w, r.f); err != nil {
		return err
	}
	_, err = w.Write(sheet[end:])
	return err
}

// Close removes the temporary file.
func (r *rowFile) Close() error {
	err := r.f.Close()
	if rerr := os.Remove(r.f.Name()); err == nil {
		err = rerr
	}
	return err
}
