-- +goose Up

-- /rekap counts a month's reports by pilar, kelurahan and status, and the
-- chart the five months before by status (storage/report_stats.go). With
-- every column those counts read in the index, both are index-only scans
-- of the date range: on the province set (1,000,000 reports) a month of
-- 100,000 is read from 1,000 index pages instead of 3,000 heap pages, and
-- the six months of /rekap take two scans instead of seven. volunteer_id
-- is there for a coordinator's scope (Segment.reporterIn), which joins the
-- same index-only scan to the scope's volunteers. storage/QUERIES.md has
-- the plans.
CREATE INDEX reports_month_stats_idx ON reports (activity_date)
    INCLUDE (status, pilar, kelurahan_code, beneficiaries, victims, evacuees, volunteer_id);

-- +goose Down
DROP INDEX reports_month_stats_idx;
