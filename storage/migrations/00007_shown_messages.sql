-- +goose Up

-- shown_messages are the bot's messages in coordinators' chats that show a
-- volunteer's personal data: the new-registration notice, the verification
-- card, the report card with its photo and uraian, /laporan, /cari. They
-- stay in those chats after the volunteer erases their data, so the
-- erasure edits each to say the data was erased, or deletes it (a photo,
-- while Telegram still allows it: 48 hours), and then forgets the row.
-- photo tells a caption (editMessageCaption) from a text (editMessageText).
CREATE TABLE shown_messages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    volunteer_id bigint      NOT NULL REFERENCES volunteers (id),
    chat_id      bigint      NOT NULL,
    message_id   bigint      NOT NULL,
    photo        boolean     NOT NULL,
    sent_at      timestamptz NOT NULL
);

CREATE INDEX shown_messages_volunteer_idx ON shown_messages (volunteer_id);

-- +goose Down
DROP TABLE shown_messages;
