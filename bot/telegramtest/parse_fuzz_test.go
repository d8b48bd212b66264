package telegramtest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkEntities fails when an entity lies outside the plain text.
func checkEntities(t *testing.T, f formatted) {
	t.Helper()
	n := utf16Len(f.plain)
	for _, e := range f.entities {
		if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > n {
			t.Fatalf("entity %+v outside text of %d units %q", e, n, f.plain)
		}
	}
}

func FuzzParseText(f *testing.F) {
	for _, seed := range []string{
		"<b>Budi</b> &amp; &lt;Sri&gt;", `<a href="https://t.me/x">x</a>`,
		`<pre><code class="language-go">x</code></pre>`, "<b><i>x</b></i>", "a & b", "<Budi>",
		"  <b> 😀 </b>  ",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, mode := range []string{"", "HTML"} {
			got, e := parseText(text, mode)
			if e != nil {
				if !strings.HasPrefix(e.description, "Bad Request: ") {
					t.Fatalf("%s: description %q", mode, e.description)
				}
				continue
			}
			checkEntities(t, got)
		}
	})
}
