-- +goose Up

-- A coordinator's scope is the area they work in: a storage.Segment as
-- JSON (pilar, kecamatan and kelurahan codes). '{}' is the whole city, as
-- every coordinator was before scopes existed.
ALTER TABLE coordinators ADD COLUMN scope jsonb NOT NULL DEFAULT '{}';

-- A broadcast reaches its segment inside the scope of the coordinator who
-- wrote it, as it was when the draft was made.
ALTER TABLE broadcasts ADD COLUMN scope jsonb NOT NULL DEFAULT '{}';

-- The review queue: reports waiting for review, oldest first.
CREATE INDEX reports_submitted_idx ON reports (created_at, id) WHERE status = 'submitted';

-- Recycled photos: the earlier reports that carry a photo with the same
-- file_unique_id (Telegram's id of the file itself, the same for every
-- sender).
CREATE INDEX report_photos_file_unique_idx ON report_photos (file_unique_id, report_id);

-- coordinator_digests is the durable schedule of the morning digest: one
-- row per coordinator and day (WIB), written due (done_at NULL) once the
-- day's digest time has come, claimed FOR UPDATE SKIP LOCKED and marked
-- done in the transaction that sends it, so several instances send each
-- digest once, as event_reminders are sent. sent is false for a day on
-- which nothing waited or the message could not be delivered.
CREATE TABLE coordinator_digests (
    day         date        NOT NULL,
    telegram_id bigint      NOT NULL,
    sent        boolean     NOT NULL DEFAULT false,
    done_at     timestamptz,
    PRIMARY KEY (day, telegram_id)
);

-- +goose Down
DROP TABLE coordinator_digests;
DROP INDEX report_photos_file_unique_idx;
DROP INDEX reports_submitted_idx;
ALTER TABLE broadcasts DROP COLUMN scope;
ALTER TABLE coordinators DROP COLUMN scope;
