package storage

import (
	"context"
	"fmt"
)

// RecentBroadcasts returns the last limit broadcasts that were started,
// newest first, with their counts, as viewer (a coordinator's Telegram id)
// working in scope may see them: the whole city's for a city-wide scope;
// else the viewer's own and those that stayed inside it (sentInsideSQL).
// So the coordinator of one kecamatan does not read what went to the
// others.
func (s *Store) RecentBroadcasts(ctx context.Context, limit int, viewer int64, scope Scope) ([]BroadcastSummary, error) {
	out := []BroadcastSummary{}
	args := []any{limit}
	visible := scope.sentInsideSQL(viewer, &args)
	// A finished broadcast's counts are kept on it; only those still
	// sending (or finished before migration 00011 and not yet pruned)
	// are counted, each from its own rows.
	err := s.db.SelectContext(ctx, &out, `SELECT `+prefixed("b.", broadcastColumns)+`,
			c.pending, coalesce(b.sent_count, c.sent) AS sent,
			coalesce(b.blocked_count, c.blocked) AS blocked, coalesce(b.failed_count, c.failed) AS failed
		FROM (SELECT * FROM broadcasts WHERE status IN ('sending', 'done') AND class = 'umum'
			AND (`+visible+`)
			ORDER BY created_at DESC, id DESC LIMIT $1) b
		CROSS JOIN LATERAL (SELECT
			count(*) FILTER (WHERE o.status = 'pending') AS pending,
			count(*) FILTER (WHERE o.status = 'sent')    AS sent,
			count(*) FILTER (WHERE o.status = 'blocked') AS blocked,
			count(*) FILTER (WHERE o.status = 'failed')  AS failed
			FROM broadcast_outbox o WHERE o.broadcast_id = b.id AND b.sent_count IS NULL) c
		ORDER BY b.created_at DESC, b.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: recent broadcasts: %w", err)
	}
	return out, nil
}
