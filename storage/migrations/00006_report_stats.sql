-- +goose Up

-- /rekap and the reports export select the reports of a month by the date
-- of the activity.
CREATE INDEX reports_activity_date_idx ON reports (activity_date, id);

-- +goose Down
DROP INDEX reports_activity_date_idx;
