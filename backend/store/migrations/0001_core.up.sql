-- Core schema: every record of every type (datamap.md) in one table, keyed by type + external id.
-- The canonical field object is kept as JSON text; the columns beside it are what lists, links
-- and retention need to find records by index.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE records (
    rid           INTEGER PRIMARY KEY,
    type          TEXT    NOT NULL,
    ext_id        TEXT    NOT NULL,
    cust_no       TEXT,              -- customer_number (a customer's own, or the linked one)
    status        TEXT,
    created_at    INTEGER,           -- Unix seconds
    updated_at    INTEGER,
    clock         INTEGER,           -- retention clock (Unix seconds); NULL: never due or already anonymised
    anonymised_at INTEGER,
    batch         INTEGER NOT NULL DEFAULT 0, -- the import that last wrote the row (duplicate detection)
    data          TEXT    NOT NULL   -- canonical JSON object of the fields
);
CREATE UNIQUE INDEX records_type_id ON records(type, ext_id);
CREATE INDEX records_clock ON records(type, clock) WHERE clock IS NOT NULL;
CREATE INDEX records_cust ON records(cust_no) WHERE cust_no IS NOT NULL;

-- Outgoing id links (customer links go by records.cust_no), so a hard delete or an
-- anonymisation finds the records that point at a record without scanning.
CREATE TABLE links (
    src     INTEGER NOT NULL REFERENCES records(rid) ON DELETE CASCADE,
    path    TEXT    NOT NULL,
    to_type TEXT    NOT NULL,
    to_id   TEXT    NOT NULL
);
CREATE INDEX links_to ON links(to_type, to_id);
CREATE INDEX links_src ON links(src);

-- The search index's outbox: written in the same transaction as every record write, applied
-- to the index afterwards and replayed at start-up, so a crash between the two loses nothing.
CREATE TABLE outbox (
    seq    INTEGER PRIMARY KEY,
    type   TEXT NOT NULL,
    ext_id TEXT NOT NULL
);

-- Retention settings (datamap.md "Retention policies"); fixed rows are not stored.
CREATE TABLE retention_policies (
    type      TEXT PRIMARY KEY,
    enabled   INTEGER NOT NULL DEFAULT 0,
    days      INTEGER NOT NULL DEFAULT 0,
    on_delete TEXT    NOT NULL DEFAULT 'anonymise' CHECK (on_delete IN ('anonymise', 'delete'))
) WITHOUT ROWID;
