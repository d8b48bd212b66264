// Package parse turns what a volunteer typed into normalised values.
//
// Every parser returns either a value or a *conversations.Invalid whose
// Msg is a short, polite Indonesian sentence with an example, safe to show
// to the user verbatim: it never repeats the rejected input, which may
// contain personal data such as a NIK. Returning the engine's own error
// type means a parser plugs straight into a flow step: the engine shows
// the message and asks again. All messages live in messages.go.
package parse

import "pilarbot/conversations"

func problem(msg string) error { return &conversations.Invalid{Msg: msg} }
