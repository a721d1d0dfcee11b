-- The customer portal (backend/portal, issue 16). A portal account is a private customer or
-- a contact person ("customer:1001", "contact_person:CP7") who logs in by e-mail. Times are
-- Unix milliseconds. No password, token or session id is stored in the clear.

-- One account per person; the password is an Argon2id PHC string, NULL until the invitation
-- was accepted.
CREATE TABLE portal_accounts (
    id              TEXT PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,   -- lower case
    person          TEXT    NOT NULL UNIQUE,   -- twofactor's "kind:id"
    customer_number TEXT    NOT NULL,          -- the records the account may reach
    password_hash   TEXT,
    created_at      INTEGER NOT NULL,
    password_at     INTEGER,
    disabled        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Invitation links: only the SHA-256 of the token. One use.
CREATE TABLE portal_invitations (
    token_hash  BLOB PRIMARY KEY,
    account     TEXT    NOT NULL REFERENCES portal_accounts(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
) WITHOUT ROWID;

-- Approvals made in the portal: one per approvable thing, so a second approval (a double
-- submit, a replay) fails on the primary key instead of being recorded twice.
CREATE TABLE portal_approvals (
    target      TEXT PRIMARY KEY,              -- "quote/Q1", "work_order/W1/extra_costs/0", ...
    account     TEXT    NOT NULL,
    approved_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Erasure requests from "Mina uppgifter": a queue an administrator reviews through the
-- erasure plan. The portal itself erases nothing.
CREATE TABLE portal_erasure_requests (
    id          TEXT PRIMARY KEY,
    account     TEXT    NOT NULL,
    person      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'open', -- open | done | rejected
    handled_at  INTEGER,
    handled_by  TEXT
) WITHOUT ROWID;
CREATE INDEX portal_erasure_requests_status ON portal_erasure_requests(status, created_at);

-- The portal's settings in the app (Settings > Kundportal): key/value.
CREATE TABLE portal_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
