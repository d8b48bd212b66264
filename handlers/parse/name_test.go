package parse

import (
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantMsg string // empty when the input is accepted
	}{
		{name: "plain", in: "Siti Aminah", want: "Siti Aminah"},
		{name: "whitespace collapsed", in: "  Siti \t  Aminah \n", want: "Siti Aminah"},
		{name: "newline inside", in: "Sri\nRahayu", want: "Sri Rahayu"},
		{name: "case kept", in: "siti AMINAH", want: "siti AMINAH"},
		{name: "html characters kept", in: `<Budi> & "Sri"`, want: `<Budi> & "Sri"`},
		{name: "titles and commas", in: "Dr. Siti Aminah, S.Sos.", want: "Dr. Siti Aminah, S.Sos."},
		{name: "apostrophe", in: "Moch. Ma'ruf", want: "Moch. Ma'ruf"},
		{name: "curly apostrophe", in: "Moch. Ma’ruf", want: "Moch. Ma’ruf"},
		{name: "hyphen", in: "Siti Nur-Aini", want: "Siti Nur-Aini"},
		{name: "three letters", in: "Ali", want: "Ali"},
		{name: "single word", in: "Sukarno", want: "Sukarno"},
		{name: "Latin diacritics", in: "Nguyễn Văn An", want: "Nguyễn Văn An"},
		{name: "combining mark", in: "Jose\u0301 Rizal", want: "Jose\u0301 Rizal"},
		{name: "Arabic script", in: "محمد علي", want: "محمد علي"},
		{name: "Chinese", in: "李小龙", want: "李小龙"},
		{name: "Javanese script", in: "ꦱꦶꦠꦶ", want: "ꦱꦶꦠꦶ"},
		{name: "100 runes", in: strings.Repeat("a", 100), want: strings.Repeat("a", 100)},

		{name: "empty", in: "", wantMsg: msgNameTooShort},
		{name: "only spaces", in: "   ", wantMsg: msgNameTooShort},
		{name: "two letters", in: "Al", wantMsg: msgNameTooShort},
		{name: "one letter and dots", in: "A..", wantMsg: msgNameTooShort},
		{name: "punctuation only", in: "...", wantMsg: msgNameTooShort},
		{name: "101 runes", in: strings.Repeat("a", 101), wantMsg: msgNameTooLong},
		{name: "digit", in: "Budi 2", wantMsg: msgNameDigits},
		{name: "NIK typed as name", in: "3575014101900001", wantMsg: msgNameDigits},
		{name: "roman numeral sign", in: "Budi Ⅻ", wantMsg: msgNameDigits},
		{name: "emoji", in: "Budi 😀", wantMsg: msgNameChars},
		{name: "heart", in: "Budi ❤", wantMsg: msgNameChars},
		{name: "heart with variation selector", in: "Budi \u2764\ufe0f", wantMsg: msgNameChars},
		{name: "flag", in: "🇮🇩 Budi", wantMsg: msgNameChars},
		{name: "skin tone", in: "Budi \U0001F3FD", wantMsg: msgNameChars},
		{name: "zero width joiner", in: "Bu\u200ddi", wantMsg: msgNameChars},
		{name: "zero width space", in: "Bu\u200bdi", wantMsg: msgNameChars},
		{name: "NUL", in: "Budi\x00", wantMsg: msgNameChars},
		{name: "escape", in: "Budi\x1b[31m", wantMsg: msgNameChars},
		{name: "invalid UTF-8", in: "Bud\xffi", wantMsg: msgNameChars},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Name(tc.in)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Name(%q) error: %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
