package main

import (
	"testing"
	"time"
)

func TestParseStat(t *testing.T) {
	// A command name with spaces and parentheses, as a Node peer may have.
	line := "4242 (node (peer) x) S 4000 4242 4242 0 -1 4194560 1234 0 0 0 150 37 5 2 20 0 11 0 9999 1000000 5000"
	st, err := parseStat(line)
	if err != nil {
		t.Fatal(err)
	}
	if st.ppid != 4000 || st.utime != 150 || st.stime != 37 || st.cutime != 5 || st.cstime != 2 {
		t.Fatalf("parseStat = %+v", st)
	}
	if _, err := parseStat("4242 (short) S 1 2"); err == nil {
		t.Fatal("a short stat line parsed")
	}
	if got := ticks(st.utime + st.stime); got != 1870*time.Millisecond {
		t.Fatalf("187 ticks = %v, want 1.87s", got)
	}
}

func TestPercentiles(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	if p := percentiles(ds); p.P50 != 51 || p.P99 != 99 {
		t.Fatalf("percentiles of 1..100 ms = %+v, want p50 51, p99 99", p)
	}
	if ds[0] != 100*time.Millisecond {
		t.Fatal("percentiles sorted its argument")
	}
	if p := percentiles(nil); p != (pct{}) {
		t.Fatalf("percentiles(nil) = %+v", p)
	}
}

func TestPressMatching(t *testing.T) {
	hadir := pressContaining("Hadir", "Tidak").press
	for label, want := range map[string]bool{"1. Hadir": true, "1. Tidak hadir": false, "✅ Simpan": false} {
		if hadir(label) != want {
			t.Errorf("Hadir matches %q = %v, want %v", label, !want, want)
		}
	}
	if !pressContaining("Simpan").press("✅ Simpan") {
		t.Error("Simpan does not match ✅ Simpan")
	}
}

func TestScratchURL(t *testing.T) {
	db, admin, err := scratchURL("postgres://root@127.0.0.1:5432/pilarbot?sslmode=disable&search_path=x")
	if err != nil {
		t.Fatal(err)
	}
	if db != "postgres://root@127.0.0.1:5432/pilarbot_load?sslmode=disable" || admin != "postgres://root@127.0.0.1:5432/postgres?sslmode=disable" {
		t.Fatalf("scratchURL = %q, %q", db, admin)
	}
	if _, _, err := scratchURL("host=127.0.0.1 dbname=x"); err == nil {
		t.Fatal("a key=value DSN was accepted")
	}
}
