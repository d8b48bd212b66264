package parse

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"pilarbot/conversations"
)

var longDigitRun = regexp.MustCompile(`[0-9]{10,}`)

// checkProblem fails unless err is a *conversations.Invalid whose message is a non-empty,
// valid sentence that contains no run of 10 or more digits (which could be
// a NIK or phone number copied from the input).
func checkProblem(tb testing.TB, err error) *conversations.Invalid {
	tb.Helper()
	var p *conversations.Invalid
	if !errors.As(err, &p) {
		tb.Fatalf("error %v (%T) is not a *conversations.Invalid", err, err)
	}
	if p.Msg == "" || !utf8.ValidString(p.Msg) || !strings.HasSuffix(p.Msg, ".") {
		tb.Fatalf("Problem message %q is empty, invalid or not a sentence", p.Msg)
	}
	if longDigitRun.MatchString(p.Msg) {
		tb.Fatalf("Problem message %q contains a long run of digits", p.Msg)
	}
	if p.Error() != p.Msg {
		tb.Fatalf("Error() = %q, want Msg %q", p.Error(), p.Msg)
	}
	return p
}

// wantProblem checks err is a Problem with exactly the message want (if
// want is not empty).
func wantProblem(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want Problem %q", want)
	}
	p := checkProblem(t, err)
	if want != "" && p.Msg != want {
		t.Errorf("Problem = %q, want %q", p.Msg, want)
	}
}
