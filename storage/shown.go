package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"pilarbot/storage/domain"
)

// ShownMessage is a message of the bot in a coordinator's chat that shows
// a volunteer's personal data, kept so that erasing the data can reach it.
type ShownMessage struct {
	ID          int64     `db:"id"`
	VolunteerID int64     `db:"volunteer_id"`
	ChatID      int64     `db:"chat_id"`
	MessageID   int       `db:"message_id"`
	Photo       bool      `db:"photo"`   // a photo with a caption, not a text
	SentAt      time.Time `db:"sent_at"` // as Telegram dated it: the 48 hours to delete it count from there
}

const shownColumns = `id, volunteer_id, chat_id, message_id, photo, sent_at`

// RecordShown records ms as showing the volunteer volunteerID. It reports
// false, recording nothing, when the volunteer has erased their data: a
// message sent while the erasure ran is then the caller's to scrub at
// once. An unknown volunteer is ErrNotFound. The volunteer's row is
// share-locked, so an erasure either sees these rows or runs before them.
//
// One statement, committed on its own: the lock, the check and the
// insert took a transaction of four round trips, and every receipt and
// card that shows a volunteer records itself.
func (s *Store) RecordShown(ctx context.Context, volunteerID int64, ms []ShownMessage) (bool, error) {
	if len(ms) == 0 {
		return true, nil
	}
	n := len(ms)
	chats, msgs, photos, sent := make([]int64, n), make([]int64, n), make([]bool, n), make([]int64, n)
	for i, m := range ms {
		chats[i], msgs[i], photos[i], sent[i] = m.ChatID, int64(m.MessageID), m.Photo, m.SentAt.UnixMicro()
	}
	var status *domain.Status
	err := s.getPrepared(ctx, nil, &status, recordShownSQL,
		volunteerID, pq.Array(chats), pq.Array(msgs), pq.Array(photos), pq.Array(sent), domain.StatusErased)
	switch {
	case err != nil:
		return false, fmt.Errorf("storage: record shown messages: %w", err)
	case status == nil:
		return false, fmt.Errorf("storage: record shown messages: %w", ErrNotFound)
	}
	return *status != domain.StatusErased, nil
}

// recordShownSQL locks the volunteer's row, inserts the messages unless
// the volunteer is erased ($6), and returns the status (NULL: no such
// volunteer). In READ COMMITTED a lock that waited for an erasure sees
// the erased row.
var recordShownSQL = hot(`
	WITH v AS (SELECT status FROM volunteers WHERE id = $1 FOR SHARE),
	ins AS (
		INSERT INTO shown_messages (volunteer_id, chat_id, message_id, photo, sent_at)
		SELECT $1, c, m, p, to_timestamp(t / 1e6)
		FROM unnest($2::bigint[], $3::bigint[], $4::boolean[], $5::bigint[]) AS u(c, m, p, t)
		WHERE (SELECT status FROM v) <> $6
	)
	SELECT (SELECT status FROM v)`)

// ShownMessages lists the recorded messages that show the volunteer.
func (s *Store) ShownMessages(ctx context.Context, volunteerID int64) ([]ShownMessage, error) {
	ms := []ShownMessage{}
	err := s.db.SelectContext(ctx, &ms, `SELECT `+shownColumns+` FROM shown_messages
		WHERE volunteer_id = $1 ORDER BY id`, volunteerID)
	if err != nil {
		return nil, fmt.Errorf("storage: shown messages: %w", err)
	}
	return ms, nil
}

// ErasedShown lists the ids of erased volunteers some of whose messages
// are still recorded: an erasure cut short (a crash, Telegram down) that
// the next start finishes.
func (s *Store) ErasedShown(ctx context.Context) ([]int64, error) {
	ids := []int64{}
	err := s.db.SelectContext(ctx, &ids, `SELECT DISTINCT s.volunteer_id FROM shown_messages s
		JOIN volunteers v ON v.id = s.volunteer_id WHERE v.status = 'erased' ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("storage: erased shown messages: %w", err)
	}
	return ids, nil
}

// ForgetShown removes recorded messages that were scrubbed.
func (s *Store) ForgetShown(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM shown_messages WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return fmt.Errorf("storage: forget shown messages: %w", err)
	}
	return nil
}
