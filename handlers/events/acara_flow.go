package events

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage/domain"
)

// The /acara flow and its answer keys. They are in Redis for flows under
// way, so they never change.
const (
	flowAcara = "acara"

	keyEvJudul   = "judul"
	keyEvJenis   = "jenis"
	keyEvMulai   = "mulai"   // RFC 3339
	keyEvSelesai = "selesai" // RFC 3339 or "" (none)
	keyEvTempat  = "tempat"
	keyEvPin     = "pin"     // "lat,lon" or "" (none)
	keyEvPilar   = "pilar"   // JSON list of pilar codes; "[]" = every pilar
	keyEvWilayah = "wilayah" // JSON list of kecamatan/kelurahan codes; "[]" = the whole city
	keyEvKet     = "keterangan"
	keyEvKuota   = "kuota" // "" = unlimited
	keyEvID      = "_eid"  // the event being changed
)

// acaraFlow creates or changes an event.
func (h *Room) acaraFlow() *conversations.Flow {
	kindLabels := make([]string, len(eventKinds))
	for i, k := range eventKinds {
		kindLabels[i] = k.Label
	}
	return &conversations.Flow{
		Name:         flowAcara,
		Entry:        "acara",
		Role:         domain.RoleCoordinator,
		Title:        flowAcaraTitle,
		Confirm:      true,
		SummaryTitle: summaryAcara,
		Steps: []conversations.Step{
			{Key: keyEvJudul, Label: labelEvJudul, Ask: kit.Fixed(askEvJudul, nil), Accept: textOf(3, 150)},
			{
				Key: keyEvJenis, Label: labelEvJenis,
				Ask:    kit.Fixed(askEvJenis, conversations.Keyboard(3, kindLabels...)),
				Accept: kit.Text(acceptKind),
				Show:   func(_ *conversations.Session, v string) string { return eventKindLabel(v) },
			},
			{
				Key: keyEvMulai, Label: labelEvMulai,
				Ask:    kit.Fixed(askEvMulai, nil),
				Accept: kit.Text(h.acceptStart),
				Show:   func(_ *conversations.Session, v string) string { return showTime(v) },
			},
			{
				Key: keyEvSelesai, Label: labelEvSelesai, Dependent: true,
				Ask:    kit.Fixed(askEvSelesai, conversations.Keyboard(1, btnSkip)),
				Accept: conversations.TextAnswer(h.acceptEnd),
				Show:   func(_ *conversations.Session, v string) string { return showTime(v) },
			},
			{Key: keyEvTempat, Label: labelEvTempat, Ask: kit.Fixed(askEvTempat, nil), Accept: textOf(3, 200)},
			{
				Key: keyEvPin, Label: labelEvPin,
				Ask:    kit.Fixed(askEvPin, kit.LocationKeyboard(btnSendLocation, btnSkip)),
				Accept: kit.Pin{Skip: btnSkip, Input: errEvPin}.Accept, // anywhere: an event may be outside the city
				Show:   showPin,
			},
			{
				Key: keyEvPilar, Label: labelEvPilar,
				Ask:    askPilars,
				Accept: conversations.TextAnswer(acceptPilarChoice),
				Show:   func(_ *conversations.Session, v string) string { return showPilars(decodeList(v)) },
			},
			{
				Key: keyEvWilayah, Label: labelEvWilayah,
				Ask:    askRegions,
				Accept: conversations.TextAnswer(acceptRegionChoice),
				Show:   func(_ *conversations.Session, v string) string { return showRegions(decodeList(v)) },
			},
			{Key: keyEvKet, Label: labelEvKet, Ask: kit.Fixed(askEvKet, nil), Accept: textOf(3, 1000)},
			{
				Key: keyEvKuota, Label: labelEvKuota,
				Ask:    kit.Fixed(askEvKuota, conversations.Keyboard(1, btnSkip)),
				Accept: kit.Text(acceptQuota),
				Show:   showQuota,
			},
		},
		Finish: h.finishAcara,
	}
}

// textOf accepts free text of min to max characters.
func textOf(min, max int) kit.AcceptFunc {
	return kit.Text(func(t string) (string, error) { return parse.Text(t, min, max) })
}

// acceptKind takes an event kind by its label or its code.
func acceptKind(t string) (string, error) {
	for _, k := range eventKinds {
		if kit.NormalizeChoice(t) == kit.NormalizeChoice(k.Label) || kit.NormalizeChoice(t) == kit.NormalizeChoice(k.Code) {
			return k.Code, nil
		}
	}
	return "", conversations.Invalidf(errEvJenis)
}

// acceptStart takes a date and time still to come.
func (h *Room) acceptStart(t string) (string, error) {
	now := h.Now()
	at, err := parse.DateTime(t, now)
	if err != nil {
		return "", err
	}
	if !at.After(now) {
		return "", conversations.Invalidf(errEvPast)
	}
	return at.Format(time.RFC3339), nil
}

// acceptEnd takes "Lewati", a time on the day of the start or a date and
// time, after the start.
func (h *Room) acceptEnd(_ context.Context, s *conversations.Session, t string) (string, error) {
	if kit.NormalizeChoice(t) == kit.NormalizeChoice(btnSkip) {
		return "", nil
	}
	start, err := time.Parse(time.RFC3339, s.Get(keyEvMulai))
	if err != nil {
		return "", fmt.Errorf("events: bad start in event flow: %w", err)
	}
	var end time.Time
	if hh, mm, err := parse.Time(t); err == nil {
		st := start.In(domain.WIB)
		end = time.Date(st.Year(), st.Month(), st.Day(), hh, mm, 0, 0, domain.WIB)
	} else if end, err = parse.DateTime(t, h.Now()); err != nil {
		return "", conversations.Invalidf(errEvEnd)
	}
	if !end.After(start) {
		return "", conversations.Invalidf(errEvEndBefore)
	}
	return end.Format(time.RFC3339), nil
}

// acceptQuota takes "Lewati" (no limit) or a number of places.
func acceptQuota(t string) (string, error) {
	if kit.NormalizeChoice(t) == kit.NormalizeChoice(btnSkip) {
		return "", nil
	}
	n, err := parse.Int(t, 1, 100000)
	return strconv.Itoa(n), err
}

func showPin(_ *conversations.Session, v string) string {
	if v == "" {
		return showNoPin
	}
	return showPinSet
}

func showQuota(_ *conversations.Session, v string) string {
	if v == "" {
		return showNoLimit
	}
	n, _ := strconv.Atoi(v)
	return kit.FormatInt(n)
}

// askPilars asks for the invited pilar types, showing those chosen so far.
func askPilars(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	labels := []string{btnAllPilar}
	for _, p := range domain.Pilars() {
		labels = append(labels, p.Short)
	}
	labels = append(labels, btnDone)
	return conversations.Prompt{
		Text:     fmt.Sprintf(askEvPilar, html.EscapeString(showChosen(s.Get(keyEvPilar), showPilars))),
		Keyboard: conversations.Keyboard(2, labels...),
	}, nil
}

// askRegions asks for the invited regions, showing those chosen so far.
func askRegions(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	labels := []string{btnAllRegion}
	for _, k := range domain.Kecamatans() {
		labels = append(labels, kecButtonPrefix+k.Name)
	}
	labels = append(labels, btnDone)
	return conversations.Prompt{
		Text:     fmt.Sprintf(askEvWilayah, html.EscapeString(showChosen(s.Get(keyEvWilayah), showRegions))),
		Keyboard: conversations.Keyboard(1, labels...),
	}, nil
}

// showChosen shows a multi-select answer while it is collected: "" is
// nothing yet, "[]" is everything.
func showChosen(v string, show func([]string) string) string {
	if v == "" {
		return showNone
	}
	return show(decodeList(v))
}

// acceptPilarChoice is one press of the pilar multi-select: a pilar is
// added (or removed when chosen already) and the step asked again; "Semua
// pilar" and "Selesai" end it.
func acceptPilarChoice(_ context.Context, s *conversations.Session, t string) (string, error) {
	cur := s.Get(keyEvPilar)
	switch kit.NormalizeChoice(t) {
	case kit.NormalizeChoice(btnAllPilar):
		return "[]", nil
	case kit.NormalizeChoice(btnDone), "selesai":
		if cur == "" {
			return "", conversations.Invalidf(errEvPickOne)
		}
		return cur, nil
	}
	code, err := kit.MatchPilar(t)
	if err != nil {
		return "", conversations.Invalidf(errEvPilarPick)
	}
	return toggle(cur, code), conversations.More
}

// acceptRegionChoice is one answer of the region multi-select: a
// "Kec. …" button chooses a kecamatan, a typed name a kelurahan.
func acceptRegionChoice(_ context.Context, s *conversations.Session, t string) (string, error) {
	cur := s.Get(keyEvWilayah)
	switch kit.NormalizeChoice(t) {
	case kit.NormalizeChoice(btnAllRegion), "semua kelurahan", "semua":
		return "[]", nil
	case kit.NormalizeChoice(btnDone), "selesai":
		if cur == "" {
			return "", conversations.Invalidf(errEvPickOne)
		}
		return cur, nil
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(t)), "kec") {
		k, err := parse.Kecamatan(t)
		if err != nil {
			return "", err
		}
		return toggle(cur, k.Code), conversations.More
	}
	k, err := parse.Kelurahan(t, "")
	if err != nil {
		return "", err
	}
	return toggle(cur, k.Code), conversations.More
}

// toggle adds code to the JSON list cur, or removes it when present. The
// list "[]" (everything) starts afresh.
func toggle(cur, code string) string {
	list := decodeList(cur)
	if i := slices.Index(list, code); i >= 0 {
		list = slices.Delete(list, i, i+1)
	} else {
		list = append(list, code)
	}
	return encodeList(list)
}

// decodeList reads a multi-select answer; "" and "[]" are both empty.
func decodeList(v string) []string {
	var list []string
	_ = json.Unmarshal([]byte(v), &list)
	return list
}

// encodeList writes a multi-select answer, "[]" for none.
func encodeList(list []string) string {
	if list == nil {
		list = []string{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}
