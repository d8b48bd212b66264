// Package parse turns what a volunteer typed into normalised values.
//
// Every parser returns either a value or a *Problem whose Msg is a short,
// polite Indonesian sentence with an example, safe to show to the user
// verbatim: it never repeats the rejected input, which may contain personal
// data such as a NIK. All messages live in messages.go.
package parse

// Problem is a user-facing parse error. Msg is shown to the user as is.
type Problem struct {
	Msg string
}

// Error returns Msg.
func (p *Problem) Error() string { return p.Msg }

func problem(msg string) error { return &Problem{Msg: msg} }
