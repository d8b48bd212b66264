package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrCallupClosed means a call-up was closed (Tutup siaga) before the
// answer or the follow-up: late presses change nothing.
var ErrCallupClosed = errors.New("storage: call-up closed")

// Call-up answers and arrival times.
const (
	CallupSiap   = "siap"
	CallupTidak  = "tidak"
	Arrival30m   = "30m"
	Arrival1j    = "1j"
	ArrivalLebih = "lebih"
)

// Callup is an emergency call-up (/siaga): a message with Siap berangkat
// / Tidak bisa to an audience, delivered through the broadcast outbox
// (BroadcastID, class siaga) and tallied in one message of the
// coordinator's chat.
type Callup struct {
	ID          int64      `db:"id"`
	BroadcastID int64      `db:"broadcast_id"`
	CreatedBy   int64      `db:"created_by"`
	ChatID      int64      `db:"chat_id"`
	SegmentJSON []byte     `db:"segment"`
	ScopeJSON   []byte     `db:"scope"`
	Text        string     `db:"text"` // the coordinator's message, Telegram HTML
	Latitude    *float64   `db:"latitude"`
	Longitude   *float64   `db:"longitude"`
	Status      string     `db:"status"`
	TallyMsgID  int64      `db:"tally_msg_id"`
	TallyText   string     `db:"tally_text"`
	TallyAt     *time.Time `db:"tally_at"`
	CreatedAt   time.Time  `db:"created_at"`
	ClosedAt    *time.Time `db:"closed_at"`
	ClosedBy    *int64     `db:"closed_by"`
}

// Open reports whether answers are still taken.
func (c *Callup) Open() bool { return c.Status == "open" }

// Segment decodes the audience.
func (c *Callup) Segment() Segment {
	var g Segment
	_ = json.Unmarshal(c.SegmentJSON, &g) // written by StartCallup
	return g
}

// Scope decodes the scope of the coordinator who started it.
func (c *Callup) Scope() Scope {
	g, _ := decodeScope(c.ScopeJSON)
	return g
}

const callupColumns = `id, broadcast_id, created_by, chat_id, segment, scope, text, latitude, longitude,
	status, tally_msg_id, tally_text, tally_at, created_at, closed_at, closed_by`

// CallupRender builds what every recipient of call-up c receives: the
// message (HTML) and its inline keyboard (JSON), which carry c.ID.
type CallupRender func(c *Callup) (text, markup string, err error)

// StartCallup stores call-up c (CreatedBy, ChatID, Text, pin, TallyMsgID)
// to the volunteers of g inside scope and inside by's scope as it is now,
// and queues one outbox row per recipient ahead of every announcement, in
// one transaction: a crash either sends it to everyone or to no one. It
// returns the number of recipients; ErrNotCoordinator when by is no longer
// one.
func (s *Store) StartCallup(ctx context.Context, c *Callup, g Segment, scope Scope, by Actor, render CallupRender) (int, error) {
	seg, err := json.Marshal(g)
	if err != nil {
		return 0, fmt.Errorf("storage: start call-up: %w", err)
	}
	sc, err := scopeJSON(scope)
	if err != nil {
		return 0, fmt.Errorf("storage: start call-up: %w", err)
	}
	var n int
	err = s.withTx(ctx, func(tx *sqlx.Tx) error {
		current, err := checkActor(ctx, tx, by)
		if err != nil {
			return err
		}
		now := s.now()
		b := &Broadcast{CreatedBy: c.CreatedBy, ChatID: c.ChatID, Class: ClassSiaga, SegmentJSON: seg, ScopeJSON: sc}
		if err := insertSiagaBroadcast(ctx, tx, b, now); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, c, `INSERT INTO callups (broadcast_id, created_by, chat_id, segment, scope,
				text, latitude, longitude, tally_msg_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING `+callupColumns,
			b.ID, c.CreatedBy, c.ChatID, string(seg), string(sc), c.Text, c.Latitude, c.Longitude, c.TallyMsgID, now); err != nil {
			return err
		}
		text, markup, err := render(c)
		if err != nil {
			return err
		}
		n, err = queueSiaga(ctx, tx, b.ID, text, markup, g, scope, current, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: start call-up: %w", err)
	}
	return n, nil
}

// SendCallupNews queues text (HTML) to the volunteers whose answer to
// call-up id is Siap (Kirim kabar), inside the call-up's scope and by's
// scope now, at the call-up's priority. It returns the number of
// recipients, ErrCallupClosed after Tutup siaga.
func (s *Store) SendCallupNews(ctx context.Context, id int64, by Actor, text string) (int, error) {
	var n int
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		current, err := checkActor(ctx, tx, by)
		if err != nil {
			return err
		}
		var c Callup
		if err := tx.GetContext(ctx, &c, `SELECT `+callupColumns+` FROM callups WHERE id = $1 FOR SHARE`, id); err != nil {
			return notFound(err)
		}
		if !c.Open() {
			return ErrCallupClosed
		}
		g := Segment{CallupID: id}
		seg, _ := json.Marshal(g)
		now := s.now()
		b := &Broadcast{CreatedBy: by.ID, ChatID: c.ChatID, Class: ClassSiaga, SegmentJSON: seg, ScopeJSON: c.ScopeJSON}
		if err := insertSiagaBroadcast(ctx, tx, b, now); err != nil {
			return err
		}
		n, err = queueSiaga(ctx, tx, b.ID, text, "", g, c.Scope(), current, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: call-up news: %w", err)
	}
	return n, nil
}

// insertSiagaBroadcast stores the broadcast row a call-up is delivered
// through, already sending (a call-up has no draft).
func insertSiagaBroadcast(ctx context.Context, tx *sqlx.Tx, b *Broadcast, now time.Time) error {
	return tx.GetContext(ctx, &b.ID, `INSERT INTO broadcasts (created_by, chat_id, segment, scope, text,
			class, status, created_at, started_at)
		VALUES ($1, $2, $3, $4, '', 'siaga', 'sending', $5, $5) RETURNING id`,
		b.CreatedBy, b.ChatID, string(b.SegmentJSON), string(b.ScopeJSON), now)
}

// queueSiaga sets the broadcast's content and writes its outbox rows at
// the call-up priority; it returns how many.
func queueSiaga(ctx context.Context, tx *sqlx.Tx, broadcastID int64, text, markup string, g Segment, scope, current Scope, now time.Time) (int, error) {
	args := []any{broadcastID, now, outboxPrioritySiaga}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO broadcast_outbox (broadcast_id, chat_id, volunteer_id, next_attempt_at, priority)
		SELECT DISTINCT ON (v.chat_id) $1::bigint, v.chat_id, v.id, $2::timestamptz, $3::smallint
		FROM volunteers v WHERE `+audienceWhere(g, scope, &args)+` AND `+current.where("v", &args)+`
		ORDER BY v.chat_id, v.id`, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE broadcasts SET text = $2, reply_markup = $3, total = $4 WHERE id = $1`,
		broadcastID, text, markup, n)
	return int(n), err
}

// CallupByID returns a call-up, or ErrNotFound.
func (s *Store) CallupByID(ctx context.Context, id int64) (*Callup, error) {
	var c Callup
	if err := s.db.GetContext(ctx, &c, `SELECT `+callupColumns+` FROM callups WHERE id = $1`, id); err != nil {
		return nil, fmt.Errorf("storage: call-up: %w", notFound(err))
	}
	return &c, nil
}

// AnswerCallup records the answer of the volunteer with Telegram id tgID
// to call-up id (answer CallupSiap with an arrival, possibly "", or
// CallupTidak) with its time, in the current answers and the log. It
// returns ErrNotFound when the volunteer was not a recipient (a forged
// press) and ErrCallupClosed after Tutup siaga: the call-up's row is
// shared-locked, so an answer either lands before the close or not at all.
func (s *Store) AnswerCallup(ctx context.Context, id, tgID int64, answer, arrival string) (*Callup, error) {
	var c Callup
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &c, `SELECT `+callupColumns+` FROM callups WHERE id = $1 FOR SHARE`, id); err != nil {
			return notFound(err)
		}
		if !c.Open() {
			return ErrCallupClosed
		}
		var vid int64
		err := tx.GetContext(ctx, &vid, `SELECT o.volunteer_id FROM broadcast_outbox o
			JOIN volunteers v ON v.id = o.volunteer_id
			WHERE o.broadcast_id = $1 AND v.telegram_id = $2`, c.BroadcastID, tgID)
		if err != nil {
			return notFound(err)
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO callup_answers (callup_id, volunteer_id, answer, arrival, answered_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (callup_id, volunteer_id)
			DO UPDATE SET answer = $3, arrival = $4, answered_at = $5`, id, vid, answer, arrival, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO callup_answer_log (callup_id, volunteer_id, answer, arrival, answered_at)
			VALUES ($1, $2, $3, $4, $5)`, id, vid, answer, arrival, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: answer call-up: %w", err)
	}
	return &c, nil
}

// CloseCallup closes call-up id (Tutup siaga); it reports false when it
// was closed already. Answers in flight finish first (the row lock).
func (s *Store) CloseCallup(ctx context.Context, id int64, by Actor) (bool, error) {
	closed := false
	err := s.withTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := checkActor(ctx, tx, by); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE callups SET status = 'closed', closed_at = $2, closed_by = $3
			WHERE id = $1 AND status = 'open'`, id, s.now(), by.ID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		closed = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("storage: close call-up: %w", err)
	}
	return closed, nil
}
