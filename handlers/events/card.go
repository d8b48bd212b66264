package events

import (
	"fmt"
	"html"
	"strings"
	"time"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// eventCard describes an event (HTML), in /acara, /jadwal, the notices to
// attendees and the reminders. full adds the description and the pin.
func eventCard(e *storage.Event, full bool) string {
	var b strings.Builder
	b.WriteString("<b>" + html.EscapeString(e.Title) + "</b> (" + eventKindLabel(e.Kind) + ")")
	b.WriteString("\n" + fmt.Sprintf(cardDate, eventWhen(e)))
	b.WriteString("\n" + fmt.Sprintf(cardPlace, html.EscapeString(e.Place)))
	b.WriteString("\n" + fmt.Sprintf(cardTarget, html.EscapeString(showPilars(e.Pilars)), html.EscapeString(showRegions(e.Regions))))
	att := fmt.Sprintf(cardAttending, kit.FormatInt(e.Attending))
	if e.Quota != nil {
		att += fmt.Sprintf(cardQuota, kit.FormatInt(*e.Quota))
	}
	b.WriteString("\n" + att)
	if full {
		if e.HasPin() {
			b.WriteString("\n" + cardMap)
		}
		if e.Description != "" {
			b.WriteString("\n" + fmt.Sprintf(cardDesc, html.EscapeString(e.Description)))
		}
	}
	return b.String()
}

// eventWhen is the start of e in Indonesian and, when it has one, its end.
func eventWhen(e *storage.Event) string {
	when := kit.FormatDateTime(e.StartsAt)
	if e.EndsAt != nil {
		when += fmt.Sprintf(cardUntil, endLabel(e.StartsAt, *e.EndsAt))
	}
	return when
}

// endLabel is the end time, with the date only when it is another day.
func endLabel(start, end time.Time) string {
	if kit.FormatDate(start) == kit.FormatDate(end) {
		end = end.In(domain.WIB)
		return fmt.Sprintf("%02d.%02d WIB", end.Hour(), end.Minute())
	}
	return kit.FormatDateTime(end)
}

// eventKindLabel is the Indonesian name of an event kind, or the code
// itself for an unknown one.
func eventKindLabel(code string) string {
	for _, k := range eventKinds {
		if k.Code == code {
			return k.Label
		}
	}
	return code
}

// showPilars names the invited pilar types; none means every pilar.
func showPilars(codes []string) string {
	if len(codes) == 0 {
		return showAllPilar
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = kit.PilarShort(c)
	}
	return strings.Join(names, ", ")
}

// showRegions names the invited kecamatan ("Kec. …") and kelurahan; none
// means the whole city.
func showRegions(codes []string) string {
	if len(codes) == 0 {
		return showAllRegion
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		if k, ok := domain.KecamatanByCode(c); ok {
			names[i] = kecButtonPrefix + k.Name
		} else {
			names[i] = kit.KelurahanName(c)
		}
	}
	return strings.Join(names, ", ")
}

// showTime shows an RFC 3339 answer of the flow in Indonesian.
func showTime(v string) string {
	if v == "" {
		return "-"
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return v
	}
	return kit.FormatDateTime(t)
}
