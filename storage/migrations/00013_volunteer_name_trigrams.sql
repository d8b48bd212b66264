-- +goose Up

-- /cari finds volunteers by any part of their name (full_name ILIKE
-- '%rahayu%'), which a btree cannot serve: on the province set (50,000
-- volunteers) every search read the whole table, 70-160 ms on a shared
-- 2-core machine against the 100 ms target. A trigram index (pg_trgm, a
-- contrib extension that PostgreSQL 13+ lets a database owner create
-- without superuser rights) serves ILIKE with a pattern of three
-- characters or more; shorter ones still scan. storage/QUERIES.md has the
-- plans.
--
-- The extension is one per database, while tests migrate a schema each
-- in a shared database, in parallel: the advisory lock keeps two
-- migrations from creating it at once, and the index names the operator
-- class in whatever schema the extension lives in (public when created
-- here; elsewhere when an operator installed it already).
SELECT pg_advisory_xact_lock(hashtext('pilarbot: create extension pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- +goose StatementBegin
DO $$
DECLARE
    ext_schema text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                        WHERE e.extname = 'pg_trgm');
BEGIN
    EXECUTE format('CREATE INDEX volunteers_name_trgm_idx ON volunteers USING gin (full_name %I.gin_trgm_ops)', ext_schema);
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP INDEX volunteers_name_trgm_idx;
