package events

import (
	"context"
	"fmt"
	"strconv"
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
		// The saved event's card shows every answer again.
		ReplaceSummary: true,
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
				Ask:    h.askPilars,
				Accept: conversations.TextAnswer(h.pilarPicks().Accept),
				Show:   func(_ *conversations.Session, v string) string { return showPilars(kit.DecodePicks(v)) },
			},
			{
				Key: keyEvWilayah, Label: labelEvWilayah,
				Ask:    h.askRegions,
				Accept: conversations.TextAnswer(h.regionPicks().Accept),
				Show:   func(_ *conversations.Session, v string) string { return showRegions(kit.DecodePicks(v)) },
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
