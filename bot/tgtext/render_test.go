package tgtext

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// renderingByStrings is Rendering as it was written before
// AppendRendering, kept to check that the two agree.
func renderingByStrings(text, mode string) string {
	type span struct {
		kind       string
		start, end int
	}
	var (
		plain strings.Builder
		units int
		stack []span
		done  []span
	)
	for t := range tokens(text, mode) {
		switch t.kind {
		case kindText:
			plain.WriteRune(t.r)
			units += t.units()
		case kindOpen:
			kind := t.name
			if e, ok := entityTypes[kind]; ok {
				kind = e
			} else {
				kind = text[t.start:t.end]
			}
			stack = append(stack, span{kind: kind, start: units})
		case kindClose:
			if n := len(stack); n > 0 {
				sp := stack[n-1]
				stack = stack[:n-1]
				sp.end = units
				done = append(done, sp)
			}
		}
	}
	full := plain.String()
	trimmed := strings.TrimLeftFunc(full, unicode.IsSpace)
	shift := Units(full[:len(full)-len(trimmed)])
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	total := Units(trimmed)
	var b strings.Builder
	b.WriteString(trimmed)
	for _, sp := range done {
		start, end := max(sp.start-shift, 0), min(sp.end-shift, total)
		if end > start {
			b.WriteString("\x00" + sp.kind + "@" + strconv.Itoa(start) + "+" + strconv.Itoa(end-start))
		}
	}
	return b.String()
}

// FuzzRendering: AppendRendering, after whatever dst held, renders as
// the string version did, for any text in either mode.
func FuzzRendering(f *testing.F) {
	for _, s := range []string{
		"<b>a</b> &amp; b", "  x\n", "\n<b>x</b>", `<a href="x">a</a>`, "<b>" + strings.Repeat("<i>x</i>", 20) + "</b>",
		" \u00a0<b> 😀 </b>\u3000", "&#xD800;<b>x</b>", "\xff<b>\xfe</b>", "<B>x</b><code class=\"language-go\">y</code>",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, html bool) {
		mode := ""
		if html {
			mode = HTML
		}
		want := renderingByStrings(text, mode)
		if got := string(AppendRendering([]byte("t"), text, mode)); got != "t"+want {
			t.Errorf("AppendRendering(%q) = %q, want %q", text, got, "t"+want)
		}
		if got := Rendering(text, mode); got != want {
			t.Errorf("Rendering(%q) = %q, want %q", text, got, want)
		}
	})
}
