package normalize_test

import (
	"database/sql"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"dataskydd/backend/normalize"
)

// FoldGlob in SQLite agrees with Fold and Contains in Go.
func TestFoldGlobAgreesWithFold(t *testing.T) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names := []string{"Åsa Lind", "ÅSA LIND", "asa lind", "Örjan Östergren", "Ørjan", "Élise Müller", "Bygg & Måleri AB",
		"Anna*Star", "Pris [100]", "Ölandsgatan 3?", "Lindqvist", "José Ñúñez", ""}
	queries := []string{"åsa", "ASA", "asa l", "orjan", "östergren", "ØRJAN", "elise", "muller", "måleri", "&",
		"*", "[100]", "?", "a*s", "ñuñez", "nunez", "qvist", "x"}
	for _, name := range names {
		for _, q := range queries {
			var got bool
			if err := db.QueryRow(`SELECT ? GLOB ?`, name, normalize.FoldGlob(q)).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if want := strings.Contains(normalize.Fold(name), normalize.Fold(q)); got != want {
				t.Errorf("%q GLOB FoldGlob(%q) = %v, want %v (pattern %s)", name, q, got, want, normalize.FoldGlob(q))
			}
		}
	}
}
