package parse

import "testing"

func TestPhone(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantMsg string
	}{
		{name: "dashes", in: "0812-3456-7890", want: "+6281234567890"},
		{name: "spaces", in: "0812 3456 7890", want: "+6281234567890"},
		{name: "digits only", in: "081234567890", want: "+6281234567890"},
		{name: "plus 62 with separators", in: "+62 812-3456-7890", want: "+6281234567890"},
		{name: "62 without plus", in: "62812345678", want: "+62812345678"},
		{name: "parentheses", in: "(0812) 3456 7890", want: "+6281234567890"},
		{name: "E.164", in: "+628123456789", want: "+628123456789"},
		{name: "dots", in: "0812.3456.7890", want: "+6281234567890"},
		{name: "trunk zero after country code", in: "+62 (0)812-3456-7890", want: "+6281234567890"},
		{name: "surrounding spaces", in: "  0812-3456-7890 ", want: "+6281234567890"},
		{name: "10 digits", in: "0811-234-567", want: "+62811234567"},
		{name: "11 digits", in: "0812-3456-789", want: "+628123456789"},
		{name: "13 digits", in: "0812-3456-78901", want: "+62812345678901"},

		{name: "letter O for zero", in: "0812-3456-789O", wantMsg: msgPhone},
		{name: "words", in: "nomor saya 0812", wantMsg: msgPhone},
		{name: "Pasuruan landline", in: "0343-421234", wantMsg: msgPhoneLandline},
		{name: "Jakarta landline", in: "(021) 1234 5678", wantMsg: msgPhoneLandline},
		{name: "landline with country code", in: "+62 343 421234", wantMsg: msgPhoneLandline},
		{name: "9 digits", in: "0812-3456-7", wantMsg: msgPhone},
		{name: "14 digits", in: "0812-3456-789012", wantMsg: msgPhone},
		{name: "foreign number", in: "+1 415 555 2671", wantMsg: msgPhone},
		{name: "no leading zero", in: "812-3456-7890", wantMsg: msgPhone},
		{name: "slashes", in: "0812/3456/7890", wantMsg: msgPhone},
		{name: "two plus signs", in: "++6281234567890", wantMsg: msgPhone},
		{name: "empty", in: "", wantMsg: msgPhone},
		{name: "only separators", in: "- - -", wantMsg: msgPhone},
		{name: "NIK typed as phone", in: "3575014101900001", wantMsg: msgPhone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Phone(tc.in)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("Phone(%q) error: %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Phone(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPhoneFromContact(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantMsg string
	}{
		{name: "Telegram without plus", in: "6281234567890", want: "+6281234567890"},
		{name: "Telegram with plus", in: "+6281234567890", want: "+6281234567890"},
		{name: "address book form", in: "0812-3456-7890", want: "+6281234567890"},
		{name: "foreign", in: "14155552671", wantMsg: msgPhoneContact},
		{name: "foreign with plus", in: "+447911123456", wantMsg: msgPhoneContact},
		{name: "landline", in: "62343421234", wantMsg: msgPhoneContact},
		{name: "empty", in: "", wantMsg: msgPhoneContact},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PhoneFromContact(tc.in)
			if tc.wantMsg != "" {
				wantProblem(t, err, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatalf("PhoneFromContact(%q) error: %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("PhoneFromContact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
