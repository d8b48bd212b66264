package parse

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"pilarbot/storage/domain"
)

// nikNow is the reference "now" of the NIK tests: 15 March 2026, 10.00 WIB.
var nikNow = time.Date(2026, 3, 15, 10, 0, 0, 0, domain.WIB)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, domain.WIB) }

func TestNIK(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		value   string
		birth   time.Time
		female  bool
		wantMsg string
	}{
		{name: "man from Kota Pasuruan", in: "3575011203900001", value: "3575011203900001", birth: date(1990, 3, 12)},
		{name: "woman, day plus 40", in: "3575045208850123", value: "3575045208850123", birth: date(1985, 8, 12), female: true},
		{name: "spaces", in: "3575 0452 0885 0123", value: "3575045208850123", birth: date(1985, 8, 12), female: true},
		{name: "dots and dashes", in: "35.75.04-520885-0123", value: "3575045208850123", birth: date(1985, 8, 12), female: true},
		{name: "surrounding spaces", in: "  3575011203900001 ", value: "3575011203900001", birth: date(1990, 3, 12)},
		{name: "other province (Jakarta)", in: "3171011203900001", value: "3171011203900001", birth: date(1990, 3, 12)},
		{name: "Papua Selatan code 93", in: "9301011203900001", value: "9301011203900001", birth: date(1990, 3, 12)},
		{name: "female day 41", in: "3575014101900001", value: "3575014101900001", birth: date(1990, 1, 1), female: true},
		{name: "female day 71", in: "3575017101900001", value: "3575017101900001", birth: date(1990, 1, 31), female: true},
		{name: "29 February 2000", in: "3575012902000001", value: "3575012902000001", birth: date(2000, 2, 29)},
		{name: "born today", in: "3575011503260001", value: "3575011503260001", birth: date(2026, 3, 15)},
		{name: "two-digit year after today is last century", in: "3575011603260001", value: "3575011603260001", birth: date(1926, 3, 16)},
		{name: "year 05", in: "3575010101050001", value: "3575010101050001", birth: date(2005, 1, 1)},
		{name: "year 50", in: "3575010101500001", value: "3575010101500001", birth: date(1950, 1, 1)},
		{name: "serial 9999", in: "3575011203909999", value: "3575011203909999", birth: date(1990, 3, 12)},

		{name: "empty", in: "", wantMsg: msgNIKNotEmpty},
		{name: "15 digits", in: "357501120390001", wantMsg: msgNIKFormat},
		{name: "17 digits", in: "35750112039000011", wantMsg: msgNIKFormat},
		{name: "letter", in: "357501120390000I", wantMsg: msgNIKFormat},
		{name: "slash", in: "3575/011203900001", wantMsg: msgNIKFormat},
		{name: "non-ASCII digits", in: "٣٥٧٥011203900001", wantMsg: msgNIKFormat},
		{name: "province 99", in: "9975011203900001", wantMsg: msgNIKRegion},
		{name: "province 20", in: "2075011203900001", wantMsg: msgNIKRegion},
		{name: "province 00", in: "0075011203900001", wantMsg: msgNIKRegion},
		{name: "regency 00", in: "3500011203900001", wantMsg: msgNIKRegion},
		{name: "kecamatan 00", in: "3575001203900001", wantMsg: msgNIKRegion},
		{name: "date 32-13", in: "3575013213900001", wantMsg: msgNIKBirth},
		{name: "day 00", in: "3575010003900001", wantMsg: msgNIKBirth},
		{name: "day 40", in: "3575014003900001", wantMsg: msgNIKBirth},
		{name: "day 72", in: "3575017203900001", wantMsg: msgNIKBirth},
		{name: "day 35", in: "3575013503900001", wantMsg: msgNIKBirth},
		{name: "month 00", in: "3575011200900001", wantMsg: msgNIKBirth},
		{name: "31 April", in: "3575013104900001", wantMsg: msgNIKBirth},
		{name: "30 February", in: "3575013002900001", wantMsg: msgNIKBirth},
		{name: "29 February 2001", in: "3575012902010001", wantMsg: msgNIKBirth},
		{name: "woman 69-02 (29 Feb 2001)", in: "3575016902010001", wantMsg: msgNIKBirth},
		{name: "serial 0000", in: "3575011203900000", wantMsg: msgNIKSerial},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NIK(tc.in, nikNow)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("NIK error: %v", err)
			}
			if got.Value != tc.value || got.Region != tc.value[:6] || !got.BirthDate.Equal(tc.birth) ||
				got.BirthDate.Location() != domain.WIB || got.Female != tc.female {
				t.Errorf("NIK = {%s %s %v %v}, want {%s %s %v %v}",
					got.Value, got.Region, got.BirthDate, got.Female, tc.value, tc.value[:6], tc.birth, tc.female)
			}
		})
	}
}

func TestNIKCenturyUsesWIB(t *testing.T) {
	// 14 March 2026 20.00 UTC is already 15 March in WIB, so a person
	// born on 15-03-26 is a newborn, not 100 years old.
	now := time.Date(2026, 3, 14, 20, 0, 0, 0, time.UTC)
	n, err := NIK("3575011503260001", now)
	if err != nil {
		t.Fatal(err)
	}
	if n.BirthDate.Year() != 2026 || n.AgeAt(now) != 0 {
		t.Errorf("birth %v age %d, want 2026 and 0", n.BirthDate, n.AgeAt(now))
	}
}

func TestNIKAgeAt(t *testing.T) {
	tests := []struct {
		name  string
		birth time.Time
		now   time.Time
		want  int
	}{
		{"day before 18th birthday", date(2008, 3, 16), nikNow, 17},
		{"on 18th birthday", date(2008, 3, 15), nikNow, 18},
		{"adult", date(1990, 3, 12), nikNow, 36},
		{"newborn", date(2026, 3, 15), nikNow, 0},
		{"leap day, 28 Feb of common year", date(2008, 2, 29), date(2026, 2, 28), 17},
		{"leap day, 1 Mar of common year", date(2008, 2, 29), date(2026, 3, 1), 18},
		{"now given in UTC, already birthday in WIB", date(2008, 3, 15), time.Date(2026, 3, 14, 18, 0, 0, 0, time.UTC), 18},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := ParsedNIK{BirthDate: tc.birth}
			if got := n.AgeAt(tc.now); got != tc.want {
				t.Errorf("AgeAt = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestNIKNeverPrinted(t *testing.T) {
	const raw = "3575045208850123"
	n, err := NIK(raw, nikNow)
	if err != nil {
		t.Fatal(err)
	}
	if n.Masked() != "3575**********23" {
		t.Fatalf("Masked() = %q", n.Masked())
	}
	type holder struct {
		Who string
		NIK ParsedNIK
		Ptr *ParsedNIK
	}
	h := holder{Who: "Sri", NIK: n, Ptr: &n}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%T"} {
		outs = append(outs, fmt.Sprintf(verb, n), fmt.Sprintf(verb, &n), fmt.Sprintf(verb, h))
	}
	outs = append(outs, fmt.Sprint(n), fmt.Sprintln(n), n.String(), n.GoString(), fmt.Errorf("x: %v", n).Error())

	var buf bytes.Buffer
	for _, hnd := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		log := slog.New(hnd)
		log.Info("registered", "nik", n, "ptr", &n)
		log.Info("registered", slog.Any("nik", n), slog.Group("g", "nik", n))
	}
	outs = append(outs, buf.String())

	for _, out := range outs {
		for _, leak := range []string{raw, "520885", "45208850", "0885"} {
			if strings.Contains(out, leak) {
				t.Errorf("output %q reveals %q", out, leak)
			}
		}
	}
	if !strings.Contains(buf.String(), "3575**********23") {
		t.Errorf("log output does not contain the masked NIK: %s", buf.String())
	}
}
