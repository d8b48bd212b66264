package tgtext

// Pages groups items (HTML), in order, into pages of at most perPage
// items that fit in budget together, each item preceded by sep, and
// returns the index of each page's first item: a list shown one page at a
// time in one message, which an edit cannot split. An item too long for
// a page of its own still gets one; the caller cuts it (Cut). Nothing
// returns nil.
func Pages(items []string, sep string, perPage, budget int) []int {
	var starts []int
	used, n := 0, 0
	for i, it := range items {
		l := rawLen(sep + it)
		if n == 0 || n == perPage || used+l > budget {
			starts = append(starts, i)
			used, n = 0, 0
		}
		used += l
		n++
	}
	return starts
}

// PageBounds returns the items [lo, hi) of page (clamped to the pages
// there are) and the page itself.
func PageBounds(starts []int, total, page int) (lo, hi, clamped int) {
	if len(starts) == 0 {
		return 0, 0, 0
	}
	page = min(max(page, 0), len(starts)-1)
	hi = total
	if page+1 < len(starts) {
		hi = starts[page+1]
	}
	return starts[page], hi, page
}

// rawLen is the length of an HTML text before trimming, which is what it
// adds to a longer text.
func rawLen(text string) int {
	n := 0
	for t := range tokens(text, HTML) {
		n += t.units()
	}
	return n
}
