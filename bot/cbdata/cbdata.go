// Package cbdata is the one codec of callback data, the string an inline
// button carries back to the bot when it is pressed.
//
// Data is "prefix:field:field…": the prefix picks the handler in the
// routes table, the fields are its action and arguments. Telegram allows 1
// to 64 bytes (https://core.telegram.org/bots/api#inlinekeyboardbutton),
// and any client can send any data, so building checks the limit and
// parsing trusts nothing: it refuses what no button of ours could carry,
// and numbers are read with bounds.
package cbdata

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLen is Telegram's limit on callback data, in bytes.
const MaxLen = 64

// sep separates the prefix and the fields.
const sep = ":"

// New builds callback data from a prefix and fields; a field is a string
// or an integer. It panics when the result could not be a button's data
// (too long, an empty prefix, a separator inside a field): that is a bug
// in the caller, never the user's doing, and the router's recover turns it
// into the usual "sistem sedang gangguan" reply.
func New(prefix string, fields ...any) string {
	if prefix == "" || strings.Contains(prefix, sep) {
		panic(fmt.Sprintf("cbdata: bad prefix %q", prefix))
	}
	var b strings.Builder
	b.WriteString(prefix)
	for _, f := range fields {
		var s string
		switch v := f.(type) {
		case string:
			s = v
		case int:
			s = strconv.Itoa(v)
		case int64:
			s = strconv.FormatInt(v, 10)
		default:
			panic(fmt.Sprintf("cbdata: field of type %T", f))
		}
		if strings.Contains(s, sep) {
			panic(fmt.Sprintf("cbdata: field %q contains %q", s, sep))
		}
		b.WriteString(sep)
		b.WriteString(s)
	}
	if b.Len() > MaxLen {
		panic(fmt.Sprintf("cbdata: %q is %d bytes, over Telegram's %d", b.String(), b.Len(), MaxLen))
	}
	return b.String()
}

// Data is parsed callback data.
type Data struct {
	Prefix string
	fields []string
}

// Parse splits callback data. It reports false for anything a button of
// ours never carries: empty, over 64 bytes, invalid UTF-8, control
// characters, or an empty prefix.
func Parse(s string) (Data, bool) {
	if s == "" || len(s) > MaxLen || !utf8.ValidString(s) {
		return Data{}, false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return Data{}, false
		}
	}
	parts := strings.Split(s, sep)
	if parts[0] == "" {
		return Data{}, false
	}
	return Data{Prefix: parts[0], fields: parts[1:]}, true
}

// Len is the number of fields after the prefix.
func (d Data) Len() int { return len(d.fields) }

// Field returns field i, or "" when there is none.
func (d Data) Field(i int) string {
	if i < 0 || i >= len(d.fields) {
		return ""
	}
	return d.fields[i]
}

// Action is field 0, the verb of most buttons ("ok", "no", "p").
func (d Data) Action() string { return d.Field(0) }

// Int reads field i as a decimal integer in [min, max]. Signs, spaces,
// leading zeros beyond one digit and out-of-range values are refused, so
// a forged "+1" or "007" never aliases a real id.
func (d Data) Int(i int, min, max int64) (int64, bool) {
	s := d.Field(i)
	if s == "" || len(s) > 19 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	neg := s[0] == '-'
	digits := s
	if neg {
		digits = s[1:]
	}
	if digits == "" || (len(digits) > 1 && digits[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < min || n > max {
		return 0, false
	}
	return n, true
}

// ID reads field i as a database id: 1 up to the largest bigint.
func (d Data) ID(i int) (int64, bool) { return d.Int(i, 1, 1<<63-1) }
