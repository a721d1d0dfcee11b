-- Anonymisation and retention (backend/retention, datamap.md "Retention policies and their rules").
-- The policies themselves are in retention_policies (0001). This is the anonymisation
-- history: one row per run and its counts per type. It never holds personal data: no ids,
-- no values, only times and numbers. Times are Unix seconds.

CREATE TABLE anonymisation_runs (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,           -- wall clock when the run began
    as_of       INTEGER NOT NULL,           -- the "now" the run judged due records by
    finished_at INTEGER,                    -- NULL while running, or when a run was cut short
    trigger     TEXT    NOT NULL,           -- startup, hourly, manual, cli, delete
    error       TEXT    NOT NULL DEFAULT '' -- why the run stopped early ('' when it finished)
);
CREATE INDEX anonymisation_runs_started ON anonymisation_runs(started_at);

-- Counted inside each batch's own transaction, so the history matches what was committed
-- even when a run is cut short.
CREATE TABLE anonymisation_counts (
    run_id     INTEGER NOT NULL REFERENCES anonymisation_runs(id) ON DELETE CASCADE,
    type       TEXT    NOT NULL,
    due        INTEGER NOT NULL DEFAULT 0,
    anonymised INTEGER NOT NULL DEFAULT 0,
    deleted    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, type)
) WITHOUT ROWID;

-- Counts of the scheduled jobs other features register (the vault's expired-entry purge, ...).
CREATE TABLE anonymisation_job_counts (
    run_id INTEGER NOT NULL REFERENCES anonymisation_runs(id) ON DELETE CASCADE,
    job    TEXT    NOT NULL,
    count  INTEGER NOT NULL DEFAULT 0,
    error  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, job)
) WITHOUT ROWID;
