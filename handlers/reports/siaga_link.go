package reports

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// A report may answer a call-up (/siaga): when a call-up that reached
// the volunteer was open in the last linkDays, /lapor asks first whether
// the report belongs to it, so the call-up's summary counts its reports.
const (
	keyRSiaga     = "siaga"      // the call-up id, or "" for none
	keyRSiagaOpts = "_siagaopts" // JSON [{id, label}] offered, set at the start
	linkDays      = 3
	maxLinkOffers = 3
)

type callupOffer struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// callupOffers are the call-ups to offer the volunteer, as the flow's
// starting value ("" when there are none: the step is skipped).
func (h *Room) callupOffers(ctx context.Context, volunteerID int64) (string, error) {
	list, err := h.Store.CallupsReaching(ctx, volunteerID, h.Now().Add(-linkDays*24*time.Hour), maxLinkOffers)
	if err != nil || len(list) == 0 {
		return "", err
	}
	offers := make([]callupOffer, len(list))
	for i := range list {
		offers[i] = callupOffer{ID: list[i].ID, Label: callupLabel(&list[i])}
	}
	b, err := json.Marshal(offers)
	return string(b), err
}

// callupLabel is a call-up's button: "Siaga 12-01-2024 20.15".
func callupLabel(c *storage.Callup) string {
	return optSiagaPrefix + kit.FormatShortDate(c.CreatedAt) + " " + c.CreatedAt.In(domain.WIB).Format("15.04")
}

func decodeOffers(s *conversations.Session) []callupOffer {
	var offers []callupOffer
	_ = json.Unmarshal([]byte(s.Get(keyRSiagaOpts)), &offers) // written by callupOffers
	return offers
}

// siagaStep asks which call-up the report answers, or none.
func siagaStep() conversations.Step {
	return conversations.Step{
		Key: keyRSiaga, Label: labelSiaga,
		Skip: func(s *conversations.Session) bool { return len(decodeOffers(s)) == 0 },
		Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
			labels := []string{}
			for _, o := range decodeOffers(s) {
				labels = append(labels, o.Label)
			}
			return conversations.Prompt{Text: askSiaga, Keyboard: conversations.Keyboard(1, append(labels, optNoSiaga)...)}, nil
		},
		Accept: conversations.TextAnswer(func(_ context.Context, s *conversations.Session, t string) (string, error) {
			if kit.NormalizeChoice(t) == kit.NormalizeChoice(optNoSiaga) {
				return "", nil
			}
			for _, o := range decodeOffers(s) {
				if kit.NormalizeChoice(t) == kit.NormalizeChoice(o.Label) {
					return strconv.FormatInt(o.ID, 10), nil
				}
			}
			return "", conversations.Invalidf(errSiaga)
		}),
		Show: func(s *conversations.Session, v string) string {
			for _, o := range decodeOffers(s) {
				if strconv.FormatInt(o.ID, 10) == v {
					return o.Label
				}
			}
			return optNoSiaga
		},
	}
}

// linkCallup links a stored report to the call-up chosen, if any; a
// failure is logged, the report stays.
func (h *Room) linkCallup(ctx context.Context, s *conversations.Session, rep *storage.Report) {
	id, err := strconv.ParseInt(s.Get(keyRSiaga), 10, 64)
	if err != nil {
		return
	}
	if err := h.Store.LinkReportCallup(ctx, rep.ID, rep.VolunteerID, id); err != nil {
		h.Log.Warn("linking a report to a call-up failed", "report_id", rep.ID, "callup_id", id, "error", err)
	}
}
