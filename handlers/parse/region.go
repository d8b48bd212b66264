package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pilarbot/storage/domain"
)

// Matching rules for kecamatan and kelurahan names, shared by Kecamatan and
// Kelurahan:
//   - letter case, apostrophes (' ’ ‘ ` ʼ), spaces, dashes and dots are
//     ignored, so "Tapaan", "TAPA'AN", "tapa an" and "Tapa-an" all match
//     Tapa'an. Dropping spaces makes no two kelurahan (or kecamatan) names
//     equal.
//   - a leading "kecamatan"/"kec" or "kelurahan"/"kel"/"desa" is ignored
//     ("Kel. Mayangan").
//   - the official code is accepted, with or without dots
//     ("35.75.04.1006", "3575041006"); within a known kecamatan the
//     4-digit suffix ("1006") is accepted too. With no kecamatan the suffix
//     alone is ambiguous and is refused.
//   - one typo (Levenshtein distance 1) is tolerated for names of 6 or more
//     letters when exactly one name is that close.

// maxRegionInput bounds the work done on a long message: no name or code
// is anywhere near this long.
const maxRegionInput = 100

// regionKeys holds the normalised name and code of every kecamatan and
// kelurahan, by code.
var regionKeys = func() map[string][2]string {
	m := map[string][2]string{}
	for _, k := range domain.Kecamatans() {
		m[k.Code] = [2]string{regionKey(k.Name), regionKey(k.Code)}
	}
	for _, k := range domain.AllKelurahan() {
		m[k.Code] = [2]string{regionKey(k.Name), regionKey(k.Code)}
	}
	return m
}()

// Kecamatan resolves what the user typed to one of the four kecamatan.
func Kecamatan(s string) (domain.Kecamatan, error) {
	key := ""
	if len(s) <= maxRegionInput {
		key = regionKey(s, "kecamatan", "kec")
	}
	if key == "" {
		return domain.Kecamatan{}, problem(msgKecamatanUnknown)
	}
	kecs := domain.Kecamatans()
	names := make([]string, len(kecs))
	for i, k := range kecs {
		if key == regionKeys[k.Code][1] {
			return k, nil
		}
		names[i] = regionKeys[k.Code][0]
	}
	if i, ok := matchName(key, names); ok {
		return kecs[i], nil
	}
	return domain.Kecamatan{}, problem(msgKecamatanUnknown)
}

// Kelurahan resolves what the user typed to a kelurahan. With kecamatanCode
// "" (or a code that is not one of the four kecamatan) it searches all 34;
// otherwise it searches that kecamatan and, if the text names a kelurahan of
// another kecamatan, says so. "Bugul Kidul" is
// both a kecamatan and a kelurahan; here it is always kelurahan
// 35.75.03.1009.
func Kelurahan(s string, kecamatanCode string) (domain.Kelurahan, error) {
	key := ""
	if len(s) <= maxRegionInput {
		key = regionKey(s, "kelurahan", "kel", "desa")
	}
	if key == "" {
		return domain.Kelurahan{}, problem(msgKelurahanUnknown)
	}
	all := domain.AllKelurahan()
	kec, hasKec := domain.KecamatanByCode(kecamatanCode)
	var scope []domain.Kelurahan
	if hasKec {
		scope = domain.KelurahansOf(kec.Code)
	} else {
		scope = all
	}

	// Exact matches everywhere first, so that a typo-match in the kecamatan
	// never wins over the exact name of a kelurahan elsewhere.
	for _, typo := range []bool{false, true} {
		if k, ok := matchKelurahan(key, scope, hasKec, typo); ok {
			return k, nil
		}
		if hasKec {
			if k, ok := matchKelurahan(key, all, false, typo); ok {
				return domain.Kelurahan{}, problem(msgKelurahanElsewhere(k, kec))
			}
		}
	}
	return domain.Kelurahan{}, problem(msgKelurahanUnknown)
}

// matchKelurahan finds key among list by code, by suffix (when suffix is
// set) and by exact name, or, when typo is set, by a name one edit away.
func matchKelurahan(key string, list []domain.Kelurahan, suffix, typo bool) (domain.Kelurahan, bool) {
	names := make([]string, len(list))
	for i, k := range list {
		names[i] = regionKeys[k.Code][0]
	}
	if typo {
		if i, ok := matchTypo(key, names); ok {
			return list[i], true
		}
		return domain.Kelurahan{}, false
	}
	for i, k := range list {
		code := regionKeys[k.Code][1]
		if key == code || (suffix && key == code[len(code)-4:]) || key == names[i] {
			return k, true
		}
	}
	return domain.Kelurahan{}, false
}

// matchName returns the index of the name equal to key, or else the result
// of matchTypo.
func matchName(key string, names []string) (int, bool) {
	for i, n := range names {
		if n == key {
			return i, true
		}
	}
	return matchTypo(key, names)
}

// matchTypo returns the index of the only name of 6 or more runes within
// Levenshtein distance 1 of key; none or several give false.
func matchTypo(key string, names []string) (int, bool) {
	found := -1
	for i, n := range names {
		if utf8.RuneCountInString(n) < 6 || !withinOneEdit(key, n) {
			continue
		}
		if found >= 0 {
			return 0, false // ambiguous
		}
		found = i
	}
	return found, found >= 0
}

// regionKey normalises a name or code for comparison: lower case, without
// apostrophes, spaces, dashes and dots, and without one of the given
// leading words.
func regionKey(s string, prefixes ...string) string {
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) > 0 {
		for _, p := range prefixes {
			if p == "" {
				continue
			}
			if strings.TrimSuffix(fields[0], ".") == p && len(fields) > 1 {
				fields = fields[1:] // "kel. mayangan", "kelurahan mayangan"
				break
			}
			if rest, ok := strings.CutPrefix(fields[0], p+"."); ok && rest != "" {
				fields[0] = rest // "kel.mayangan"
				break
			}
		}
	}
	var b strings.Builder
	for _, f := range fields {
		for _, r := range f {
			switch r {
			case '\'', '’', '‘', '`', 'ʼ', '´', '-', '.':
				continue
			}
			if unicode.IsControl(r) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// withinOneEdit reports whether a and b are at Levenshtein distance ≤ 1,
// counting in runes.
func withinOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		// One substitution at i, rest equal.
		return i == len(ra) || string(ra[i+1:]) == string(rb[i+1:])
	}
	// One insertion into ra at i.
	return string(ra[i:]) == string(rb[i+1:])
}
