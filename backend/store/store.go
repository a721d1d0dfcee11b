// Package store keeps Dataskydd's data in one SQLite file inside the data folder.
//
// Every connection runs with WAL, foreign keys and secure_delete (set in the DSN, because
// pragmas are per connection and database/sql pools them), so deleted and overwritten
// values are zeroed in the file rather than left in free pages. The schema is a set of
// embedded migrations (golang-migrate) applied when the store opens.
//
// Records of every type live in one table keyed by type and external id; their fields are
// the canonical JSON object from package record. Writes go through [Store.Update], which
// also appends to the search index's outbox in the same transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/golang-migrate/migrate/v4"
	msqlite "github.com/golang-migrate/migrate/v4/database/sqlite3"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database file inside the data folder.
const FileName = "dataskydd.db"

// Sentinel errors.
var (
	ErrNoStore     = errors.New("no store in this data folder (run init first)")
	ErrStoreExists = errors.New("a store already exists in this data folder")
	ErrNotFound    = errors.New("record not found")
	// ErrCheckpoint is returned (wrapped) by Checkpoint when readers kept the WAL busy.
	ErrCheckpoint = errors.New("the database was busy: the WAL could not be truncated")
)

// Store is an open data folder.
type Store struct {
	DB  *sql.DB // write transactions begin IMMEDIATE, so two writers queue instead of failing
	RO  *sql.DB // for long reads (export, lists): deferred transactions that block no writer
	Dir string

	lang string
}

// CreateOptions are fixed when a store is created.
type CreateOptions struct {
	Lang    string // "sv" or "en": the UI language and the anonymisation replacement word
	OrgName string
	Now     time.Time
}

// Create makes a new store in dir (created owner-only if missing). It refuses a folder that
// already holds one.
func Create(ctx context.Context, dir string, opts CreateOptions) (*Store, error) {
	if opts.Lang == "" {
		opts.Lang = "sv"
	}
	if opts.Lang != "sv" && opts.Lang != "en" {
		return nil, fmt.Errorf("creating store: language %q: want sv or en", opts.Lang)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating data folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("making data folder owner-only: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
		return nil, ErrStoreExists
	}
	s, err := open(ctx, dir)
	if err != nil {
		return nil, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	err = s.SetMeta(ctx, map[string]string{
		"lang":       opts.Lang,
		"org_name":   opts.OrgName,
		"created_at": opts.Now.UTC().Format(time.RFC3339),
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	s.lang = opts.Lang
	return s, nil
}

// Open opens the store in dir, applying any new migrations.
func Open(ctx context.Context, dir string) (*Store, error) {
	if _, err := os.Stat(filepath.Join(dir, FileName)); errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoStore
	}
	s, err := open(ctx, dir)
	if err != nil {
		return nil, err
	}
	s.lang, _ = s.Meta(ctx, "lang")
	return s, nil
}

// DSN returns the connection string for a database file: every pooled connection gets WAL,
// foreign keys, secure_delete and a busy timeout.
func DSN(path string) string { return dsn(path, true) }

func dsn(path string, immediate bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_secure_delete", "true")
	q.Set("_busy_timeout", "10000")
	q.Set("_synchronous", "NORMAL")
	// 64 MiB of page cache per connection: large imports and sweeps touch many index pages.
	q.Set("_cache_size", "-65536")
	if immediate {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func open(ctx context.Context, dir string) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if err := migrateUp(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("opening database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening database: %w", err)
	}
	ro, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening database: %w", err)
	}
	// The database file and its WAL hold personal data: owner-only, like the folder.
	_ = os.Chmod(path, 0o600)
	return &Store{DB: db, RO: ro, Dir: dir}, nil
}

func migrateUp(path string) error {
	db, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		return fmt.Errorf("opening database for migration: %w", err)
	}
	defer db.Close()
	src, err := iofs.New(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("reading migrations: %w", err)
	}
	drv, err := msqlite.WithInstance(db, &msqlite.Config{})
	if err != nil {
		return fmt.Errorf("preparing migration: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "sqlite3", drv)
	if err != nil {
		return fmt.Errorf("preparing migration: %w", err)
	}
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrating database: %w", err)
	}
	return nil
}

// Close checkpoints the WAL into the database file and closes it.
func (s *Store) Close() error {
	s.RO.Close()
	_, _ = s.DB.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return s.DB.Close()
}

// Lang is the language fixed when the store was created ("sv" or "en").
func (s *Store) Lang() string { return s.lang }

// ReplacementWord is the word anonymisation writes in place of personal data.
func (s *Store) ReplacementWord() string {
	if s.lang == "en" {
		return "Anonymised"
	}
	return "Anonymiserad"
}

// Meta reads a key of the store's own settings ("" when unset).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.DB.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading setting %s: %w", key, err)
	}
	return v, nil
}

// SetMeta writes keys of the store's own settings.
func (s *Store) SetMeta(ctx context.Context, kv map[string]string) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("writing settings: %w", err)
	}
	defer tx.Rollback()
	for k, v := range kv {
		if _, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return fmt.Errorf("writing setting %s: %w", k, err)
		}
	}
	return tx.Commit()
}

// Checkpoint folds the WAL into the database file and truncates it, so no old page of an
// erased value lingers in the -wal file. A reader can keep it busy for a moment: it retries
// for about a second, then returns ErrCheckpoint.
func (s *Store) Checkpoint(ctx context.Context) error {
	var err error
	for i := 0; i < 20; i++ {
		if err = s.checkpointOnce(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("%w (%v)", ErrCheckpoint, err)
}

func (s *Store) checkpointOnce(ctx context.Context) error {
	var busy, logFrames, done int
	if err := s.DB.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("checkpointing WAL: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("checkpointing WAL: database busy")
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its complaints (none when ok).
func (s *Store) IntegrityCheck(ctx context.Context) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("checking integrity: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, rows.Err()
}
