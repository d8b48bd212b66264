-- +goose Up

-- volunteers are the relawan of the pilar-pilar sosial. NIK and phone are
-- personal data (UU 27/2022): never log them, never echo them unmasked.
CREATE TABLE volunteers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    telegram_id    bigint      NOT NULL,
    chat_id        bigint      NOT NULL,
    username       text        NOT NULL DEFAULT '',
    full_name      text        NOT NULL DEFAULT '',
    pilar          text        NOT NULL,
    kelurahan_code text        NOT NULL DEFAULT '',
    phone          text        NOT NULL DEFAULT '',
    nik            text,
    status         text        NOT NULL DEFAULT 'pending',
    status_note    text        NOT NULL DEFAULT '',
    decided_by     bigint,
    decided_at     timestamptz,
    unreachable    boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,

    CONSTRAINT volunteers_telegram_id_key UNIQUE (telegram_id),
    CONSTRAINT volunteers_nik_key UNIQUE (nik),
    CONSTRAINT volunteers_pilar_check CHECK (
        pilar IN ('psm', 'tagana', 'tksk', 'pkh', 'karang_taruna', 'karang_werda', 'lksa')),
    CONSTRAINT volunteers_kelurahan_code_check CHECK (
        kelurahan_code = '' OR kelurahan_code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$'),
    CONSTRAINT volunteers_phone_check CHECK (
        phone = '' OR phone ~ '^\+[1-9][0-9]{7,14}$'),
    CONSTRAINT volunteers_nik_check CHECK (
        nik ~ '^[0-9]{16}$'),
    CONSTRAINT volunteers_status_check CHECK (
        status IN ('pending', 'verified', 'rejected')),
    CONSTRAINT volunteers_decision_check CHECK (
        status = 'pending' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
);

-- The verification queue: pending volunteers, oldest first.
CREATE INDEX volunteers_pending_idx ON volunteers (created_at, id) WHERE status = 'pending';
-- MarkUnreachable looks volunteers up by chat.
CREATE INDEX volunteers_chat_id_idx ON volunteers (chat_id);

-- coordinators are the Dinsos staff who verify volunteers. added_by 0 means
-- the system (bootstrap from configuration).
CREATE TABLE coordinators (
    telegram_id bigint PRIMARY KEY,
    name        text        NOT NULL DEFAULT '',
    added_by    bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL
);

-- audit_log records who decided what. actor_id 0 means the system. before
-- and after hold short states (a status, a name), never personal data.
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id     bigint      NOT NULL DEFAULT 0,
    action       text        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    before       text        NOT NULL DEFAULT '',
    after        text        NOT NULL DEFAULT '',
    note         text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL
);

CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE coordinators;
DROP TABLE volunteers;
