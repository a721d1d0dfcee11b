//go:build sqlite_fts5

package main

import (
	"database/sql"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// fts5 inserts the texts into an FTS5 table in one transaction.
func fts5(path string, texts []string) (float64, error) {
	start := time.Now()
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if _, err := db.Exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')"); err != nil {
		return 0, err
	}
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare("INSERT INTO t(text) VALUES (?)")
	if err != nil {
		return 0, err
	}
	for _, t := range texts {
		if _, err := stmt.Exec(t); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return 0, err
	}
	return time.Since(start).Seconds(), nil
}
