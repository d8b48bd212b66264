package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Broadcast statuses.
const (
	BroadcastDraft     = "draft"
	BroadcastSending   = "sending"
	BroadcastDone      = "done"
	BroadcastCancelled = "cancelled"
)

// Broadcast classes: an announcement (/umumkan) or a call-up (/siaga),
// whose recipients are claimed and sent first.
const (
	ClassUmum  = "umum"
	ClassSiaga = "siaga"
)

// Outbox priorities by class: lower is claimed first.
const (
	outboxPrioritySiaga = 0
	outboxPriorityUmum  = 1
)

// Outbox row statuses.
const (
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxBlocked = "blocked"
	OutboxFailed  = "failed"
)

// Segment is the audience of a broadcast, as data. Empty lists mean "no
// restriction", so the zero Segment is every verified volunteer. Pilars
// restricts to those pilar codes; Kecamatans and Kelurahans (official codes)
// restrict to volunteers living in any of the listed kecamatan or
// kelurahan, which is also how an event is targeted. EventID, when not 0,
// restricts to the volunteers who answered Hadir to that event, which must
// not be cancelled (its attendees were told already); EventTitle only names
// it in the coordinator's texts. Volunteers who are not verified or blocked
// the bot are never recipients.
type Segment struct {
	Pilars     []string `json:"pilar,omitempty"`
	Kecamatans []string `json:"kecamatan,omitempty"`
	Kelurahans []string `json:"kelurahan,omitempty"`
	EventID    int64    `json:"event,omitempty"`
	EventTitle string   `json:"event_title,omitempty"`
	// CallupID, when not 0, restricts to the volunteers whose answer to
	// that call-up (/siaga) is Siap: who gets its "Kirim kabar".
	CallupID int64 `json:"callup,omitempty"`
}

// audienceWhere selects the volunteers (table alias v) that a broadcast
// to g reaches inside scope, with its parameters appended to args: the
// verified volunteers who did not block the bot, of g's pilar types and
// places, and of the event's Hadir answers when g names an event that is
// not cancelled.
func audienceWhere(g Segment, scope Scope, args *[]any) string {
	cond := `v.status = 'verified' AND NOT v.unreachable
	AND ` + g.where("v", args) + `
	AND ` + scope.where("v", args)
	if g.EventID != 0 {
		*args = append(*args, g.EventID)
		cond += fmt.Sprintf(`
	AND v.id IN (SELECT r.volunteer_id FROM event_rsvps r JOIN events e ON e.id = r.event_id
		WHERE r.event_id = $%d AND r.attending AND e.cancelled_at IS NULL)`, len(*args))
	}
	if g.CallupID != 0 {
		*args = append(*args, g.CallupID)
		cond += fmt.Sprintf(`
	AND v.id IN (SELECT a.volunteer_id FROM callup_answers a WHERE a.callup_id = $%d AND a.answer = 'siap')`, len(*args))
	}
	return cond
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Broadcast is one announcement and its delivery counts.
type Broadcast struct {
	ID            int64      `db:"id"`
	CreatedBy     int64      `db:"created_by"` // coordinator's Telegram id
	ChatID        int64      `db:"chat_id"`    // where progress is shown
	SegmentJSON   []byte     `db:"segment"`
	ScopeJSON     []byte     `db:"scope"` // the coordinator's scope when the draft was made
	Text          string     `db:"text"`  // Telegram HTML; the caption when PhotoFileID is set
	PhotoFileID   string     `db:"photo_file_id"`
	Class         string     `db:"class"`        // ClassUmum or ClassSiaga
	ReplyMarkup   string     `db:"reply_markup"` // inline keyboard JSON every recipient gets, or ""
	Status        string     `db:"status"`
	Total         int        `db:"total"`
	ProgressMsgID int64      `db:"progress_msg_id"`
	ProgressText  string     `db:"progress_text"`
	ProgressAt    *time.Time `db:"progress_at"`
	CreatedAt     time.Time  `db:"created_at"`
	StartedAt     *time.Time `db:"started_at"`
	FinishedAt    *time.Time `db:"finished_at"`
}

// Segment decodes the stored audience.
func (b *Broadcast) Segment() (Segment, error) {
	var g Segment
	if err := json.Unmarshal(b.SegmentJSON, &g); err != nil {
		return g, fmt.Errorf("storage: decode segment of broadcast %d: %w", b.ID, err)
	}
	return g, nil
}

// Scope decodes the scope that clips the audience.
func (b *Broadcast) Scope() (Scope, error) {
	g, err := decodeScope(b.ScopeJSON)
	if err != nil {
		return g, fmt.Errorf("storage: broadcast %d: %w", b.ID, err)
	}
	return g, nil
}

// BroadcastCounts are the outbox rows of a broadcast by status.
type BroadcastCounts struct {
	Pending int `db:"pending"`
	Sent    int `db:"sent"`
	Blocked int `db:"blocked"`
	Failed  int `db:"failed"`
}

// All is the number of recipients.
func (c BroadcastCounts) All() int { return c.Pending + c.Sent + c.Blocked + c.Failed }

// BroadcastSummary is a broadcast with its counts, for the history.
type BroadcastSummary struct {
	Broadcast
	BroadcastCounts
}

const broadcastColumns = `id, created_by, chat_id, segment, scope, text, photo_file_id, class, reply_markup, status, total,
	progress_msg_id, progress_text, progress_at, created_at, started_at, finished_at`

// CountSegment returns how many volunteers a broadcast to g inside scope
// would reach now.
func (s *Store) CountSegment(ctx context.Context, g Segment, scope Scope) (int, error) {
	var n int
	var args []any
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM volunteers v WHERE `+audienceWhere(g, scope, &args), args...)
	if err != nil {
		return 0, fmt.Errorf("storage: count segment: %w", err)
	}
	return n, nil
}

// SegmentChatIDs returns the chats a broadcast to g inside scope would
// reach now, in order.
func (s *Store) SegmentChatIDs(ctx context.Context, g Segment, scope Scope) ([]int64, error) {
	ids := []int64{}
	var args []any
	err := s.db.SelectContext(ctx, &ids,
		`SELECT DISTINCT v.chat_id FROM volunteers v WHERE `+audienceWhere(g, scope, &args)+` ORDER BY v.chat_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: segment chats: %w", err)
	}
	return ids, nil
}

// CreateBroadcastDraft stores a draft broadcast to g inside scope, the
// scope of its coordinator (fills b.ID, Status and CreatedAt). Nothing is
// sent before StartBroadcast.
func (s *Store) CreateBroadcastDraft(ctx context.Context, b *Broadcast, g Segment, scope Scope) error {
	seg, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("storage: create broadcast: %w", err)
	}
	sc, err := scopeJSON(scope)
	if err != nil {
		return fmt.Errorf("storage: create broadcast: %w", err)
	}
	b.SegmentJSON, b.ScopeJSON = seg, sc
	err = s.db.GetContext(ctx, b, `
		INSERT INTO broadcasts (created_by, chat_id, segment, scope, text, photo_file_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		RETURNING `+broadcastColumns,
		b.CreatedBy, b.ChatID, string(seg), string(sc), b.Text, b.PhotoFileID, s.now())
	if err != nil {
		return fmt.Errorf("storage: create broadcast: %w", err)
	}
	return nil
}

// BroadcastByID returns a broadcast, or ErrNotFound.
func (s *Store) BroadcastByID(ctx context.Context, id int64) (*Broadcast, error) {
	var b Broadcast
	err := s.db.GetContext(ctx, &b, `SELECT `+broadcastColumns+` FROM broadcasts WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("storage: broadcast by id: %w", notFound(err))
	}
	return &b, nil
}

// StartBroadcast turns a draft into a broadcast being sent: it writes one
// outbox row per recipient of the segment as it is now, and remembers the
// message that shows the progress. It returns ErrNotFound when id is not a
// draft (already sent or cancelled, e.g. Kirim pressed twice), so a
// broadcast is started once, and ErrNotCoordinator when by, who pressed
// Kirim, is no longer a coordinator: checked in the transaction that
// queues the messages. The recipients lie inside the draft's scope and
// inside by's scope as it is now, so a scope narrowed after the preview
// narrows the broadcast too.
func (s *Store) StartBroadcast(ctx context.Context, id int64, by Actor, progressMsgID int64) (*Broadcast, error) {
	var b Broadcast
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		current, err := checkActor(ctx, tx, by)
		if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &b, `SELECT `+broadcastColumns+` FROM broadcasts
			WHERE id = $1 AND status = 'draft' FOR UPDATE`, id); err != nil {
			return notFound(err)
		}
		g, err := b.Segment()
		if err != nil {
			return err
		}
		scope, err := b.Scope()
		if err != nil {
			return err
		}
		now := s.now()
		args := []any{id, now}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO broadcast_outbox (broadcast_id, chat_id, volunteer_id, next_attempt_at)
			SELECT DISTINCT ON (v.chat_id) $1::bigint, v.chat_id, v.id, $2::timestamptz
			FROM volunteers v WHERE `+audienceWhere(g, scope, &args)+` AND `+current.where("v", &args)+`
			ORDER BY v.chat_id, v.id`,
			args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		return tx.GetContext(ctx, &b, `UPDATE broadcasts
			SET status = 'sending', total = $2, progress_msg_id = $3, started_at = $4
			WHERE id = $1 RETURNING `+broadcastColumns, id, n, progressMsgID, now)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: start broadcast: %w", err)
	}
	return &b, nil
}

// CancelBroadcastDraft cancels a draft; ErrNotFound if id is not a draft.
func (s *Store) CancelBroadcastDraft(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE broadcasts SET status = 'cancelled', finished_at = $2
		WHERE id = $1 AND status = 'draft'`, id, s.now())
	if err != nil {
		return fmt.Errorf("storage: cancel broadcast: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: cancel broadcast: %w", ErrNotFound)
	}
	return nil
}

// SendingBroadcasts returns the broadcasts being sent, oldest first.
func (s *Store) SendingBroadcasts(ctx context.Context) ([]Broadcast, error) {
	bs := []Broadcast{}
	err := s.db.SelectContext(ctx, &bs, `SELECT `+broadcastColumns+` FROM broadcasts
		WHERE status = 'sending' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("storage: sending broadcasts: %w", err)
	}
	return bs, nil
}

// BroadcastCountsOf counts the outbox rows of a broadcast by status.
func (s *Store) BroadcastCountsOf(ctx context.Context, id int64) (BroadcastCounts, error) {
	var c BroadcastCounts
	err := s.db.GetContext(ctx, &c, `SELECT
			count(*) FILTER (WHERE status = 'pending') AS pending,
			count(*) FILTER (WHERE status = 'sent')    AS sent,
			count(*) FILTER (WHERE status = 'blocked') AS blocked,
			count(*) FILTER (WHERE status = 'failed')  AS failed
		FROM broadcast_outbox WHERE broadcast_id = $1`, id)
	if err != nil {
		return c, fmt.Errorf("storage: broadcast counts: %w", err)
	}
	return c, nil
}

// ClaimProgress reserves the right to show text as the progress of
// broadcast id: it succeeds (true) when text differs from the progress last
// shown and that was at least every ago, so several senders never edit the
// message more often than that, nor to identical content.
func (s *Store) ClaimProgress(ctx context.Context, id int64, text string, every time.Duration) (bool, error) {
	ok, err := s.claimEdit(ctx, "broadcasts", "progress", id, text, every)
	if err != nil {
		return false, fmt.Errorf("storage: claim progress: %w", err)
	}
	return ok, nil
}

// claimEdit is the throttle of a message the bot keeps editing (a
// broadcast's progress, a call-up's tally): it stores text as shown in
// table's <col>_text and <col>_at only when it differs from what was shown
// and that was at least every ago, and reports whether it did. table and
// col are this package's constants, never input.
func (s *Store) claimEdit(ctx context.Context, table, col string, id int64, text string, every time.Duration) (bool, error) {
	now := s.now()
	res, err := s.db.ExecContext(ctx, fmt.Sprintf(`UPDATE %[1]s SET %[2]s_text = $2, %[2]s_at = $3
		WHERE id = $1 AND %[2]s_text <> $2 AND (%[2]s_at IS NULL OR %[2]s_at <= $4)`, table, col),
		id, text, now, now.Add(-every))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// FinishBroadcast marks broadcast id done if no recipient is pending,
// and keeps its counts on it: they no longer change, and the history
// reads them without counting the recipients (or after retention pruned
// them). It reports whether this call finished it, so the final report
// is sent once.
func (s *Store) FinishBroadcast(ctx context.Context, id int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE broadcasts SET status = 'done', finished_at = $2,
			sent_count = c.sent, blocked_count = c.blocked, failed_count = c.failed
		FROM (SELECT count(*) FILTER (WHERE status = 'sent') AS sent,
				count(*) FILTER (WHERE status = 'blocked') AS blocked,
				count(*) FILTER (WHERE status = 'failed') AS failed
			FROM broadcast_outbox WHERE broadcast_id = $1) c
		WHERE id = $1 AND status = 'sending'
		AND NOT EXISTS (SELECT 1 FROM broadcast_outbox WHERE broadcast_id = $1 AND status = 'pending')`,
		id, s.now())
	if err != nil {
		return false, fmt.Errorf("storage: finish broadcast: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
