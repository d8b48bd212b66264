package data

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestRowFileCells writes rows through a sheetWriter and reads them back
// with excelize: text with XML's special characters, spaces at the ends
// and a control character, numbers, dates, and empty cells left out.
func TestRowFileCells(t *testing.T) {
	cols := []column{{header: "No", typ: colNumber}, {header: "Teks"}, {header: "Tanggal", typ: colDate}, {header: "Angka", typ: colNumber}}
	w, err := newSheetWriter("Data", cols)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	day := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC) // 16:00 WIB, 3 November
	rows := [][]any{
		{1, " a & b <c> \"d\"\x01\nbaris ", day, 2.5},
		{2, "", time.Time{}, nil},
	}
	for _, r := range rows {
		if err := w.Row(r...); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := w.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("Data")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"No", "Teks", "Tanggal", "Angka"},
		{"1", " a & b <c> \"d\"\uFFFD\nbaris ", "03-11-2026", "2.5"},
		{"2"},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("row %d: %q, want %q", i, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("cell %d,%d: %q, want %q", i, j, got[i][j], want[i][j])
			}
		}
	}
	if got := truncateRunes("ééé", 2); got != "éé" {
		t.Errorf("truncateRunes = %q", got)
	}
	if err := w.Row(3, "x", day); err == nil {
		t.Error("a row of 3 values for 4 columns was written")
	}
}
