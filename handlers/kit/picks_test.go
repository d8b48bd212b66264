package kit

import (
	"context"
	"errors"
	"testing"

	"pilarbot/conversations"
	"pilarbot/storage"
)

func TestTogglePick(t *testing.T) {
	for _, tc := range []struct{ cur, code, want string }{
		{"", "psm", `["psm"]`},
		{`["psm"]`, "tagana", `["psm","tagana"]`},
		{`["psm","tagana"]`, "psm", `["tagana"]`},
		{`["psm"]`, "psm", ""}, // the last one removed: nothing, not everything
		{"[]", "psm", `["psm"]`},
	} {
		if got := TogglePick(tc.cur, tc.code); got != tc.want {
			t.Errorf("TogglePick(%q, %q) = %q, want %q", tc.cur, tc.code, got, tc.want)
		}
	}
}

func TestMultiSelect(t *testing.T) {
	s := &conversations.Session{State: &conversations.State{Answers: map[string]string{}}}
	m := MultiSelect{Key: "k", Done: "✅ Selesai", All: "Semua pilar", Empty: "pilih dulu",
		Match: func(_ context.Context, _ *conversations.Session, t string) (string, error) { return MatchPilar(t) },
		Everything: func(context.Context, *conversations.Session) (string, error) {
			return ScopeAllPilars(storage.Scope{Pilars: []string{"psm"}}), nil
		},
	}
	ctx := context.Background()
	if _, err := m.Accept(ctx, s, "Selesai"); err == nil {
		t.Error("Selesai with nothing chosen was taken")
	}
	v, err := m.Accept(ctx, s, "Tagana")
	if !errors.Is(err, conversations.More) || v != `["tagana"]` {
		t.Errorf("a pick = %q, %v", v, err)
	}
	s.Set("k", v)
	if v, err := m.Accept(ctx, s, "✅ Selesai"); err != nil || v != `["tagana"]` {
		t.Errorf("Selesai = %q, %v", v, err)
	}
	if v, err := m.Accept(ctx, s, "semua pilar"); err != nil || v != `["psm"]` {
		t.Errorf("Semua pilar of a PSM scope = %q, %v", v, err)
	}
	if _, err := m.Accept(ctx, s, "Pemadam"); err == nil {
		t.Error("an unknown pilar was taken")
	}
}

func TestScopeOffer(t *testing.T) {
	bugul := storage.Scope{Kecamatans: []string{"35.75.03"}, Kelurahans: []string{"35.75.04.1006"}}
	if ks := ScopeKecamatans(bugul); len(ks) != 1 || ks[0].Name != "Bugul Kidul" {
		t.Errorf("kecamatan of %+v = %+v", bugul, ks)
	}
	kels := ScopeKelurahans(bugul)
	if len(kels) != 7 || kels[0].Name != "Blandongan" || kels[6].Name != "Mayangan" {
		t.Errorf("kelurahan of %+v = %+v", bugul, kels)
	}
	if n := len(ScopeKelurahans(storage.Scope{})); n != 34 {
		t.Errorf("the whole city has %d kelurahan", n)
	}
	if ps := ScopePilars(storage.Scope{Pilars: []string{"tagana"}}); len(ps) != 1 || ps[0].Short != "Tagana" {
		t.Errorf("pilar of a Tagana scope = %+v", ps)
	}
	if got := ScopeAllPlaces(bugul); got != `["35.75.03","35.75.04.1006"]` {
		t.Errorf("everything of %+v = %s", bugul, got)
	}
	if got := ScopeAllPlaces(storage.Scope{Pilars: []string{"psm"}}); got != "[]" {
		t.Errorf("everything of a city-wide scope = %s", got)
	}
	if got := ScopeLabel(bugul); got != "Kec. Bugul Kidul, Kel. Mayangan · semua pilar" {
		t.Errorf("label = %q", got)
	}
}
