-- +goose Up

-- events are what coordinators organise: ceremonies, training, competitions,
-- drills. An empty pilars array means every pilar; an empty regions array
-- means the whole city, otherwise it holds kecamatan codes (35.75.04) and
-- kelurahan codes (35.75.04.1006). quota NULL means unlimited.
CREATE TABLE events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        text             NOT NULL,
    kind         text             NOT NULL,
    starts_at    timestamptz      NOT NULL,
    ends_at      timestamptz,
    place        text             NOT NULL,
    latitude     double precision,
    longitude    double precision,
    pilars       text[]           NOT NULL DEFAULT '{}',
    regions      text[]           NOT NULL DEFAULT '{}',
    description  text             NOT NULL DEFAULT '',
    quota        integer,
    created_by   bigint           NOT NULL,
    cancelled_at timestamptz,
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,

    CONSTRAINT events_ends_check CHECK (ends_at IS NULL OR ends_at > starts_at),
    CONSTRAINT events_quota_check CHECK (quota IS NULL OR quota > 0),
    CONSTRAINT events_pin_check CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE INDEX events_starts_idx ON events (starts_at) WHERE cancelled_at IS NULL;
CREATE INDEX events_creator_idx ON events (created_by, starts_at);

-- event_rsvps are the volunteers' answers (Hadir / Tidak hadir) and their
-- check-in. checkin_verified is false when the event has no map pin.
CREATE TABLE event_rsvps (
    event_id           bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    volunteer_id       bigint      NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    attending          boolean     NOT NULL,
    answered_at        timestamptz NOT NULL,
    checked_in_at      timestamptz,
    checkin_verified   boolean     NOT NULL DEFAULT false,
    checkin_distance_m double precision,
    PRIMARY KEY (event_id, volunteer_id)
);

CREATE INDEX event_rsvps_volunteer_idx ON event_rsvps (volunteer_id);

-- event_reminders is the durable schedule of reminders (H-1 and H-2 hours)
-- to volunteers who answered Hadir. A scheduler claims due rows with
-- FOR UPDATE SKIP LOCKED, so several instances send each reminder once.
CREATE TABLE event_reminders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    volunteer_id bigint      NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    kind         text        NOT NULL,
    due_at       timestamptz NOT NULL,
    sent_at      timestamptz,

    CONSTRAINT event_reminders_kind_check CHECK (kind IN ('h1', 'h2')),
    CONSTRAINT event_reminders_once_key UNIQUE (event_id, volunteer_id, kind)
);

CREATE INDEX event_reminders_due_idx ON event_reminders (due_at) WHERE sent_at IS NULL;

-- +goose Down
DROP TABLE event_reminders;
DROP TABLE event_rsvps;
DROP TABLE events;
