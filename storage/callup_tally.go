package storage

import (
	"context"
	"fmt"
	"time"
)

// CallupCounts is a call-up's tally: its recipients by delivery and by
// answer, and the reports linked to it.
type CallupCounts struct {
	Recipients int `db:"recipients"`
	Pending    int `db:"pending"`    // not sent yet
	Failed     int `db:"failed"`     // blocked or failed for good
	Siap30     int `db:"siap_30m"`   // Siap, there within 30 minutes
	Siap1j     int `db:"siap_1j"`    // within an hour
	SiapLebih  int `db:"siap_lebih"` // later
	SiapBelum  int `db:"siap_belum"` // Siap, arrival not picked yet
	Tidak      int `db:"tidak"`
	Unanswered int `db:"unanswered"` // sent or pending, no answer
	Reports    int `db:"reports"`    // reports linked in /lapor
}

// Siap is everyone who answered Siap berangkat.
func (c CallupCounts) Siap() int { return c.Siap30 + c.Siap1j + c.SiapLebih + c.SiapBelum }

// CallupCountsOf counts the tally of call-up id in one query.
func (s *Store) CallupCountsOf(ctx context.Context, id int64) (CallupCounts, error) {
	var c CallupCounts
	err := s.db.GetContext(ctx, &c, `SELECT
			count(o.*) AS recipients,
			count(o.*) FILTER (WHERE o.status = 'pending') AS pending,
			count(o.*) FILTER (WHERE o.status IN ('blocked', 'failed')) AS failed,
			count(a.*) FILTER (WHERE a.answer = 'siap' AND a.arrival = '30m') AS siap_30m,
			count(a.*) FILTER (WHERE a.answer = 'siap' AND a.arrival = '1j') AS siap_1j,
			count(a.*) FILTER (WHERE a.answer = 'siap' AND a.arrival = 'lebih') AS siap_lebih,
			count(a.*) FILTER (WHERE a.answer = 'siap' AND a.arrival = '') AS siap_belum,
			count(a.*) FILTER (WHERE a.answer = 'tidak') AS tidak,
			count(o.*) FILTER (WHERE o.status IN ('pending', 'sent') AND a.volunteer_id IS NULL) AS unanswered,
			(SELECT count(*) FROM reports r WHERE r.callup_id = $1) AS reports
		FROM callups c
		JOIN broadcast_outbox o ON o.broadcast_id = c.broadcast_id
		LEFT JOIN callup_answers a ON a.callup_id = c.id AND a.volunteer_id = o.volunteer_id
		WHERE c.id = $1`, id)
	if err != nil {
		return c, fmt.Errorf("storage: call-up counts: %w", err)
	}
	return c, nil
}

// TallyCallups returns the call-ups whose tally may still change: the open
// ones and those closed within the last minute (their final tally).
func (s *Store) TallyCallups(ctx context.Context) ([]Callup, error) {
	out := []Callup{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+callupColumns+` FROM callups
		WHERE tally_msg_id <> 0 AND (status = 'open' OR closed_at >= $1) ORDER BY id`, s.now().Add(-time.Minute))
	if err != nil {
		return nil, fmt.Errorf("storage: call-ups to tally: %w", err)
	}
	return out, nil
}

// ClaimCallupTally reserves the right to show text as the tally of
// call-up id: only when it differs from the text shown last and that was
// at least every ago, so several instances never edit the message more
// often than that, nor to the same content (Telegram refuses it).
func (s *Store) ClaimCallupTally(ctx context.Context, id int64, text string, every time.Duration) (bool, error) {
	ok, err := s.claimEdit(ctx, "callups", "tally", id, text, every)
	if err != nil {
		return false, fmt.Errorf("storage: claim call-up tally: %w", err)
	}
	return ok, nil
}

// ReadyVolunteer is one line of Daftar siap. Phone is the full number:
// the coordinator must be able to call (the one place it is shown).
type ReadyVolunteer struct {
	Name          string    `db:"full_name"`
	Pilar         string    `db:"pilar"`
	KelurahanCode string    `db:"kelurahan_code"`
	Phone         string    `db:"phone"`
	Arrival       string    `db:"arrival"`
	AnsweredAt    time.Time `db:"answered_at"`
}

// ReadyVolunteers lists who answered Siap to call-up id, inside scope
// (the presser's), soonest arrival first.
func (s *Store) ReadyVolunteers(ctx context.Context, id int64, scope Scope) ([]ReadyVolunteer, error) {
	out := []ReadyVolunteer{}
	args := []any{id}
	err := s.db.SelectContext(ctx, &out, `SELECT v.full_name, v.pilar, v.kelurahan_code, v.phone, a.arrival, a.answered_at
		FROM callup_answers a JOIN volunteers v ON v.id = a.volunteer_id
		WHERE a.callup_id = $1 AND a.answer = 'siap' AND `+scope.where("v", &args)+`
		ORDER BY CASE a.arrival WHEN '30m' THEN 0 WHEN '1j' THEN 1 WHEN 'lebih' THEN 2 ELSE 3 END,
			a.answered_at, v.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: ready volunteers: %w", err)
	}
	return out, nil
}

// CallupSummary is a call-up with its tally, for /siaga riwayat.
type CallupSummary struct {
	Callup
	CallupCounts
}

// RecentCallups returns the last limit call-ups, newest first, with their
// counts, that viewer working in scope may see: as RecentBroadcasts.
func (s *Store) RecentCallups(ctx context.Context, limit int, viewer int64, scope Scope) ([]CallupSummary, error) {
	var list []Callup
	args := []any{limit}
	visible := scope.sentInsideSQL(viewer, &args)
	if err := s.db.SelectContext(ctx, &list, `SELECT `+callupColumns+` FROM callups
		WHERE `+visible+`
		ORDER BY created_at DESC, id DESC LIMIT $1`, args...); err != nil {
		return nil, fmt.Errorf("storage: recent call-ups: %w", err)
	}
	out := make([]CallupSummary, len(list))
	for i := range list {
		c, err := s.CallupCountsOf(ctx, list[i].ID)
		if err != nil {
			return nil, err
		}
		out[i] = CallupSummary{Callup: list[i], CallupCounts: c}
	}
	return out, nil
}

// CallupsReaching returns the call-ups that reached the volunteer
// (delivered) and were open at some time since since, newest first: what
// /lapor offers to link a report to.
func (s *Store) CallupsReaching(ctx context.Context, volunteerID int64, since time.Time, limit int) ([]Callup, error) {
	out := []Callup{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+prefixed("c.", callupColumns)+` FROM callups c
		JOIN broadcast_outbox o ON o.broadcast_id = c.broadcast_id AND o.volunteer_id = $1 AND o.status = 'sent'
		WHERE c.status = 'open' OR c.closed_at >= $2
		ORDER BY c.created_at DESC, c.id DESC LIMIT $3`, volunteerID, since, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: call-ups reaching a volunteer: %w", err)
	}
	return out, nil
}

// LinkReportCallup links report reportID, by volunteerID, to call-up
// callupID, which must have reached that volunteer; otherwise ErrNotFound.
func (s *Store) LinkReportCallup(ctx context.Context, reportID, volunteerID, callupID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE reports r SET callup_id = $3
		WHERE r.id = $1 AND r.volunteer_id = $2 AND EXISTS (
			SELECT 1 FROM callups c JOIN broadcast_outbox o ON o.broadcast_id = c.broadcast_id
			WHERE c.id = $3 AND o.volunteer_id = $2)`, reportID, volunteerID, callupID)
	if err != nil {
		return fmt.Errorf("storage: link report to call-up: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: link report to call-up: %w", ErrNotFound)
	}
	return nil
}
