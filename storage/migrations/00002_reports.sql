-- +goose Up

-- reports are the activity reports of verified volunteers. number is what
-- people quote (LAP-2024-000123: year of submission in WIB and a per-year
-- sequence). idempotency_key is the flow state that produced the report, so
-- a Kirim press handled twice stores one report. status is the current
-- review state, kept for queries; every change is in report_status_history.
CREATE TABLE reports (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number          text        NOT NULL,
    year            integer     NOT NULL,
    seq             integer     NOT NULL,
    idempotency_key text        NOT NULL,
    volunteer_id    bigint      NOT NULL REFERENCES volunteers (id),
    pilar           text        NOT NULL,
    activity        text        NOT NULL,
    activity_date   date        NOT NULL,
    kelurahan_code  text        NOT NULL,
    latitude        double precision,
    longitude       double precision,
    disaster_type   text        NOT NULL DEFAULT '',
    victims         integer,
    evacuees        integer,
    needs           text        NOT NULL DEFAULT '',
    pmks_category   text        NOT NULL DEFAULT '',
    beneficiaries   integer,
    description     text        NOT NULL,
    status          text        NOT NULL DEFAULT 'submitted',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,

    CONSTRAINT reports_number_key UNIQUE (number),
    CONSTRAINT reports_year_seq_key UNIQUE (year, seq),
    CONSTRAINT reports_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT reports_status_check CHECK (
        status IN ('submitted', 'approved', 'needs_correction', 'rejected')),
    CONSTRAINT reports_location_check CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT reports_counts_check CHECK (
        coalesce(victims, 0) >= 0 AND coalesce(evacuees, 0) >= 0 AND coalesce(beneficiaries, 0) >= 0)
);

-- /riwayat: a volunteer's reports, newest first.
CREATE INDEX reports_volunteer_idx ON reports (volunteer_id, created_at DESC, id DESC);

-- report_photos are the photos of a report as Telegram file ids (largest
-- size), in the order they were sent.
CREATE TABLE report_photos (
    report_id      bigint  NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    file_id        text    NOT NULL,
    file_unique_id text    NOT NULL,
    PRIMARY KEY (report_id, position),
    CONSTRAINT report_photos_unique_key UNIQUE (report_id, file_unique_id)
);

-- report_status_history is append-only: who changed a report's status,
-- when, from what to what, with the note sent to the volunteer. from_status
-- is '' for the submission itself.
CREATE TABLE report_status_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id   bigint      NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    actor_id    bigint      NOT NULL,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    note        text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL
);

CREATE INDEX report_status_history_report_idx ON report_status_history (report_id, id);

-- report_counters hands out the per-year sequence of report numbers.
CREATE TABLE report_counters (
    year integer PRIMARY KEY,
    last integer NOT NULL
);

-- +goose Down
DROP TABLE report_counters;
DROP TABLE report_status_history;
DROP TABLE report_photos;
DROP TABLE reports;
