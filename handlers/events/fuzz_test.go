package events

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
)

// FuzzEventChoices feeds typed text to the multi-select and end-time
// answers of /acara: they never panic and keep their answers decodable.
func FuzzEventChoices(f *testing.F) {
	for _, s := range []string{"Tagana", "✅ Selesai", "Semua pilar", "Kec. Panggungrejo", "mayangan", "kec", "12.00",
		"21-12-2023 12.00", "Lewati", "", "kec. bugul kidul", "\x00", "35.75.04.1006"} {
		f.Add(s)
	}
	// User 0 is an admin: city-wide, so the scope needs no store.
	h := &Room{Env: &kit.Env{Admins: map[int64]bool{0: true}, Now: func() time.Time { return time.Date(2023, 12, 1, 9, 0, 0, 0, time.UTC) }}}
	f.Fuzz(func(t *testing.T, text string) {
		s := &conversations.Session{State: &conversations.State{Answers: map[string]string{
			keyEvPilar: `["tagana"]`, keyEvWilayah: "[]", keyEvMulai: "2023-12-20T08:00:00+07:00",
		}}}
		for _, accept := range []func(context.Context, *conversations.Session, string) (string, error){h.pilarPicks().Accept, h.regionPicks().Accept} {
			v, err := accept(context.Background(), s, text)
			if _, invalid := conversations.AsInvalid(err); invalid || v == "" { // "": the last choice taken back
				continue
			}
			var list []string
			if jerr := json.Unmarshal([]byte(v), &list); jerr != nil {
				t.Fatalf("answer %q to %q is not a JSON list (err %v)", v, text, err)
			}
		}
		v, err := h.acceptEnd(context.Background(), s, text)
		if _, invalid := conversations.AsInvalid(err); !invalid && err != nil {
			t.Fatalf("acceptEnd(%q) failed: %v", text, err)
		}
		if err == nil && v != "" {
			end, perr := time.Parse(time.RFC3339, v)
			if perr != nil || !end.After(time.Date(2023, 12, 20, 1, 0, 0, 0, time.UTC)) {
				t.Fatalf("acceptEnd(%q) = %q, not after the start", text, v)
			}
		}
	})
}
