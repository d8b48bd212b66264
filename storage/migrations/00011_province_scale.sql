-- +goose Up

-- Indexes the province-scale set (storage/province: 50,000 volunteers,
-- 1,000,000 reports) showed missing; storage/QUERIES.md has the plans.

-- A scope names kecamatan (left(kelurahan_code, 8)) or kelurahan: a
-- scoped coordinator's /rekap, /tinjau and export start from the
-- volunteers of their area instead of reading every volunteer.
CREATE INDEX volunteers_kecamatan_idx ON volunteers ((left(kelurahan_code, 8)), pilar);
CREATE INDEX volunteers_kelurahan_idx ON volunteers (kelurahan_code, pilar);
-- The planner knows an expression's values only once it is analysed.
ANALYZE volunteers;

-- Then the reports of those volunteers in a month (/rekap, the export),
-- and the count of those waiting for review (/tinjau, the digest), read
-- from the index alone.
CREATE INDEX reports_volunteer_date_idx ON reports (volunteer_id, activity_date);
CREATE INDEX reports_submitted_volunteer_idx ON reports (volunteer_id) WHERE status = 'submitted';

-- A finished broadcast keeps its counts, read once from its outbox rows
-- when it finishes (or, for one finished before this migration, when
-- retention prunes its recipients, pruned_at), so /umumkan riwayat
-- never counts a province's recipients again, nor needs them.
ALTER TABLE broadcasts
    ADD COLUMN pruned_at     timestamptz,
    ADD COLUMN sent_count    integer,
    ADD COLUMN blocked_count integer,
    ADD COLUMN failed_count  integer,
    ADD CONSTRAINT broadcasts_pruned_check CHECK (
        pruned_at IS NULL OR (sent_count IS NOT NULL AND blocked_count IS NOT NULL AND failed_count IS NOT NULL));
-- The pruner finds the finished broadcasts older than the retention.
CREATE INDEX broadcasts_prunable_idx ON broadcasts (finished_at) WHERE status = 'done' AND pruned_at IS NULL;
-- And the reminders sent, the digests and nudges done, by age.
CREATE INDEX event_reminders_sent_idx ON event_reminders (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX coordinator_digests_done_idx ON coordinator_digests (done_at) WHERE done_at IS NOT NULL;
CREATE INDEX volunteer_nudges_done_idx ON volunteer_nudges (done_at) WHERE done_at IS NOT NULL;

-- +goose Down
DROP INDEX volunteer_nudges_done_idx;
DROP INDEX coordinator_digests_done_idx;
DROP INDEX event_reminders_sent_idx;
DROP INDEX broadcasts_prunable_idx;
ALTER TABLE broadcasts DROP CONSTRAINT broadcasts_pruned_check,
    DROP COLUMN failed_count, DROP COLUMN blocked_count, DROP COLUMN sent_count, DROP COLUMN pruned_at;
DROP INDEX reports_submitted_volunteer_idx;
DROP INDEX reports_volunteer_date_idx;
DROP INDEX volunteers_kelurahan_idx;
DROP INDEX volunteers_kecamatan_idx;
