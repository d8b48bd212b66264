package parse

import "testing"

func TestPlace(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{name: "kecamatan button", in: "Kec. Bugul Kidul", want: "35.75.03", ok: true},
		{name: "kecamatan typed in full", in: "kecamatan panggungrejo", want: "35.75.04", ok: true},
		{name: "the kelurahan of the same name", in: "Bugul Kidul", want: "35.75.03.1009", ok: true},
		{name: "kelurahan with prefix", in: "Kel. Mayangan", want: "35.75.04.1006", ok: true},
		{name: "unknown kecamatan", in: "Kec. Mayangan", ok: false},
		{name: "unknown place", in: "Surabaya", ok: false},
	}
	for _, tc := range tests {
		got, err := Place(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("%s: Place(%q) = %q, %v; want %q (ok %v)", tc.name, tc.in, got, err, tc.want, tc.ok)
		}
	}
}
