-- Secure data ("Säkra uppgifter", backend/vault). Encrypted values, wrapped keys and sealed
-- private keys are opaque versioned blobs (see the vault package documentation); nothing in
-- these tables is plaintext of an encrypted field.

-- Each user's X25519 key pair; the private key sealed under an Argon2id key from the password.
CREATE TABLE vault_keys (
    user_id        TEXT PRIMARY KEY,       -- records.ext_id of the `user` record
    public_key     BLOB    NOT NULL,
    sealed_private BLOB    NOT NULL,
    created_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE vault_forms (
    form_id          TEXT PRIMARY KEY,
    name             TEXT    NOT NULL,
    purpose          TEXT    NOT NULL CHECK (purpose IN ('internal', 'customer')),
    fields           TEXT    NOT NULL,     -- JSON [{"id","name","kind","encrypted"}]
    auto_delete_days INTEGER NOT NULL DEFAULT 0 CHECK (auto_delete_days >= 0),
    two_factor       INTEGER NOT NULL DEFAULT 0,
    key_generation   INTEGER NOT NULL DEFAULT 1, -- bumped by every key rotation
    created_by       TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) WITHOUT ROWID;

-- The two access lists of a form: who reads plain fields ('read'), who decrypts ('decrypt').
CREATE TABLE vault_access (
    form_id   TEXT NOT NULL REFERENCES vault_forms(form_id) ON DELETE CASCADE,
    list      TEXT NOT NULL CHECK (list IN ('read', 'decrypt')),
    kind      TEXT NOT NULL CHECK (kind IN ('user', 'group')),
    member_id TEXT NOT NULL,               -- user or group ext_id
    PRIMARY KEY (form_id, list, kind, member_id)
) WITHOUT ROWID;

-- The form's data key wrapped to one user's public key.
CREATE TABLE vault_wraps (
    form_id    TEXT    NOT NULL REFERENCES vault_forms(form_id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL,
    wrapped    BLOB    NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (form_id, user_id)
) WITHOUT ROWID;
CREATE INDEX vault_wraps_user ON vault_wraps(user_id);

-- Users on a decrypt list who cannot decrypt until someone grants again (their key pair was
-- replaced by an admin's password reset).
CREATE TABLE vault_regrants (
    form_id TEXT    NOT NULL REFERENCES vault_forms(form_id) ON DELETE CASCADE,
    user_id TEXT    NOT NULL,
    since   INTEGER NOT NULL,
    PRIMARY KEY (form_id, user_id)
) WITHOUT ROWID;

CREATE TABLE vault_entries (
    entry_id        TEXT PRIMARY KEY,
    form_id         TEXT    NOT NULL REFERENCES vault_forms(form_id) ON DELETE CASCADE,
    customer_number TEXT,                  -- forms for a customer only
    created_by      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX vault_entries_form ON vault_entries(form_id, created_at);
CREATE INDEX vault_entries_customer ON vault_entries(customer_number) WHERE customer_number IS NOT NULL;

-- One field value of an entry: plain text, or a sealed blob for encrypted fields.
CREATE TABLE vault_values (
    entry_id TEXT NOT NULL REFERENCES vault_entries(entry_id) ON DELETE CASCADE,
    field_id TEXT NOT NULL,
    plain    TEXT,
    sealed   BLOB,
    PRIMARY KEY (entry_id, field_id),
    CHECK ((plain IS NULL) <> (sealed IS NULL))
) WITHOUT ROWID;
