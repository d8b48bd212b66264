package storage

import (
	"context"
	"fmt"
)

// RecentBroadcasts returns the last limit broadcasts that were started,
// newest first, with their counts, as viewer (a coordinator's Telegram id)
// working in scope may see them: the whole city's for a city-wide scope;
// else the viewer's own and those that stayed inside the scope, by their
// audience or by the scope of the coordinator who sent them. So the
// coordinator of one kecamatan does not read what went to the others.
func (s *Store) RecentBroadcasts(ctx context.Context, limit int, viewer int64, scope Scope) ([]BroadcastSummary, error) {
	out := []BroadcastSummary{}
	args := []any{limit}
	visible := "true"
	if !scope.CityWide() {
		args = append(args, viewer)
		visible = "created_by = $2 OR " + scope.containsJSON("segment", &args) + " OR " + scope.containsJSON("scope", &args)
	}
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

// containsJSON returns the SQL condition that the segment stored as JSON
// in column col lies inside g: every volunteer it can name is one g
// covers. Its pilar types are among g's (or g has none), and its places
// are among g's (or g has none): each kecamatan one of g's, each
// kelurahan one of g's or in one of g's kecamatan. A segment naming no
// pilar or no place (the whole city on that count) lies inside only a g
// that names none either. It is Covers, for a whole segment.
func (g Segment) containsJSON(col string, args *[]any) string {
	pilars, kecs, kels := g.params(args)
	return fmt.Sprintf(`((cardinality(%[2]s) = 0
		OR (jsonb_array_length(coalesce(%[1]s->'pilar', '[]')) > 0
			AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(%[1]s->'pilar', '[]')) x
				WHERE x <> ALL(%[2]s))))
	AND ((cardinality(%[3]s) = 0 AND cardinality(%[4]s) = 0)
		OR (jsonb_array_length(coalesce(%[1]s->'kecamatan', '[]')) + jsonb_array_length(coalesce(%[1]s->'kelurahan', '[]')) > 0
			AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(%[1]s->'kecamatan', '[]')) k
				WHERE k <> ALL(%[3]s))
			AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(%[1]s->'kelurahan', '[]')) k
				WHERE k <> ALL(%[4]s) AND left(k, 8) <> ALL(%[3]s)))))`, col, pilars, kecs, kels)
}
