-- +goose Up

-- volunteer_nudges is the durable schedule of the gentle nudge: a
-- verified volunteer with no report for NUDGE_AFTER (30 days) gets one
-- reminder to use /lapor. One row per volunteer and WIB day it fell due,
-- written due (done_at NULL), claimed FOR UPDATE SKIP LOCKED and marked
-- done in the transaction that sends it, as coordinator_digests are, so
-- several instances send each nudge once. The latest row is also what
-- keeps the next one a month away. sent is false for a nudge that was
-- not delivered (the volunteer reported, blocked the bot or was erased
-- in the meantime).
CREATE TABLE volunteer_nudges (
    volunteer_id bigint      NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    day          date        NOT NULL,
    sent         boolean     NOT NULL DEFAULT false,
    done_at      timestamptz,
    PRIMARY KEY (volunteer_id, day)
);

CREATE INDEX volunteer_nudges_due_idx ON volunteer_nudges (day) WHERE done_at IS NULL;

-- +goose Down
DROP TABLE volunteer_nudges;
