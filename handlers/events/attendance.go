package events

import (
	"context"
	"fmt"
	"html"
	"strings"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// maxAttendanceLines keeps the attendance list to a few messages (the
// sending layer splits it where it exceeds Telegram's 4,096); /ekspor
// kehadiran has every answer.
const maxAttendanceLines = 60

// attendanceText is the attendance list of an event for its coordinator:
// the counts, then those who answered Hadir with their check-in, then those
// who answered Tidak hadir.
func (h *Room) attendanceText(ctx context.Context, e *storage.Event) string {
	atts, err := h.Store.Attendees(ctx, e.ID)
	if err != nil {
		h.Log.Error("loading attendees failed", "event_id", e.ID, "error", err)
		return kit.MsgSystemDown
	}
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgAttTitle, html.EscapeString(e.Title), kit.FormatDateTime(e.StartsAt)) + "\n\n")
	b.WriteString(attendanceCounts(e, atts))
	if len(atts) == 0 {
		b.WriteString("\n\n" + msgAttNobody)
		return b.String()
	}
	lines, shown := 0, false
	for _, a := range atts {
		if lines == maxAttendanceLines {
			b.WriteString("\n" + fmt.Sprintf(msgAttMore, kit.FormatInt(len(atts)-lines)))
			break
		}
		if !a.Attending && !shown {
			b.WriteString("\n\n" + msgAttAbsentHead)
			shown = true
		} else if lines == 0 {
			b.WriteString("\n")
		}
		lines++
		who := html.EscapeString(a.FullName) + " (" + html.EscapeString(kit.PilarShort(a.Pilar)) + ", " + html.EscapeString(kit.KelurahanName(a.KelurahanCode)) + ")"
		b.WriteString(fmt.Sprintf("\n%d. %s%s", lines, who, attendeeStatus(&a)))
	}
	return b.String()
}

// attendanceCounts is the head of the attendance list: how many answered
// Hadir (of the quota), checked in with and without a verified location,
// and answered Tidak hadir.
func attendanceCounts(e *storage.Event, atts []storage.Attendee) string {
	var yes, no, verified, unverified int
	for _, a := range atts {
		switch {
		case !a.Attending:
			no++
		case a.CheckedInAt != nil && a.Verified:
			verified++
		case a.CheckedInAt != nil:
			unverified++
		}
		if a.Attending {
			yes++
		}
	}
	quota := ""
	if e.Quota != nil {
		quota = fmt.Sprintf(msgAttQuota, kit.FormatInt(*e.Quota))
	}
	return fmt.Sprintf(msgAttCounts, kit.FormatInt(yes), quota, kit.FormatInt(verified+unverified),
		kit.FormatInt(verified), kit.FormatInt(unverified), kit.FormatInt(no))
}

// attendeeStatus is the check-in of one attendee after their name, or ""
// for one who answered Tidak hadir.
func attendeeStatus(a *storage.Attendee) string {
	switch {
	case !a.Attending:
		return ""
	case a.CheckedInAt != nil && a.Verified:
		at := a.CheckedInAt.In(domain.WIB).Format("15.04")
		if a.DistanceM != nil {
			at += ", " + kit.FormatDistance(*a.DistanceM)
		}
		return " – " + fmt.Sprintf(msgAttCheckedIn, at)
	case a.CheckedInAt != nil:
		return " – " + fmt.Sprintf(msgAttUnverified, a.CheckedInAt.In(domain.WIB).Format("15.04"))
	}
	return " – " + msgAttNotYet
}
