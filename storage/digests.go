package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"pilarbot/storage/domain"
)

// Morning digests: one row of coordinator_digests per coordinator and WIB
// day, made due once the day's digest time has come and marked done in
// the transaction that sends it, the way event reminders are sent.

// digestDay is the WIB date of t, the day coordinator_digests keys by.
func digestDay(t time.Time) string {
	return t.In(domain.WIB).Format(time.DateOnly)
}

// ScheduleDigests makes the digest of the WIB day of day due for each of
// telegramIDs that has none yet. A digest already due or done is kept, so
// the scheduler calls it on every tick: a coordinator appointed later in
// the day is added, and nobody's day starts over.
func (s *Store) ScheduleDigests(ctx context.Context, day time.Time, telegramIDs []int64) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO coordinator_digests (day, telegram_id)
		SELECT $1::date, id FROM unnest($2::bigint[]) AS id
		ON CONFLICT (day, telegram_id) DO NOTHING`, digestDay(day), pq.Array(nonNil64(telegramIDs)))
	if err != nil {
		return fmt.Errorf("storage: schedule digests: %w", err)
	}
	return nil
}

// Digest is one coordinator's digest of a day, as SendDueDigest left it.
type Digest struct {
	TelegramID int64
	Sent       bool // a message went out; false when nothing waited or it could not be delivered
}

// ErrNoDigestDue means SendDueDigest found nothing to send.
var ErrNoDigestDue = errors.New("storage: no digest due")

// SendDueDigest claims one digest of the WIB day of day that is due and
// not done (FOR UPDATE SKIP LOCKED: other instances skip it) and calls
// send with the coordinator's Telegram id while the row stays locked.
// When send returns nil the digest is marked done in the same
// transaction, with sent as send reports it (false: nothing waited, or
// Telegram refused the message for good), and is never sent again; when
// send fails, or the transaction does not commit, it stays due. Ids in
// skip are left alone (digests that failed earlier in the same tick). It
// returns the digest, or ErrNoDigestDue.
//
// The claim is held as withLeasedTx describes: send must return within
// lease, or the digest goes out again.
func (s *Store) SendDueDigest(ctx context.Context, day time.Time, skip []int64, lease time.Duration,
	send func(ctx context.Context, telegramID int64) (sent bool, err error)) (*Digest, error) {
	var d Digest
	err := s.withLeasedTx(ctx, lease, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &d.TelegramID, `
			SELECT telegram_id FROM coordinator_digests
			WHERE day = $1::date AND done_at IS NULL AND NOT (telegram_id = ANY ($2))
			ORDER BY telegram_id
			LIMIT 1
			FOR UPDATE SKIP LOCKED`, digestDay(day), pq.Array(nonNil64(skip)))
		if errors.Is(notFound(err), ErrNotFound) {
			return ErrNoDigestDue
		}
		if err != nil {
			return err
		}
		if d.Sent, err = send(ctx, d.TelegramID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE coordinator_digests SET sent = $3, done_at = $4
			WHERE day = $1::date AND telegram_id = $2`, digestDay(day), d.TelegramID, d.Sent, s.now())
		return err
	})
	if errors.Is(err, ErrNoDigestDue) {
		return nil, ErrNoDigestDue
	}
	if err != nil {
		return &d, fmt.Errorf("storage: send due digest: %w", err)
	}
	return &d, nil
}

// DigestsDone returns the digests of the WIB day of day that are done,
// by coordinator: whether a message went out.
func (s *Store) DigestsDone(ctx context.Context, day time.Time) (map[int64]bool, error) {
	var rows []struct {
		TelegramID int64 `db:"telegram_id"`
		Sent       bool  `db:"sent"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT telegram_id, sent FROM coordinator_digests
		WHERE day = $1::date AND done_at IS NOT NULL`, digestDay(day))
	if err != nil {
		return nil, fmt.Errorf("storage: digests done: %w", err)
	}
	out := make(map[int64]bool, len(rows))
	for _, r := range rows {
		out[r.TelegramID] = r.Sent
	}
	return out, nil
}
