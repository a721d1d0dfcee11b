-- Login credentials (backend/auth). The account itself is the `user` record (datamap.md);
-- this table holds only what must never be exported or searched, keyed by the user's
-- external id.
CREATE TABLE auth_credentials (
    user_id     TEXT PRIMARY KEY,          -- records.ext_id of the `user` record
    phc         TEXT    NOT NULL,          -- Argon2id PHC string, parameters included (RFC 9106)
    disabled_at INTEGER,                   -- Unix seconds; NULL: active
    changed_at  INTEGER NOT NULL           -- when the password was last set
) WITHOUT ROWID;

-- Failed-login back-off per account name (lower case), kept across restarts; also for names
-- that do not exist, so the answer does not reveal which names do.
CREATE TABLE auth_throttle (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_failure INTEGER NOT NULL          -- Unix milliseconds
) WITHOUT ROWID;

-- Security settings (idle lock, ...).
CREATE TABLE auth_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
