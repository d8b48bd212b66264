-- +goose Up

-- broadcasts are the announcements (/umumkan) of coordinators. A draft
-- waits for Kirim; "sending" has its recipients in broadcast_outbox;
-- "done" has none left pending. segment is the audience as JSON
-- (storage.Segment). text is Telegram HTML, already escaped.
CREATE TABLE broadcasts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_by       bigint      NOT NULL,
    chat_id          bigint      NOT NULL,
    segment          jsonb       NOT NULL,
    text             text        NOT NULL,
    photo_file_id    text        NOT NULL DEFAULT '',
    status           text        NOT NULL DEFAULT 'draft',
    total            integer     NOT NULL DEFAULT 0,
    progress_msg_id  bigint      NOT NULL DEFAULT 0,
    progress_text    text        NOT NULL DEFAULT '',
    progress_at      timestamptz,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,

    CONSTRAINT broadcasts_status_check CHECK (
        status IN ('draft', 'sending', 'done', 'cancelled'))
);

CREATE INDEX broadcasts_sending_idx ON broadcasts (id) WHERE status = 'sending';
CREATE INDEX broadcasts_created_idx ON broadcasts (created_at DESC, id DESC) WHERE status <> 'draft';

-- broadcast_outbox holds one row per recipient of a broadcast. A row is
-- claimed (claimed_by, claimed_at) by one sender at a time with FOR UPDATE
-- SKIP LOCKED; a claim older than the lease is taken over. It becomes
-- "sent" only after Telegram accepted the message (message_id).
CREATE TABLE broadcast_outbox (
    broadcast_id    bigint      NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    chat_id         bigint      NOT NULL,
    volunteer_id    bigint      NOT NULL,
    status          text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_by      text        NOT NULL DEFAULT '',
    claimed_at      timestamptz,
    message_id      bigint,
    error           text        NOT NULL DEFAULT '',
    done_at         timestamptz,

    PRIMARY KEY (broadcast_id, chat_id),
    CONSTRAINT broadcast_outbox_status_check CHECK (
        status IN ('pending', 'sent', 'blocked', 'failed'))
);

CREATE INDEX broadcast_outbox_pending_idx ON broadcast_outbox (broadcast_id, chat_id)
    WHERE status = 'pending';

-- +goose Down
DROP TABLE broadcast_outbox;
DROP TABLE broadcasts;
