package reports

import (
	"context"
	"fmt"
	"html"
	"strings"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// recentReports is how many of a volunteer's reports /cari lists.
const recentReports = 5

// RecentReports is the block /cari shows under a volunteer: their latest
// reports (number, date of the activity, type, review status) and how many
// they sent in all.
func (h *Room) RecentReports(ctx context.Context, v *storage.Volunteer) (string, error) {
	rs, total, err := h.Store.ReportsByVolunteer(ctx, v.ID, recentReports, 0)
	if err != nil {
		return "", err
	}
	if total == 0 {
		return msgCariNoReports, nil
	}
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgCariReports, kit.FormatInt(total), kit.FormatInt(len(rs))))
	for _, r := range rs {
		a, _ := domain.ActivityOf(r.Pilar, r.Activity)
		b.WriteString("\n" + fmt.Sprintf(msgCariReportLine, html.EscapeString(r.Number),
			kit.FormatShortDate(kit.ActivityDay(&r)), html.EscapeString(a.Label), kit.ReportStatusLabel(r.Status)))
	}
	return b.String(), nil
}
