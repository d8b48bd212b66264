package tgtext

import (
	"strings"
	"unicode"
)

// breakPoint is a place a text may be cut: before token at, with the tags
// open there, after units of text.
type breakPoint struct {
	at    int
	open  []token
	units int
	ok    bool
}

// scanner walks the tokens of one part of a text.
type scanner struct {
	text string
	toks []token
}

// How fill chooses the end of a part.
const (
	atBreaks  = iota // the last line break, else the last space, else the last character that fits
	anywhere         // the last character that fits
	firstLine        // the first line break, else as atBreaks
)

// fill takes tokens from from, with the tags open there, while they fit in
// limit, and returns where the part ends (see how). It never returns an
// empty part while tokens remain.
func (s *scanner) fill(from int, open []token, limit, how int) breakPoint {
	stack := append([]token(nil), open...)
	units := 0
	var line, space breakPoint
	for i := from; i < len(s.toks); i++ {
		t := s.toks[i]
		switch t.kind {
		case kindOpen:
			stack = append(stack, t)
			continue
		case kindClose:
			stack = closeTag(stack, t.name)
			continue
		}
		if units+t.units() > limit && i > from {
			for _, b := range []breakPoint{line, space} {
				if b.ok {
					return b
				}
			}
			return breakPoint{at: i, open: stack, units: units, ok: true}
		}
		if t.r == '\n' && how == firstLine && i > from {
			return breakPoint{at: i, open: stack, units: units, ok: true}
		}
		units += t.units()
		switch {
		case how == anywhere:
		case t.r == '\n':
			line = breakPoint{at: i + 1, open: append([]token(nil), stack...), units: units, ok: true}
		case unicode.IsSpace(t.r):
			space = breakPoint{at: i + 1, open: append([]token(nil), stack...), units: units, ok: true}
		}
	}
	return breakPoint{at: len(s.toks), open: stack, units: units, ok: true}
}

// closeTag drops the innermost open tag called name and those opened
// after it.
func closeTag(stack []token, name string) []token {
	for j := len(stack) - 1; j >= 0; j-- {
		if stack[j].name == name {
			return stack[:j]
		}
	}
	return stack
}

// part renders tokens [from, b.at) as a text of its own: the tags open at
// from opened again in front, the tags still open at b.at closed behind.
func (s *scanner) part(from int, open []token, b breakPoint, tail string) string {
	var sb strings.Builder
	for _, t := range open {
		sb.WriteString(s.text[t.start:t.end])
	}
	start, end := len(s.text), len(s.text)
	if from < len(s.toks) {
		start = s.toks[from].start
	}
	if b.at < len(s.toks) {
		end = s.toks[b.at].start
	}
	body := s.text[start:end]
	if tail != "" {
		body = strings.TrimRightFunc(body, unicode.IsSpace) + tail
	}
	sb.WriteString(body)
	if b.at < len(s.toks) {
		for j := len(b.open) - 1; j >= 0; j-- {
			sb.WriteString("</" + b.open[j].name + ">")
		}
	}
	return sb.String()
}

// Split cuts text into parts that each fit in limit (at least 2), to be
// sent as consecutive messages. It cuts after a line break where it can,
// else after a space, else between two characters; never inside a tag or
// an HTML entity. A tag open across a cut is closed at the end of one
// part and opened again, attributes and all, at the start of the next.
// Parts that would show nothing are dropped. A text that fits is returned
// as it is.
func Split(text, mode string, limit int) []string {
	if Fits(text, mode, limit) {
		return []string{text}
	}
	s := &scanner{text: text, toks: tokenize(text, mode)}
	var parts []string
	var open []token
	for from := 0; from < len(s.toks); {
		b := s.fill(from, open, max(limit, 2), atBreaks)
		if p := s.part(from, open, b, ""); Plain(p, mode) != "" {
			parts = append(parts, p)
		}
		from, open = b.at, b.open
	}
	return parts
}

// Cut shortens text to fit in limit, ending it with Ellipsis: after the
// last line break or space that fits when that loses at most a fifth of
// limit, else after the last character that fits. Open tags are closed. A
// text that fits is returned as it is.
func Cut(text, mode string, limit int) string {
	if Fits(text, mode, limit) {
		return text
	}
	s := &scanner{text: text, toks: tokenize(text, mode)}
	budget := max(limit-Units(Ellipsis), 1)
	b := s.fill(0, nil, budget, atBreaks)
	if hard := s.fill(0, nil, budget, anywhere); hard.units-b.units > budget/5 {
		b = hard
	}
	return s.part(0, nil, b, Ellipsis)
}

// FirstLine returns the first line of text, cut to fit in limit (ending
// with Ellipsis when it was cut): the short caption of a card whose full
// text goes in a message of its own.
func FirstLine(text, mode string, limit int) string {
	s := &scanner{text: text, toks: tokenize(text, mode)}
	from := 0
	for from < len(s.toks) && s.toks[from].kind == kindText && unicode.IsSpace(s.toks[from].r) {
		from++
	}
	budget := max(limit-Units(Ellipsis), 1)
	b := s.fill(from, nil, budget, firstLine)
	tail := ""
	if b.at < len(s.toks) && s.toks[b.at].r != '\n' {
		tail = Ellipsis // the line itself was cut
	}
	return s.part(from, nil, b, tail)
}
