-- +goose Up

-- A volunteer who erases their data with /hapusdata keeps an anonymous row:
-- pilar, kelurahan and dates stay for Dinsos' statistics (and for the
-- reports that point at the row), every personal field is emptied, the NIK
-- becomes NULL (so it never blocks a new registration with the same NIK) and
-- telegram_id becomes -id (Telegram user ids are positive, so the account
-- can register again as a new volunteer). status 'erased' keeps the row out
-- of the verification queue and the lists.
ALTER TABLE volunteers ADD COLUMN erased_at timestamptz;

ALTER TABLE volunteers DROP CONSTRAINT volunteers_status_check;
ALTER TABLE volunteers ADD CONSTRAINT volunteers_status_check CHECK (
    status IN ('pending', 'verified', 'rejected', 'erased'));
ALTER TABLE volunteers DROP CONSTRAINT volunteers_decision_check;
ALTER TABLE volunteers ADD CONSTRAINT volunteers_decision_check CHECK (
    status IN ('pending', 'erased') OR (decided_by IS NOT NULL AND decided_at IS NOT NULL));
ALTER TABLE volunteers ADD CONSTRAINT volunteers_erased_check CHECK (
    (status = 'erased') = (erased_at IS NOT NULL));

-- /rekap and the exports group volunteers by pilar and kelurahan.
CREATE INDEX volunteers_pilar_idx ON volunteers (pilar, status);

-- +goose Down
DROP INDEX volunteers_pilar_idx;
DELETE FROM volunteers WHERE status = 'erased';
ALTER TABLE volunteers DROP CONSTRAINT volunteers_erased_check;
ALTER TABLE volunteers DROP CONSTRAINT volunteers_decision_check;
ALTER TABLE volunteers ADD CONSTRAINT volunteers_decision_check CHECK (
    status = 'pending' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL));
ALTER TABLE volunteers DROP CONSTRAINT volunteers_status_check;
ALTER TABLE volunteers ADD CONSTRAINT volunteers_status_check CHECK (
    status IN ('pending', 'verified', 'rejected'));
ALTER TABLE volunteers DROP COLUMN erased_at;
