package data

import (
	"context"
	"fmt"
	"html"
	"math"
	"strings"

	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// rekapMaxEvents is how many events /rekap lists one by one; the rest are
// summed up as "dan N lainnya", so the message stays far below Telegram's
// 4096 characters.
const (
	rekapMaxEvents  = 10
	rekapTitleRunes = 60
)

// reportTally adds up reports and the people they counted.
type reportTally struct{ reports, beneficiaries, victims, evacuees int }

func (t *reportTally) add(c storage.ReportCount) {
	t.reports += c.Reports
	t.beneficiaries += c.Beneficiaries
	t.victims += c.Victims
	t.evacuees += c.Evacuees
}

// line is "<name>: N laporan" with the people counted, when any.
func (t reportTally) line(name string) string {
	n := kit.FormatInt
	s := fmt.Sprintf(msgRekapRepLine, html.EscapeString(name), n(t.reports))
	if t.beneficiaries > 0 {
		s += fmt.Sprintf(msgRekapRepHelped, n(t.beneficiaries))
	}
	if t.victims > 0 || t.evacuees > 0 {
		s += fmt.Sprintf(msgRekapRepDisaster, n(t.victims), n(t.evacuees))
	}
	return s
}

// reportSummary is the reports of one period added up the way /rekap
// shows them. The text and the chart are both drawn from it, so they
// cannot disagree. Rejected reports count in all and byStatus only: a
// coordinator refused them, so their numbers are not added up.
type reportSummary struct {
	byStatus   map[domain.ReportStatus]int
	byPilar    map[string]*reportTally   // pilar code
	byKec      map[string]*reportTally   // kecamatan code
	byKecPilar map[string]map[string]int // kecamatan code → pilar code → reports
	all, kept  reportTally               // all: only reports is set; kept: without the rejected
}

// summarizeReports adds up the counts of storage.ReportCounts.
func summarizeReports(counts []storage.ReportCount) reportSummary {
	s := reportSummary{byStatus: map[domain.ReportStatus]int{}, byPilar: map[string]*reportTally{},
		byKec: map[string]*reportTally{}, byKecPilar: map[string]map[string]int{}}
	for _, c := range counts {
		s.byStatus[c.Status] += c.Reports
		s.all.reports += c.Reports
		if c.Status == domain.ReportRejected {
			continue
		}
		s.kept.add(c)
		if s.byPilar[c.Pilar] == nil {
			s.byPilar[c.Pilar] = &reportTally{}
		}
		s.byPilar[c.Pilar].add(c)
		kel, _ := domain.KelurahanByCode(c.KelurahanCode)
		kec := kel.KecamatanCode
		if s.byKec[kec] == nil {
			s.byKec[kec] = &reportTally{}
			s.byKecPilar[kec] = map[string]int{}
		}
		s.byKec[kec].add(c)
		s.byKecPilar[kec][c.Pilar] += c.Reports
	}
	return s
}

// reportsText shows the reports of a month by review status, and by pilar
// and kecamatan with the people helped. PSM's penerima manfaat and
// Tagana's korban and pengungsi are shown apart, never summed: the
// evacuees of a flood are mostly its victims too.
func reportsText(month string, s reportSummary) string {
	n := kit.FormatInt
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgRekapRepTitle, month))
	if s.all.reports == 0 {
		b.WriteString("\n" + msgRekapRepNone)
		return b.String()
	}
	b.WriteString("\n" + fmt.Sprintf(msgRekapRepTotal, n(s.all.reports),
		n(s.byStatus[domain.ReportSubmitted]), n(s.byStatus[domain.ReportApproved]),
		n(s.byStatus[domain.ReportNeedsCorrection]), n(s.byStatus[domain.ReportRejected])))
	b.WriteString("\n" + fmt.Sprintf(msgRekapRepPeople, n(s.kept.beneficiaries), n(s.kept.victims), n(s.kept.evacuees)))
	if s.kept.reports == 0 {
		return b.String()
	}
	b.WriteString("\n\n" + msgRekapRepByPilar)
	for _, pl := range domain.Pilars() {
		if t := s.byPilar[pl.Code]; t != nil {
			b.WriteString("\n" + t.line(pl.Short))
		}
	}
	b.WriteString("\n\n" + msgRekapRepByKec)
	for _, kec := range domain.Kecamatans() {
		if t := s.byKec[kec.Code]; t != nil {
			b.WriteString("\n" + t.line(kec.Name))
		}
	}
	return b.String()
}

// rekapEvents lists the events starting in the period with their
// attendance rate: of those who answered Hadir, how many checked in.
// Events still ahead and cancelled ones are listed without a rate and left
// out of the overall rate. A coordinator with a scope sees the events
// their volunteers answered, with those volunteers' answers only.
func (h *Room) rekapEvents(ctx context.Context, p parse.Period, scope storage.Scope) (string, error) {
	es, err := h.Store.EventAttendances(ctx, scope, p.Start, p.End)
	if err != nil {
		return "", err
	}
	n := kit.FormatInt
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgRekapEvTitle, p.Label()))
	if len(es) == 0 {
		b.WriteString("\n" + msgRekapEvNone)
		return b.String(), nil
	}
	now := h.Now()
	held, attending, checkedIn := 0, 0, 0
	for i, e := range es {
		var line string
		switch {
		case e.CancelledAt != nil:
			line = msgRekapEvCancelled
		case e.StartsAt.After(now):
			line = fmt.Sprintf(msgRekapEvAhead, n(e.Attending))
		default:
			held++
			attending += e.Attending
			checkedIn += e.CheckedIn
			line = fmt.Sprintf(msgRekapEvHeld, n(e.Attending), n(e.CheckedIn), rate(e.CheckedIn, e.Attending))
		}
		if i < rekapMaxEvents {
			b.WriteString("\n" + fmt.Sprintf(msgRekapEvLine, kit.FormatShortDate(e.StartsAt),
				html.EscapeString(kit.Truncate(e.Title, rekapTitleRunes)), line))
		}
	}
	if len(es) > rekapMaxEvents {
		b.WriteString("\n" + fmt.Sprintf(msgRekapMore, n(len(es)-rekapMaxEvents)))
	}
	b.WriteString("\n" + fmt.Sprintf(msgRekapEvTotal, n(len(es)), n(held), n(attending), n(checkedIn), rate(checkedIn, attending)))
	return b.String(), nil
}

// rate is part of whole as a whole percentage ("80%"), "-" of nothing.
func rate(part, whole int) string {
	if whole == 0 {
		return "-"
	}
	return kit.FormatInt(int(math.Round(100*float64(part)/float64(whole)))) + "%"
}
