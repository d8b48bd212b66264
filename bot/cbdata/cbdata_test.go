package cbdata

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNewAndParse(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		fields []any
		want   string
	}{
		{"prefix only", "hd", nil, "hd"},
		{"action", "pf", []any{"edit"}, "pf:edit"},
		{"action and id", "rv", []any{"ok", int64(42)}, "rv:ok:42"},
		{"ints", "jd", []any{"y", 7, 3}, "jd:y:7:3"},
		{"empty field", "ex", []any{"vol", ""}, "ex:vol:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := New(tc.prefix, tc.fields...)
			if got != tc.want {
				t.Fatalf("New = %q, want %q", got, tc.want)
			}
			d, ok := Parse(got)
			if !ok || d.Prefix != tc.prefix || d.Len() != len(tc.fields) {
				t.Fatalf("Parse(%q) = %+v, %v", got, d, ok)
			}
		})
	}
}

func TestNewPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"too long":        func() { New("x", strings.Repeat("a", 63)) },
		"empty prefix":    func() { New("") },
		"colon in prefix": func() { New("a:b") },
		"colon in field":  func() { New("ex", "a:b") },
		"float field":     func() { New("ex", 1.5) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f()
		})
	}
	// Exactly 64 bytes is allowed.
	if s := New("x", strings.Repeat("a", 62)); len(s) != MaxLen {
		t.Fatalf("len %d", len(s))
	}
}

func TestParseRefuses(t *testing.T) {
	for _, s := range []string{"", ":ok", strings.Repeat("a", 65), "rv:ok:\x00", "rv\n", "\xff\xfe", "rv:\x7f"} {
		if d, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %+v, want refused", s, d)
		}
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		data     string
		min, max int64
		want     int64
		ok       bool
	}{
		{"p:5", 0, 10, 5, true},
		{"p:0", 0, 10, 0, true},
		{"p:10", 0, 10, 10, true},
		{"p:11", 0, 10, 0, false},
		{"p:-1", 0, 10, 0, false},
		{"p:-1", -5, 10, -1, true},
		{"p:+1", 0, 10, 0, false},
		{"p:01", 0, 10, 0, false},
		{"p:-0", -5, 10, 0, true},
		{"p:-01", -5, 10, 0, false},
		{"p: 1", 0, 10, 0, false},
		{"p:1e3", 0, 10000, 0, false},
		{"p:", 0, 10, 0, false},
		{"p", 0, 10, 0, false},
		{"p:99999999999999999999", 0, 1<<63 - 1, 0, false},
	}
	for _, tc := range tests {
		d, _ := Parse(tc.data)
		got, ok := d.Int(0, tc.min, tc.max)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q Int(0,%d,%d) = %d, %v; want %d, %v", tc.data, tc.min, tc.max, got, ok, tc.want, tc.ok)
		}
	}
	d, _ := Parse("rv:ok:0")
	if _, ok := d.ID(1); ok {
		t.Error("id 0 accepted")
	}
}

// FuzzParse checks that parsing never panics, that whatever it accepts is
// within Telegram's limits and that it reads back what New built.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"rv:ok:42", "cv:ab12cd:f:3", "jd:p:-1", "hd:yes", "", ":", "a::b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := Parse(s)
		if !ok {
			return
		}
		if len(s) > MaxLen || !utf8.ValidString(s) || d.Prefix == "" {
			t.Fatalf("accepted %q", s)
		}
		fields := make([]any, d.Len())
		for i := range fields {
			fields[i] = d.Field(i)
		}
		if again := New(d.Prefix, fields...); again != s {
			t.Fatalf("New(Parse(%q)) = %q", s, again)
		}
		if n, ok := d.Int(0, -1000, 1000); ok && (n < -1000 || n > 1000) {
			t.Fatalf("Int out of bounds: %d", n)
		}
	})
}
