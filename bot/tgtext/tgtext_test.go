package tgtext

import (
	"fmt"
	"html"
	"strings"
	"testing"
	"unicode"
)

func TestLen(t *testing.T) {
	for _, tc := range []struct {
		name, text, mode string
		want             int
	}{
		{"plain ascii", "abc", "", 3},
		{"emoji counts two", "😀", "", 2},
		{"tags count nothing", "<b>ab</b><i>c</i>", HTML, 3},
		{"named entities count one", "&lt;&gt;&amp;&quot;", HTML, 4},
		{"numeric entity of an emoji counts two", "&#128512;&#x1F600;", HTML, 4},
		{"plain mode keeps markup", "<b>a</b>", "", 8},
		{"trimmed at both ends", "\n  <b> a </b>\n\n", HTML, 1},
		{"link attributes count nothing", `<a href="https://example.com/?a=1&amp;b=2">x</a>`, HTML, 1},
		{"a bare ampersand is one", "a & b", HTML, 5},
		{"indonesian text", "Kelurahan Bugul Kidul", HTML, 21},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Len(tc.text, tc.mode); got != tc.want {
				t.Errorf("Len(%q) = %d, want %d", tc.text, got, tc.want)
			}
		})
	}
}

// checkParts checks what every split must keep: each part fits, has
// balanced tags, shows something, and together they show the whole text.
func checkParts(t *testing.T, text string, limit int, parts []string) {
	t.Helper()
	var joined strings.Builder
	for i, p := range parts {
		if n := Len(p, HTML); n > limit || n == 0 {
			t.Fatalf("part %d is %d units (limit %d): %q", i, n, limit, p)
		}
		if !balanced(p) {
			t.Fatalf("part %d has unbalanced tags: %q", i, p)
		}
		joined.WriteString(Plain(p, HTML))
	}
	if squash(joined.String()) != squash(Plain(text, HTML)) {
		t.Fatalf("parts lose text:\n got %q\nwant %q", squash(joined.String()), squash(Plain(text, HTML)))
	}
}

// squash drops white space, which a split may move or trim.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func balanced(s string) bool {
	var stack []string
	for _, tok := range tokenize(s, HTML) {
		switch tok.kind {
		case kindOpen:
			stack = append(stack, tok.name)
		case kindClose:
			if len(stack) == 0 || stack[len(stack)-1] != tok.name {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0
}

func TestSplitAtLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("<b>Daftar hadir: HKSN</b>\n")
	for i := range 60 {
		b.WriteString("\n" + strings.Repeat("x", 10) + " <i>" + html.EscapeString("Sri & <Wahyuni>") + "</i> – ✅ " + string(rune('A'+i%26)))
	}
	text := b.String()
	parts := Split(text, HTML, 300)
	if len(parts) < 5 {
		t.Fatalf("%d parts", len(parts))
	}
	checkParts(t, text, 300, parts)
	for i, p := range parts[:len(parts)-1] {
		if !strings.HasSuffix(p, "\n") {
			t.Errorf("part %d does not end at a line: %q", i, p[len(p)-20:])
		}
	}
	if got := Split("pendek", HTML, 300); len(got) != 1 || got[0] != "pendek" {
		t.Errorf("a short text = %q", got)
	}
}

func TestSplitInsideTagsAndEntities(t *testing.T) {
	text := `<b>Uraian:</b> <a href="https://t.me/x">` + strings.Repeat("😀 ", 50) + strings.Repeat("&lt;&amp;", 40) + "</a>"
	for _, limit := range []int{7, 10, 33, 64, 100} {
		parts := Split(text, HTML, limit)
		checkParts(t, text, limit, parts)
		for _, p := range parts[1:] {
			if i := strings.Index(p, "😀"); i >= 0 && !strings.Contains(p[:i], `<a href="https://t.me/x">`) {
				t.Fatalf("limit %d: the link is not reopened: %q", limit, p)
			}
		}
	}
	// One long word of emoji: cut between characters, never inside one.
	word := strings.Repeat("😀", 3000)
	parts := Split(word, HTML, MaxText)
	checkParts(t, word, MaxText, parts)
	if len(parts) != 2 || Len(parts[0], HTML) != MaxText {
		t.Errorf("emoji word split into %d parts, first %d units", len(parts), Len(parts[0], HTML))
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		limit      int
		want       string
	}{
		{"fits", "<b>abc</b>", 3, "<b>abc</b>"},
		{"at a space", "<b>satu dua tiga empat</b>", 15, "<b>satu dua tiga…</b>"},
		{"mid word when no space is near", "<b>" + strings.Repeat("a", 30) + "</b>", 10, "<b>aaaaaaaaa…</b>"},
		{"an entity stays whole", "&lt;&lt;&lt;&lt;", 3, "&lt;&lt;…"},
		{"an emoji stays whole", "😀😀😀", 4, "😀…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Cut(tc.text, HTML, tc.limit)
			if got != tc.want {
				t.Errorf("Cut = %q, want %q", got, tc.want)
			}
			if Len(got, HTML) > tc.limit || !balanced(got) {
				t.Errorf("Cut = %q: %d units, balanced %v", got, Len(got, HTML), balanced(got))
			}
		})
	}
}

func TestFirstLine(t *testing.T) {
	text := "\n📋 <b>Laporan baru LAP-2024-0007</b>\nPelapor: <b>Sri</b>"
	if got := FirstLine(text, HTML, MaxCaption); got != "📋 <b>Laporan baru LAP-2024-0007</b>" {
		t.Errorf("FirstLine = %q", got)
	}
	long := "<b>" + strings.Repeat("😀", 600) + "</b>\nlagi"
	got := FirstLine(long, HTML, MaxCaption)
	if Len(got, HTML) > MaxCaption || !strings.HasSuffix(got, Ellipsis+"</b>") || !balanced(got) {
		t.Errorf("FirstLine of a long line = %d units, %q…", Len(got, HTML), got[len(got)-20:])
	}
}

func TestRendering(t *testing.T) {
	same := [][2]string{
		{"<b>a</b> &amp; b", "<strong>a</strong> &#38; b"},
		{"  x\n", "x"},
		{"\n<b>x</b>", "<b>x</b>"},
	}
	for _, p := range same {
		if Rendering(p[0], HTML) != Rendering(p[1], HTML) {
			t.Errorf("%q and %q render differently", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"<b>a</b>", "a"},
		{"<b>a</b>b", "<b>ab</b>"},
		{`<a href="x">a</a>`, `<a href="y">a</a>`},
		{"<b>a</b>", "<b>a</b>"[0:0] + "<i>a</i>"},
	}
	for _, p := range differ {
		if Rendering(p[0], HTML) == Rendering(p[1], HTML) {
			t.Errorf("%q and %q render alike", p[0], p[1])
		}
	}
}

// FuzzSplit builds HTML from arbitrary strings the way the bot does
// (escaped text in tags, lines) and checks every split.
func FuzzSplit(f *testing.F) {
	f.Add("Sri Wahyuni 😀 & <b>", 3, 40)
	f.Add(strings.Repeat("ab\n", 30), 5, 11)
	f.Fuzz(func(t *testing.T, s string, lines, limit int) {
		lines, limit = 1+abs(lines)%50, 2+abs(limit)%300
		tags := []string{"b", "i", "code", "u"}
		var b strings.Builder
		for i := range lines {
			tag := tags[i%len(tags)]
			b.WriteString("<" + tag + ">" + html.EscapeString(strings.ToValidUTF8(s, "?")) + "</" + tag + "> " + html.EscapeString(s[:len(s)/2]) + "\n")
		}
		text := strings.ToValidUTF8(b.String(), "?")
		if Plain(text, HTML) == "" {
			return
		}
		checkParts(t, text, limit, Split(text, HTML, limit))
		if c := Cut(text, HTML, limit); Len(c, HTML) > limit || !balanced(c) {
			t.Fatalf("Cut = %q", c)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestPages(t *testing.T) {
	short, long := "acara", strings.Repeat("😀", 700) // 5 and 1,400 units
	items := []string{short, short, short, short, short, short, long, long, long, short}
	starts := Pages(items, "\n\n", 5, MaxText-100)
	if fmt.Sprint(starts) != "[0 5 8]" {
		t.Fatalf("starts = %v, want five short, then what fits of the long ones", starts)
	}
	for page, want := range [][3]int{{0, 5, 0}, {5, 8, 1}, {8, 10, 2}, {8, 10, 2}} {
		lo, hi, p := PageBounds(starts, len(items), page+page/3)
		if [3]int{lo, hi, p} != want {
			t.Errorf("page %d = %d..%d (%d), want %v", page, lo, hi, p, want)
		}
	}
	if Pages(nil, "\n", 5, 10) != nil {
		t.Error("no items make pages")
	}
}

// BenchmarkSplit measures and splits an attendance list of 60 long lines
// (about 9,000 UTF-16 units), what the client does before sending it.
func BenchmarkSplit(b *testing.B) {
	var sb strings.Builder
	for i := range 60 {
		sb.WriteString("\n" + html.EscapeString("Raden Roro Siti Nurhaliza Kusumawardhani & Putri 😀😀") + " (<b>PSM</b>, Bugul Kidul) – ✅ check-in 08.1" + string(rune('0'+i%10)))
	}
	text := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if len(Split(text, HTML, MaxText)) < 2 {
			b.Fatal("not split")
		}
	}
}

// BenchmarkLen measures a full 4,096-unit message, what every send costs.
func BenchmarkLen(b *testing.B) {
	text := "<b>" + strings.Repeat("Laporan kegiatan &amp; ", 178) + "</b>"
	b.ReportAllocs()
	for b.Loop() {
		_ = Len(text, HTML)
	}
}

// FuzzLenAtMostBytes: Telegram never counts a text longer than its
// bytes, which Fits relies on to skip parsing short texts.
func FuzzLenAtMostBytes(f *testing.F) {
	for _, s := range []string{"x", "😀", "&#x1F600;", "&#xD800;", "&lt;<b>", "\xff\xfe", "é\u00a0ü", "&amp;&#1;"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, html bool) {
		mode := ""
		if html {
			mode = HTML
		}
		if n := Len(text, mode); n > len(text) {
			t.Errorf("Len(%q) = %d, more than its %d bytes", text, n, len(text))
		}
	})
}
