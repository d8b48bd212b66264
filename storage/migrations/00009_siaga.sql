-- +goose Up

-- A call-up (/siaga) is delivered through the broadcast outbox, as a
-- broadcast of class 'siaga': the same claims, lease and heartbeat, so a
-- kill -9 mid-send loses no recipient. reply_markup is the inline keyboard
-- every recipient gets (the same for all: the presser is the answer's
-- owner). The outbox rows carry the class's priority (0 = call-up, 1 =
-- announcement) so a claim takes call-ups first.
ALTER TABLE broadcasts
    ADD COLUMN class        text NOT NULL DEFAULT 'umum',
    ADD COLUMN reply_markup text NOT NULL DEFAULT '',
    ADD CONSTRAINT broadcasts_class_check CHECK (class IN ('umum', 'siaga'));

ALTER TABLE broadcast_outbox ADD COLUMN priority smallint NOT NULL DEFAULT 1;
DROP INDEX broadcast_outbox_pending_idx;
CREATE INDEX broadcast_outbox_pending_idx ON broadcast_outbox (priority, broadcast_id, chat_id)
    WHERE status = 'pending';

-- callups are the call-ups themselves: who started one, for whom
-- (segment and the coordinator's scope, as broadcasts keep them), the
-- message (Telegram HTML) and the optional gathering point. The tally is
-- one message in the coordinator's chat, edited at most every few seconds
-- and never to the same text (tally_text, tally_at).
CREATE TABLE callups (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    broadcast_id  bigint      NOT NULL REFERENCES broadcasts (id),
    created_by    bigint      NOT NULL,
    chat_id       bigint      NOT NULL,
    segment       jsonb       NOT NULL,
    scope         jsonb       NOT NULL DEFAULT '{}',
    text          text        NOT NULL,
    latitude      double precision,
    longitude     double precision,
    status        text        NOT NULL DEFAULT 'open',
    tally_msg_id  bigint      NOT NULL DEFAULT 0,
    tally_text    text        NOT NULL DEFAULT '',
    tally_at      timestamptz,
    created_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    closed_by     bigint,

    CONSTRAINT callups_status_check CHECK (status IN ('open', 'closed')),
    CONSTRAINT callups_location_check CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE INDEX callups_open_idx ON callups (id) WHERE status = 'open';
CREATE INDEX callups_created_idx ON callups (created_at DESC, id DESC);

-- callup_answers is each recipient's current answer: 'siap' with an
-- arrival ('30m', '1j', 'lebih', '' before it is picked) or 'tidak'.
-- callup_answer_log keeps every answer with its time, changes included.
CREATE TABLE callup_answers (
    callup_id    bigint      NOT NULL REFERENCES callups (id) ON DELETE CASCADE,
    volunteer_id bigint      NOT NULL REFERENCES volunteers (id),
    answer       text        NOT NULL,
    arrival      text        NOT NULL DEFAULT '',
    answered_at  timestamptz NOT NULL,

    PRIMARY KEY (callup_id, volunteer_id),
    CONSTRAINT callup_answers_answer_check CHECK (answer IN ('siap', 'tidak')),
    CONSTRAINT callup_answers_arrival_check CHECK (arrival IN ('', '30m', '1j', 'lebih'))
);

CREATE INDEX callup_answers_volunteer_idx ON callup_answers (volunteer_id);

CREATE TABLE callup_answer_log (
    callup_id    bigint      NOT NULL REFERENCES callups (id) ON DELETE CASCADE,
    volunteer_id bigint      NOT NULL REFERENCES volunteers (id),
    answer       text        NOT NULL,
    arrival      text        NOT NULL DEFAULT '',
    answered_at  timestamptz NOT NULL
);

CREATE INDEX callup_answer_log_idx ON callup_answer_log (callup_id, answered_at);

-- A report may say which call-up it answered (/lapor offers the call-ups
-- of the last 3 days that reached the volunteer).
ALTER TABLE reports ADD COLUMN callup_id bigint REFERENCES callups (id);
CREATE INDEX reports_callup_idx ON reports (callup_id) WHERE callup_id IS NOT NULL;

-- +goose Down
DROP INDEX reports_callup_idx;
ALTER TABLE reports DROP COLUMN callup_id;
DROP TABLE callup_answer_log;
DROP TABLE callup_answers;
DROP TABLE callups;
DROP INDEX broadcast_outbox_pending_idx;
ALTER TABLE broadcast_outbox DROP COLUMN priority;
CREATE INDEX broadcast_outbox_pending_idx ON broadcast_outbox (broadcast_id, chat_id)
    WHERE status = 'pending';
ALTER TABLE broadcasts DROP CONSTRAINT broadcasts_class_check,
    DROP COLUMN reply_markup, DROP COLUMN class;
