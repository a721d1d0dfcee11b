-- Two-factor authentication (backend/twofactor, security.md "Two-factor authentication").
-- A person is named "kind:id": user:U3, contact_person:CP7, customer:1001. Times are Unix
-- milliseconds. No code, token or TOTP secret is stored in the clear: codes and device
-- tokens only as hashes, TOTP secrets sealed under a key kept in the OS keyring.

-- Plain settings: flow switches, the trusted-device period, the SMS provider and sender
-- name (the SMS credentials live in the OS keyring, never here).
CREATE TABLE twofactor_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per code sent. Kept for an hour after creation for the rate limit, then purged.
CREATE TABLE twofactor_codes (
    id         TEXT PRIMARY KEY,            -- random challenge id handed to the caller
    person     TEXT    NOT NULL,
    flow       TEXT    NOT NULL,            -- a code answers only the flow it was sent for
    code_hash  BLOB    NOT NULL,            -- HMAC-SHA256(key, id || code)
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    tries      INTEGER NOT NULL DEFAULT 0,  -- wrong answers to this code
    ended_at   INTEGER,                     -- used, expired or out of tries
    passed     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX twofactor_codes_person ON twofactor_codes(person, created_at);

-- Wrong answers per person (SMS codes and TOTP alike), so that a new code does not
-- bring new tries. Cleared by a right answer; older than an hour they no longer count.
CREATE TABLE twofactor_failures (
    person TEXT    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX twofactor_failures_person ON twofactor_failures(person, at);

-- Trusted devices: only the SHA-256 of the device's random token, and dates.
CREATE TABLE twofactor_devices (
    id           TEXT PRIMARY KEY,          -- random handle for "remove this device"
    person       TEXT    NOT NULL,
    token_hash   BLOB    NOT NULL UNIQUE,
    first_at     INTEGER NOT NULL,          -- the first two-factor login on this device
    expires_at   INTEGER NOT NULL,          -- first_at + the trusted-device period
    last_used_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX twofactor_devices_person ON twofactor_devices(person);

-- TOTP (RFC 6238) enrolment: the secret sealed with XChaCha20-Poly1305.
CREATE TABLE twofactor_totp (
    person         TEXT PRIMARY KEY,
    sealed_secret  BLOB,                    -- the confirmed secret; NULL until confirmed
    pending_secret BLOB,                    -- an enrolment waiting for its first code
    enrolled_at    INTEGER,
    last_step      INTEGER NOT NULL DEFAULT 0 -- newest time step accepted (no replay)
) WITHOUT ROWID;
